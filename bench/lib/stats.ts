/** Summary of repeated measurements: median and tail over all runs, never a single run. */
export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Linear interpolation between closest ranks, like core/kpis/stats.ts. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/** Summarises samples (any unit); an empty list gives NaN figures rather than zeros that look real. */
export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / (sorted.length || Number.NaN);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? Number.NaN,
    mean,
  };
}

/** Rounds for reports: 3 significant decimals below 10, 1 decimal below 1000, integers above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  const d = a < 10 ? 3 : a < 1000 ? 1 : 0;
  const f = 10 ** d;
  return Math.round(x * f) / f;
}

/** Rounds every figure of a summary. */
export function rounded(s: Summary): Summary {
  return {
    n: s.n,
    min: round(s.min),
    median: round(s.median),
    p95: round(s.p95),
    p99: round(s.p99),
    max: round(s.max),
    mean: round(s.mean),
  };
}

/**
 * Times `fn` `runs` times after `warmup` unmeasured runs, sequentially, in milliseconds.
 * Sequential on purpose: on a 2-core machine, concurrent runs would measure contention, not the query.
 */
export async function timeRuns(
  fn: () => Promise<unknown>,
  runs: number,
  warmup = 2,
  budgetMs = Infinity,
): Promise<Summary> {
  const begun = Date.now();
  for (let i = 0; i < warmup && Date.now() - begun < budgetMs / 4; i++) await fn();
  const samples: number[] = [];
  // A budget keeps a pathologically slow path bounded on a shared machine: at least 1 run, then stop (the
  // summary's n says how many).
  for (let i = 0; i < runs && (samples.length === 0 || Date.now() - begun < budgetMs); i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return rounded(summarise(samples));
}
