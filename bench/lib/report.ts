import type { Machine } from './machine.js';
import type { BenchFigure } from './result.js';

export interface RunResults {
  date: string;
  store: 'sqlite' | 'postgres';
  quick: boolean;
  incidents: number;
  machine: Machine;
  /** True when the load average showed other work on the machine during the run. */
  shared_cpu: boolean;
  load: Record<string, unknown>;
  /** CPU others used during each suite, in cores (not this process, its children or PostgreSQL). */
  others_cpu_cores?: Record<string, number>;
  figures: BenchFigure[];
  duration_s: number;
}

const fmt = (x: number | null | undefined): string =>
  x === null || x === undefined || Number.isNaN(x) ? '–' : String(x);

const othersLine = (cores: Record<string, number> | undefined): string =>
  cores && Object.keys(cores).length > 0
    ? Object.entries(cores)
        .map(([suite, n]) => `${suite} ${n} cores`)
        .join(', ')
    : 'not measured';

/** A Markdown table of one run's figures (one row per figure), with the goal and met/missed. */
export function markdownTable(results: RunResults): string {
  const lines = [
    `**${results.store}**, ${results.date}, ${results.quick ? 'quick run' : 'full run'}, ${results.incidents} generated incidents; ` +
      `${results.machine.nproc} cores (${results.machine.cpu}), ${results.machine.memory_gb} GB, Node ${results.machine.node}, ` +
      `commit ${results.machine.commit}; load average ${results.machine.load_start} → ${fmt(results.machine.load_end)}` +
      `; CPU used by other processes per suite: ${othersLine(results.others_cpu_cores)}` +
      (results.shared_cpu ? ' — **measured while other processes were using the CPU**' : ''),
    '',
    '| benchmark | figure | value | baseline (same run) | ratio | goal | met |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of results.figures) {
    const met = f.met === true ? 'met' : f.met === false ? '**missed**' : '–';
    const note = f.note ? ` (${f.note})` : '';
    lines.push(
      `| ${f.benchmark} | ${f.metric}${note} | ${fmt(f.value)} ${f.unit} | ${f.baseline === undefined ? '–' : `${fmt(f.baseline)} ${f.unit}`} | ${fmt(f.ratio)} | ${f.goal ?? '–'} | ${met} |`,
    );
  }
  return lines.join('\n');
}
