/**
 * Runs of scheduled jobs, one row per job and tick (`floor(now / every_ms)`, or the day of a daily job), shared
 * by every server instance on the database. Whoever records the row runs the tick; a tick whose runner died (its
 * lease ran out before it finished) may be taken over once. So with several instances a tick runs once, not
 * once per instance.
 */
export interface JobRunStore {
  /**
   * `claimed` when this worker now holds the tick (it recorded it first, or took over an abandoned one),
   * `running` while another worker holds a live lease on it, `finished` once someone completed it.
   */
  claim(job: string, tick: number, worker: string, now: Date, lease_ms: number): Promise<ClaimResult>;
  /** Marks the tick done with a short outcome (counts, or the error). */
  finish(job: string, tick: number, now: Date, outcome: string): Promise<void>;
  /** Forgets finished runs that ended before `before`. */
  prune(before: Date): Promise<number>;
}

export type ClaimResult = 'claimed' | 'running' | 'finished';
