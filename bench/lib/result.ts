/** One measured figure of a benchmark, with its baseline from the same run and the issue-9 goal. */
export interface BenchFigure {
  benchmark: string;
  metric: string;
  value: number | null;
  unit: string;
  /** The baseline measured in the same run (same unit), when the benchmark has one. */
  baseline?: number | null;
  baseline_label?: string;
  /** value / baseline. */
  ratio?: number | null;
  goal?: string;
  /** null when the goal does not apply to this run (e.g. a goal for the large set measured on the small one). */
  met?: boolean | null;
  note?: string;
  details?: Record<string, unknown>;
}

/** value / baseline rounded to 3 decimals; null when either is missing or the baseline is 0. */
export function ratioOf(
  value: number | null | undefined,
  baseline: number | null | undefined,
): number | null {
  if (value === null || value === undefined || !baseline) return null;
  return Math.round((value / baseline) * 1000) / 1000;
}

/** Context every suite gets: the loaded store and how big and how long to run. */
export interface SuiteContext {
  kind: 'sqlite' | 'postgres';
  quick: boolean;
  incidents: number;
  /** Environment for `hindsight serve` against the loaded store. */
  serveEnv: Record<string, string>;
  log: (line: string) => void;
}
