import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/shared/clock.js';
import { Scheduler, type ScheduledJob } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/storage/store.js';
import { STORE_KINDS, freshStore } from '../support/stores.js';

const MINUTE = 60_000;

describe.each(STORE_KINDS)('database-backed scheduler on %s', (kind) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(() => store.dispose());

  function counting(name: string, exclusive: boolean, runs: string[], worker: string): ScheduledJob {
    return {
      name,
      every_ms: MINUTE,
      exclusive,
      run: () => {
        runs.push(worker);
        return Promise.resolve({ ran: 1 });
      },
    };
  }

  it('runs an exclusive tick on one of several instances, and a shared job on each', async () => {
    const clock = new ManualClock('2024-01-16T10:00:10Z');
    const exclusive: string[] = [];
    const shared: string[] = [];
    const schedulers = ['w1', 'w2', 'w3'].map(
      (worker) =>
        new Scheduler({
          jobs: [counting('count', true, exclusive, worker), counting('share', false, shared, worker)],
          runs: store.stores.jobRuns,
          clock,
          worker,
          poll_ms: 1_000,
        }),
    );
    for (let minute = 0; minute < 3; minute += 1) {
      await Promise.all(schedulers.map((s) => s.runOnce()));
      await Promise.all(schedulers.map((s) => s.runOnce()));
      clock.advance(MINUTE);
    }
    expect(exclusive).toHaveLength(3);
    expect(shared).toHaveLength(3 * 2 * 3);
  });

  it('lets another instance take over a tick whose runner died, once its lease ran out', async () => {
    const runs = store.stores.jobRuns;
    const at = new Date('2024-01-16T11:00:00Z');
    const tick = Math.floor(at.getTime() / MINUTE);
    expect(await runs.claim('digest', tick, 'dead', at, MINUTE)).toBe('claimed');
    expect(await runs.claim('digest', tick, 'w2', new Date(at.getTime() + 30_000), MINUTE)).toBe('running');
    const later = new Date(at.getTime() + MINUTE + 1);
    const [a, b] = await Promise.all([
      runs.claim('digest', tick, 'w2', later, MINUTE),
      runs.claim('digest', tick, 'w3', later, MINUTE),
    ]);
    expect([a, b].sort()).toEqual(['claimed', 'running']);
    await runs.finish('digest', tick, later, '{}');
    expect(await runs.claim('digest', tick, 'w4', new Date(later.getTime() + 5 * MINUTE), MINUTE)).toBe(
      'finished',
    );
    expect(await runs.prune(new Date(later.getTime() + 1))).toBeGreaterThanOrEqual(1);
  });

  it('carries on after a job throws, and records the error as the outcome', async () => {
    const clock = new ManualClock('2024-01-16T12:00:00Z');
    const errors: string[] = [];
    const scheduler = new Scheduler({
      jobs: [
        { name: 'broken', every_ms: MINUTE, exclusive: true, run: () => Promise.reject(new Error('boom')) },
        counting('after', true, [], 'w1'),
      ],
      runs: store.stores.jobRuns,
      clock,
      worker: 'w1',
      poll_ms: 1_000,
      onError: (job, error) => errors.push(`${job}: ${(error as Error).message}`),
    });
    expect(await scheduler.runOnce()).toEqual({ after: { ran: 1 } });
    expect(errors).toEqual(['broken: boom']);
    const row = await store.db
      .selectFrom('job_runs')
      .select(['outcome', 'finished_at_ms'])
      .where('job', '=', 'broken')
      .executeTakeFirstOrThrow();
    expect(row.outcome).toBe('error: Error: boom');
  });
});
