import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../src/core/actions/action.schema.js';
import { planActionEvent } from '../../src/core/notifications/action.events.js';
import { planActionReminders, type ReminderSettings } from '../../src/core/notifications/reminder.planner.js';
import { systemActor } from '../../src/core/shared/actor.js';
import { ManualClock } from '../../src/core/shared/clock.js';
import { teamLeadOf } from '../../src/core/workflow/notify.ports.js';
import { buildServices } from '../../src/services.js';
import { openStore, type Store } from '../../src/storage/store.js';
import { buildIncidentInput } from '../support/factories.js';
import { HttpReceiver } from '../support/receivers/http-receiver.js';
import { SmtpSink } from '../support/receivers/smtp-sink.js';
import { freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';
import { startInstance, type Instance } from './support/instances.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T00:00:00Z');
/** One simulated day every 1.5 real seconds. */
const SPEED = DAY / 1_500;
const SETTINGS: Partial<ReminderSettings> = {
  due_soon_days: 3,
  // One overdue reminder per action in the window, so the expected set does not depend on timing.
  overdue_repeat_days: 30,
  escalate_after_days: 3,
  time_zone: 'UTC',
  default_channels: ['email'],
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three `hindsight serve` processes (two with web and worker roles, one worker only) on one PostgreSQL database, with a clock that
 * runs a simulated day every 1.5 s. Twelve actions are due over the first week; one process is killed
 * with SIGKILL halfway. Every due reminder must reach the SMTP sink or the webhook receiver exactly once.
 */
describe('three server instances on one PostgreSQL', () => {
  let fresh: FreshStoreConfig;
  let store: Store;
  let actions: Action[] = [];
  const sink = new SmtpSink();
  const receiver = new HttpReceiver();
  const instances: Instance[] = [];

  beforeAll(async () => {
    fresh = await freshStoreConfig('postgres');
    store = await openStore(fresh.config);
    const services = buildServices(store, new ManualClock(new Date(T0)), { notify: SETTINGS });
    const people = [
      ['ana', 'ops'],
      ['ben', 'ops'],
      ['cara', 'sec'],
      ['dev', 'sec'],
      ['lead1', 'ops'],
      ['lead2', 'sec'],
    ] as const;
    for (const [username, team] of people) {
      await services.users.create(systemActor, {
        username,
        role: 'responder',
        teams: [team],
        email: `${username}@example.com`,
      });
    }
    for (const username of ['cara', 'dev', 'lead2']) {
      await services.preferences.put(systemActor, 'user', username, { channels: ['webhook'] });
    }
    await services.preferences.put(systemActor, 'team', 'ops', {
      email: 'ops@example.com',
      lead_id: 'lead1',
    });
    await services.preferences.put(systemActor, 'team', 'sec', { channels: ['webhook'], lead_id: 'lead2' });
    const incident = await services.incidents.create(systemActor, buildIncidentInput());
    for (const owner of ['user:ana', 'user:ben', 'user:cara', 'user:dev', 'team:ops', 'team:sec']) {
      for (const due of ['2026-12-04', '2026-12-06']) {
        const [kind, id] = owner.split(':') as ['user' | 'team', string];
        await services.actions.create(systemActor, {
          incident_ids: [incident.id],
          title: `Action of ${owner} due ${due}`,
          type: 'corrective',
          category: 'reliability',
          owner: { kind, id },
          due_date: due,
          priority: 'High',
          risk_reduction: 3,
          feasibility: 3,
          success_criteria: 'Verified in a drill',
        });
      }
    }
    actions = (await services.actions.list(systemActor, { limit: 100 })).items;
    const { host, port } = await sink.start();
    const hook = `${await receiver.start()}/hooks/hindsight`;
    // The simulated week starts once every instance is up: starting three from the TypeScript sources
    // takes several seconds on two cores, and their clocks stand still at T0 until the anchor.
    const startBudgetMs = 45_000;
    const anchor = Date.now() + startBudgetMs;
    for (const name of ['w1', 'w2', 'w3']) {
      instances.push(
        startInstance(
          name,
          {
            DATABASE_URL: fresh.config.kind === 'postgres' ? fresh.config.url : '',
            HINDSIGHT_DB_POOL: '4',
            HINDSIGHT_PORT: '0',
            HINDSIGHT_WORKER_ID: name,
            HINDSIGHT_CLOCK_ANCHOR_MS: String(anchor),
            HINDSIGHT_CLOCK_OFFSET_MS: String(T0 - anchor),
            HINDSIGHT_CLOCK_SPEED: String(SPEED),
            HINDSIGHT_SCHEDULER_POLL_MS: '100',
            HINDSIGHT_REMINDERS_EVERY_MS: String(DAY / 12),
            HINDSIGHT_DIGEST_EVERY_MS: String(DAY / 4),
            HINDSIGHT_WORKFLOW_EVERY_MS: String(DAY / 4),
            // Real milliseconds (the worker lengthens it by the clock's speed): 2 s is 1.3 simulated days.
            HINDSIGHT_DELIVERY_LEASE_MS: '2000',
            HINDSIGHT_REMINDER_DUE_SOON_DAYS: '3',
            HINDSIGHT_REMINDER_REPEAT_DAYS: '30',
            HINDSIGHT_ESCALATE_AFTER_DAYS: '3',
            HINDSIGHT_NOTIFY_CHANNELS: 'email',
            HINDSIGHT_SMTP_HOST: host,
            HINDSIGHT_SMTP_PORT: String(port),
            HINDSIGHT_SMTP_FROM: 'hindsight@example.com',
            HINDSIGHT_WEBHOOK_URL: hook,
            HINDSIGHT_WEBHOOK_SECRET: 'whsec-three-instances',
          }, // w1 takes the default roles, w2 asks for both, w3 is a worker without the API.
          name === 'w1' ? [] : [`--roles=${name === 'w2' ? 'web,worker' : 'worker'}`],
        ),
      );
    }
    await Promise.all(instances.map((i) => i.ready));
    expect(Date.now(), `the instances took more than ${startBudgetMs} ms to start`).toBeLessThan(anchor);
    const wallAt = (simulated: number) => anchor + (simulated - T0) / SPEED;
    // Halfway through the week, between two days' reminders: the instance dies holding whatever it held.
    await sleep(Math.max(0, wallAt(T0 + 4.5 * DAY) - Date.now()));
    await instances[1]?.kill();
    await sleep(Math.max(0, wallAt(T0 + 10.5 * DAY) - Date.now()));
    for (let waited = 0; waited < 10_000 && (await pendingCount()) > 0; waited += 200) await sleep(200);
    await Promise.all([instances[0]?.stop(), instances[2]?.stop()]);
  }, 150_000);

  afterAll(async () => {
    for (const instance of instances) if (instance.child.exitCode === null) await instance.kill();
    await sink.stop();
    await receiver.stop();
    await store?.close();
    await fresh?.cleanup();
  });

  async function pendingCount(): Promise<number> {
    return (await store.stores.outbox.list('pending')).length;
  }

  /** Every key due in the simulated window: the assignments plus each day's reminders. */
  async function expectedKeys(): Promise<Set<string>> {
    const snapshot = await store.stores.directory.load();
    const subjects = actions.map((action) => ({
      action,
      team_lead_id: action.owner.kind === 'user' ? teamLeadOf(action.owner.id, snapshot) : undefined,
    }));
    const keys = new Set<string>();
    for (const action of actions) {
      for (const n of planActionEvent(
        'action_assigned',
        action,
        new Date(T0),
        SETTINGS,
        snapshot.directory,
      )) {
        keys.add(n.key);
      }
    }
    for (let day = 0; day <= 10; day += 1) {
      const at = new Date(T0 + day * DAY + DAY / 2);
      for (const n of planActionReminders(subjects, at, SETTINGS, snapshot.directory)) keys.add(n.key);
    }
    return keys;
  }

  it('sends every due reminder exactly once: none missed, none twice, none extra', async () => {
    const received = [
      ...sink.messages.map((m) => m.headers['x-hindsight-delivery'] ?? ''),
      ...receiver.requests.map((r) => r.headers['x-hindsight-delivery'] ?? ''),
    ];
    const expected = await expectedKeys();
    // 12 assignments, 12 due soon, 12 overdue, 12 escalations (every owner has a lead who is not them).
    expect(expected.size).toBe(48);
    const duplicates = received.filter((key, i) => received.indexOf(key) !== i);
    expect(duplicates, 'delivered twice').toEqual([]);
    expect(
      [...expected].filter((key) => !received.includes(key)),
      'missed',
    ).toEqual([]);
    expect(
      received.filter((key) => !expected.has(key)),
      'not due',
    ).toEqual([]);
    expect(receiver.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('recorded each notification once in the outbox and the survivors finished the work', async () => {
    const outbox = await store.stores.outbox.list();
    expect(outbox).toHaveLength(48);
    expect(outbox.filter((i) => i.status !== 'sent')).toEqual([]);
    const senders = new Set(outbox.map((i) => i.sent_by));
    expect(senders.has('w1') || senders.has('w3')).toBe(true);
    const escalations = outbox.filter((i) => i.notification.kind === 'action_escalated');
    // Escalations fall due on 12-07 and 12-09, after w2 was killed on 12-05: only the survivors sent them.
    expect(escalations).toHaveLength(12);
    expect(escalations.every((i) => i.sent_by === 'w1' || i.sent_by === 'w3')).toBe(true);
    expect(instances[1]?.child.signalCode).toBe('SIGKILL');
    expect(instances[2]?.log.join('')).toContain('Hindsight worker is running');
    expect(instances[0]?.log.join('')).toMatch(/Hindsight is serving http:\/\/127\.0\.0\.1:\d+/);
  });
});
