import type { ReminderService } from '../core/workflow/reminders.service.js';
import type { ScheduledJob } from './scheduler.js';

/**
 * Action reminders: due soon, overdue (repeating) and escalation to the owner's team lead, recorded in the
 * outbox once per key. Exclusive per tick; a missed tick costs nothing, since every run plans all that is
 * due at its time.
 */
export function remindersJob(reminders: ReminderService, every_ms: number): ScheduledJob {
  return {
    name: 'reminders',
    every_ms,
    exclusive: true,
    run: async () => ({ ...(await reminders.reminders()) }),
  };
}
