import type { Kysely } from 'kysely';
import type { ClaimResult, JobRunStore } from '../../core/workflow/schedule.ports.js';
import type { Database } from '../schema.js';

/**
 * Job runs in SQL. A claim is an `INSERT … ON CONFLICT DO NOTHING` on (job, tick): of several instances
 * claiming one tick, the database lets exactly one insert win. An unfinished run whose lease ran out is
 * taken over by one conditional UPDATE, which again only one claimant can match.
 */
export class ScheduleRepository implements JobRunStore {
  constructor(private readonly db: Kysely<Database>) {}

  async claim(job: string, tick: number, worker: string, now: Date, lease_ms: number): Promise<ClaimResult> {
    const t = now.getTime();
    const inserted = await this.db
      .insertInto('job_runs')
      .values({
        job,
        tick,
        claimed_by: worker,
        claimed_at_ms: t,
        lease_until_ms: t + lease_ms,
        finished_at_ms: null,
        outcome: null,
      })
      .onConflict((oc) => oc.columns(['job', 'tick']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return 'claimed';
    const taken = await this.db
      .updateTable('job_runs')
      .set({ claimed_by: worker, claimed_at_ms: t, lease_until_ms: t + lease_ms })
      .where('job', '=', job)
      .where('tick', '=', tick)
      .where('finished_at_ms', 'is', null)
      .where('lease_until_ms', '<', t)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) > 0) return 'claimed';
    const row = await this.db
      .selectFrom('job_runs')
      .select('finished_at_ms')
      .where('job', '=', job)
      .where('tick', '=', tick)
      .executeTakeFirst();
    return row?.finished_at_ms == null ? 'running' : 'finished';
  }

  async finish(job: string, tick: number, now: Date, outcome: string): Promise<void> {
    await this.db
      .updateTable('job_runs')
      .set({ finished_at_ms: now.getTime(), outcome: outcome.slice(0, 1_000) })
      .where('job', '=', job)
      .where('tick', '=', tick)
      .execute();
  }

  async prune(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('job_runs')
      .where('finished_at_ms', 'is not', null)
      .where('finished_at_ms', '<', before.getTime())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
