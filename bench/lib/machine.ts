import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  nproc: number;
  cpu: string;
  memory_gb: number;
  node: string;
  commit: string;
  /** 1-minute load average when the run started and ended (the benchmark's own work counts in it). */
  load_start: number;
  load_end?: number;
}

/** The machine and commit a run measured, for the results file and the table. */
export function describeMachine(): Machine {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes in src/)';
  } catch {
    // not a git checkout
  }
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    commit,
    load_start: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** The current 1-minute load average. */
export function loadNow(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
