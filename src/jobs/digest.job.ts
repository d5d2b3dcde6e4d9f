import type { ReminderService } from '../core/workflow/reminders.service.js';
import type { ScheduledJob } from './scheduler.js';

/**
 * Daily digests for people and teams who chose them: one message a day per channel, from the digest hour
 * in the working calendar's time zone, keyed by recipient and date so it goes out once.
 */
export function digestJob(reminders: ReminderService, every_ms: number): ScheduledJob {
  return {
    name: 'digest',
    every_ms,
    exclusive: true,
    run: async () => ({ ...(await reminders.digests()) }),
  };
}
