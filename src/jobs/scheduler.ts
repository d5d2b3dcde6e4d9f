import type { Clock } from '../core/shared/clock.js';
import type { JobRunStore } from '../core/workflow/schedule.ports.js';

/** Counts a job reports about one run (planned, recorded, sent, ...). */
export type JobOutcome = Record<string, number>;

/**
 * A job the scheduler runs. An `exclusive` job runs once per tick across every instance (a tick is
 * `floor(now / every_ms)` on the shared clock, or what `due` says); a job that is not exclusive runs on every
 * pass of every instance, for work that is itself safe in parallel (delivery claims outbox rows with a lease).
 */
export interface ScheduledJob {
  name: string;
  every_ms: number;
  exclusive: boolean;
  /**
   * For a job due at times of its own (a local hour each day) rather than every `every_ms`: the tick due at
   * `now`, or undefined while none is. Asked on every pass, so it should mostly answer from memory.
   */
  due?(now: Date): Promise<number | undefined>;
  /** How long a claimed tick is this instance's before another may take it over; `every_ms` by default. */
  lease_ms?: number;
  run(now: Date): Promise<JobOutcome>;
}

export interface SchedulerOptions {
  jobs: readonly ScheduledJob[];
  runs: JobRunStore;
  clock: Clock;
  /** This instance, in leases and job runs. */
  worker: string;
  /** Real milliseconds between passes. */
  poll_ms: number;
  /** Called when a job throws; the scheduler carries on with the next job and pass. */
  onError?: (job: string, error: unknown) => void;
  /** Called after each run, for logs. */
  onRun?: (job: string, outcome: JobOutcome) => void;
}

/** What one pass did: the jobs this instance ran and their outcomes. */
export type PassReport = Record<string, JobOutcome>;

/**
 * Runs scheduled jobs inside the server (the worker role), on a schedule kept in the database so several
 * instances share it: each exclusive tick is claimed with a lease row, and a tick whose instance died
 * mid-run is taken over once its lease runs out.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<PassReport> | undefined;
  private stopped = false;
  private readonly finished = new Map<string, number>();

  constructor(private readonly options: SchedulerOptions) {}

  /** Starts polling; each pass starts only after the previous one ended. */
  start(): void {
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      this.pass = this.runOnce();
      void this.pass.finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.options.poll_ms);
      });
    };
    loop();
  }

  /** Stops polling and waits for the pass in progress, so nothing writes after the store closes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass?.catch(() => undefined);
  }

  /** One pass over every job; what tests and the poll loop call. */
  async runOnce(): Promise<PassReport> {
    const report: PassReport = {};
    for (const job of this.options.jobs) {
      if (this.stopped) break;
      const outcome = await this.runJob(job);
      if (outcome) report[job.name] = outcome;
    }
    return report;
  }

  private async runJob(job: ScheduledJob): Promise<JobOutcome | undefined> {
    const { runs, clock, worker } = this.options;
    const now = clock.now();
    let tick: number | undefined;
    try {
      tick = job.due ? await job.due(now) : Math.floor(now.getTime() / job.every_ms);
      if (tick === undefined) return undefined;
      if (job.exclusive) {
        if (this.finished.get(job.name) === tick) return undefined;
        const claim = await runs.claim(job.name, tick, worker, now, job.lease_ms ?? job.every_ms);
        if (claim === 'finished') this.finished.set(job.name, tick);
        if (claim !== 'claimed') return undefined;
      }
      const outcome = await job.run(now);
      if (job.exclusive) {
        await runs.finish(job.name, tick, clock.now(), JSON.stringify(outcome));
        this.finished.set(job.name, tick);
      }
      this.options.onRun?.(job.name, outcome);
      return outcome;
    } catch (error) {
      this.options.onError?.(job.name, error);
      if (job.exclusive && tick !== undefined) {
        // Recorded as finished with the error: the next tick tries again, and every tick plans afresh.
        await runs.finish(job.name, tick, clock.now(), `error: ${String(error)}`).catch(() => undefined);
      }
      return undefined;
    }
  }
}
