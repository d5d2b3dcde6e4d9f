import { rssMb, serveChild, serveHindsight } from '../lib/processes.js';
import { ratioOf, type BenchFigure, type SuiteContext } from '../lib/result.js';
import { round, summarise } from '../lib/stats.js';

/** How long the first run is watched after healthy: the worker's first pass and V8's shrinking of the heap after it. */
const SETTLE_MS = 30_000;

/**
 * Cold start to healthy: spawn `node dist/hindsight/main.js serve` (what `npm start` runs) on the loaded store and poll /healthz;
 * then RSS 1.5 s after healthy. Baseline: a bare Fastify process started the same way. The first run is also
 * watched for SETTLE_MS: on a store whose worker tick is not yet done it runs the worker's first pass (reminders
 * for every open action), so its RSS right after start is a burst, not idle; the figure after the settle is.
 */
export async function startupBench(ctx: SuiteContext): Promise<BenchFigure[]> {
  const runs = ctx.quick ? 5 : 10;
  const ready: number[] = [];
  const bareReady: number[] = [];
  const rss: number[] = [];
  let settled: { peak: number; last: number } | null = null;
  for (let run = 0; run < runs; run++) {
    const bare = await serveChild('bare-server');
    bareReady.push(bare.readyMs);
    await bare.stop();
    const served = await serveHindsight(ctx.serveEnv);
    ready.push(served.readyMs);
    await new Promise((r) => setTimeout(r, 1500));
    const mb = served.child.pid ? rssMb(served.child.pid) : null;
    if (mb !== null) rss.push(mb);
    if (run === 0 && served.child.pid) settled = await watchRss(served.child.pid, SETTLE_MS - 1500, mb ?? 0);
    await served.stop();
    ctx.log(`  startup run ${run + 1}: healthy in ${Math.round(served.readyMs)} ms, idle RSS ${mb} MB`);
  }
  const start = summarise(ready);
  const base = summarise(bareReady);
  const idle = summarise(rss);
  return [
    {
      benchmark: 'startup',
      metric: 'cold_start_to_healthy',
      value: round(start.median),
      unit: 'ms',
      baseline: round(base.median),
      baseline_label: 'bare Fastify process to first 200',
      ratio: ratioOf(start.median, base.median),
      goal: '< 1000 ms',
      met: start.p95 < 1000,
      details: { runs, p95_ms: round(start.p95), max_ms: round(start.max) },
    },
    {
      benchmark: 'startup',
      metric: 'idle_rss',
      value: round(idle.median),
      unit: 'MB',
      goal: '< 150 MB',
      met: idle.max < 150,
      note: "1.5 s after healthy; the first run may include the worker's first pass",
      details: { runs: rss.length, max_mb: round(idle.max) },
    },
    {
      benchmark: 'startup',
      metric: 'settled_rss',
      value: settled ? settled.last : 0,
      unit: 'MB',
      goal: '< 150 MB',
      met: settled ? settled.last < 150 : null,
      note: `first run, ${SETTLE_MS / 1000} s after healthy (worker's first pass done, heap shrunk)`,
      details: { peak_mb: settled?.peak ?? null, watched_ms: SETTLE_MS },
    },
  ];
}

/** RSS sampled every 500 ms for `ms`: the highest seen and the last. */
async function watchRss(pid: number, ms: number, first: number): Promise<{ peak: number; last: number }> {
  let peak = first;
  let last = first;
  for (let waited = 0; waited < ms; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    const mb = rssMb(pid);
    if (mb === null) break;
    peak = Math.max(peak, mb);
    last = mb;
  }
  return { peak, last };
}
