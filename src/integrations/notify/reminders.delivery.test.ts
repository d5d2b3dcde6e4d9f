import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAction } from '../../core/actions/action.fixtures.js';
import { planActionReminders } from '../../core/notifications/reminder.planner.js';
import { ManualClock } from '../../core/shared/clock.js';
import { MemoryOutbox } from '../../../test/support/receivers/memory-outbox.js';
import { SmtpSink } from '../../../test/support/receivers/smtp-sink.js';
import { deliver } from './delivery.loop.js';
import { EmailChannel } from './email.channel.js';

describe('reminders planned every 6 hours for nine days, delivered by email', () => {
  const sink = new SmtpSink();
  let email: EmailChannel;

  beforeAll(async () => {
    const { host, port } = await sink.start();
    email = new EmailChannel({ host, port, secure: false, from: 'hindsight@example.com' });
  });

  afterAll(async () => {
    email.close();
    await sink.stop();
  });

  it('sends each due reminder exactly once', async () => {
    const directory = {
      users: {
        alice: { email: 'alice@example.com', digest: false },
        lena: { email: 'lena@example.com', digest: false },
      },
      teams: {},
    };
    const subjects = [{ action: buildAction({ due_date: '2026-12-01' }), team_lead_id: 'lena' }];
    const clock = new ManualClock('2026-11-27T00:30:00Z');
    const outbox = new MemoryOutbox();
    let planned = 0;
    for (let run = 0; run < 4 * 9; run += 1) {
      for (const n of planActionReminders(subjects, clock.now(), {}, directory)) {
        planned += 1;
        await outbox.enqueue(n, clock.now());
      }
      await deliver(outbox, [email], clock, { worker: 'w1' });
      clock.advance(6 * 3_600_000);
    }
    const subjectsSeen = sink.messages.map((m) => `${m.envelope.to.join()} ${m.headers.subject}`);
    expect(subjectsSeen).toEqual([
      'alice@example.com [Hindsight] ACT-000001 is due in 3 days (2026-12-01): Alert on root-account console logins',
      'alice@example.com [Hindsight] ACT-000001 is 1 day overdue: Alert on root-account console logins',
      'alice@example.com [Hindsight] ACT-000001 is 2 days overdue: Alert on root-account console logins',
      'lena@example.com [Hindsight] Escalation: ACT-000001 is 3 days overdue (owner user:alice)',
      'alice@example.com [Hindsight] ACT-000001 is 3 days overdue: Alert on root-account console logins',
      'alice@example.com [Hindsight] ACT-000001 is 4 days overdue: Alert on root-account console logins',
    ]);
    // Due soon planned 4 runs a day on 11-28..12-01, overdue on 12-02..12-05, escalation on 12-04..12-05.
    expect(planned).toBe(16 + 16 + 8);
    expect(outbox.all().every((i) => i.status === 'sent')).toBe(true);
    expect(new Set(sink.messages.map((m) => m.headers['x-hindsight-delivery'])).size).toBe(
      sink.messages.length,
    );
  });
});
