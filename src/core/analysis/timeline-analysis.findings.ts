import type { Problem } from '../shared/errors.js';

/** Something in the incident record a reviewer should fix or confirm before the review is signed off. */
export interface TimelineFinding extends Problem {
  code:
    | 'milestones_out_of_order'
    | 'milestone_missing'
    | 'unparseable_time'
    | 'event_before_impact'
    | 'event_after_resolution';
  /** `error`: the record contradicts itself; `warning`: incomplete or worth a second look. */
  severity: 'error' | 'warning';
}
