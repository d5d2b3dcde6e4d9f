import { systemActor } from '../../../src/core/shared/actor.js';
import type { Role } from '../../../src/core/shared/vocabulary.js';
import type { WorkerConfig } from '../../../src/jobs/worker.config.js';
import { buildWorker, type Worker } from '../../../src/jobs/worker.js';
import type { StoredOutboxItem } from '../../../src/storage/repositories/outbox.repository.js';
import { HttpReceiver } from '../../support/receivers/http-receiver.js';
import { SmtpSink } from '../../support/receivers/smtp-sink.js';
import type { TestServer } from '../../support/http.js';

export const WEBHOOK_SECRET = 'whsec-test-0123456789';

/** A worker config for in-process tests: one-minute ticks, quick retries, the given channels. */
export function testWorkerConfig(channels: WorkerConfig['channels']): WorkerConfig {
  return {
    worker_id: 'test-worker',
    channels,
    notify: {},
    workflow: {},
    poll_ms: 60_000,
    every_ms: { reminders: 60_000, digest: 60_000, review_workflow: 60_000 },
    derived_refresh_hour: 3,
    delivery: {
      lease_ms: 60_000,
      batch_size: 50,
      policy: { max_attempts: 3, base_delay_ms: 60_000, factor: 2, max_delay_ms: 3_600_000 },
    },
  };
}

/** A test server with an in-process worker delivering to a real SMTP sink and a real HTTP receiver. */
export interface WorkerHarness {
  worker: Worker;
  sink: SmtpSink;
  receiver: HttpReceiver;
  /** One scheduler pass at the test clock's time. */
  pass(): ReturnType<Worker['scheduler']['runOnce']>;
  outbox(): Promise<StoredOutboxItem[]>;
  stop(): Promise<void>;
}

export async function startWorkerHarness(t: TestServer): Promise<WorkerHarness> {
  const sink = new SmtpSink();
  const receiver = new HttpReceiver();
  const { host, port } = await sink.start();
  const url = `${await receiver.start()}/hooks/hindsight`;
  const worker = buildWorker(
    t.server.store,
    t.server.services,
    t.clock,
    testWorkerConfig({
      email: { host, port, secure: false, from: 'Hindsight <hindsight@example.com>' },
      webhook: { url, secret: WEBHOOK_SECRET },
    }),
  );
  return {
    worker,
    sink,
    receiver,
    pass: () => worker.scheduler.runOnce(),
    outbox: () => t.server.store.stores.outbox.list(),
    stop: async () => {
      await worker.stop();
      await sink.stop();
      await receiver.stop();
    },
  };
}

/** Creates a user with an email address, teams and a token. */
export async function addUser(
  t: TestServer,
  username: string,
  role: Role,
  teams: string[] = [],
): Promise<{ username: string; token: string }> {
  await t.server.services.users.create(systemActor, {
    username,
    role,
    teams,
    email: `${username}@example.com`,
  });
  const { token } = await t.server.services.users.createToken(systemActor, username, 'test');
  return { username, token };
}
