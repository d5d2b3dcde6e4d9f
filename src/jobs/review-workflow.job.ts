import type { ReviewAutomationService } from '../core/workflow/review-workflow.service.js';
import type { ScheduledJob } from './scheduler.js';

/**
 * The review workflow (SEC10-BP08 Example 1): schedules reviews of resolved incidents, invites and asks
 * participants for feedback, reminds them until publication, stores the report when published.
 */
export function reviewWorkflowJob(automation: ReviewAutomationService, every_ms: number): ScheduledJob {
  return {
    name: 'review_workflow',
    every_ms,
    exclusive: true,
    run: async () => ({ ...(await automation.advance()) }),
  };
}
