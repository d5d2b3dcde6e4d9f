/**
 * The review document fields a template can ask for, by path in the review document (the body of
 * PUT /api/v1/incidents/{id}/review). `lessons[].owner` means the `owner` of every lesson.
 */
export const REVIEW_FIELDS = {
  incident_ids: { label: 'Incident IDs', prompt: 'Which incidents does this review cover?' },
  incident_date: { label: 'Incident date', prompt: 'When did the incident happen?' },
  review_date: { label: 'Review date', prompt: 'When was the review held?' },
  facilitator: { label: 'Facilitator', prompt: 'Who facilitated the review?' },
  participants: { label: 'Participants', prompt: 'Who took part in the review?' },
  'summary.description': { label: 'Description', prompt: 'What happened?' },
  'summary.impact': { label: 'Impact', prompt: 'What was the business/technical impact?' },
  'summary.duration': { label: 'Duration', prompt: 'Time from detection to resolution' },
  timeline: { label: 'Timeline', prompt: 'Key events and timeline' },
  'timeline[].time': { label: 'Timeline event time', prompt: 'When did it happen?' },
  'timeline[].event': { label: 'Timeline event', prompt: 'What happened?' },
  'timeline[].source': { label: 'Timeline event source', prompt: 'Where was it observed?' },
  'timeline[].action': { label: 'Timeline event action', prompt: 'What was done?' },
  'response_analysis.what_went_well': {
    label: 'What went well',
    prompt: 'What aspects of the response were effective?',
  },
  'response_analysis.what_could_improve': {
    label: 'What could improve',
    prompt: 'What could have been done better?',
  },
  contributing_factors: { label: 'Contributing factors', prompt: 'What were the underlying causes?' },
  'contributing_factors[].category': {
    label: 'Contributing factor category',
    prompt: 'Technical/Process/Human/Organizational',
  },
  'contributing_factors[].description': {
    label: 'Contributing factor',
    prompt: 'What condition contributed?',
  },
  'contributing_factors[].evidence': { label: 'Contributing factor evidence', prompt: 'What shows it?' },
  lessons: { label: 'Lessons learned', prompt: 'What did we learn?' },
  'lessons[].lesson': { label: 'Lesson', prompt: 'Specific lesson learned' },
  'lessons[].category': { label: 'Lesson category', prompt: 'Technical/Process/Human/Organizational' },
  'lessons[].priority': { label: 'Lesson priority', prompt: 'Critical/High/Medium/Low' },
  'lessons[].owner': { label: 'Lesson owner', prompt: 'Who owns acting on it?' },
  'lessons[].due_date': { label: 'Lesson due date', prompt: 'By when?' },
  action_items: { label: 'Action items', prompt: 'What will we change?' },
  'action_items[].action': { label: 'Action', prompt: 'Specific improvement action' },
  'action_items[].owner': { label: 'Action owner', prompt: 'Responsible person/team' },
  'action_items[].due_date': { label: 'Action due date', prompt: 'Target completion date' },
  'action_items[].success_criteria': { label: 'Success criteria', prompt: "How will we know it's done?" },
} as const satisfies Record<string, { label: string; prompt: string }>;

export type ReviewFieldPath = keyof typeof REVIEW_FIELDS;
export const REVIEW_FIELD_PATHS = Object.keys(REVIEW_FIELDS) as ReviewFieldPath[];

/**
 * Where each field of SEC10-BP08's templates lands in the review document. Keys are `section.field` for
 * mapping sections and `section[].field` for list sections; Step 1's names (`incident_summary`,
 * `response_analysis`, `root_causes`) are accepted beside Best Practice 2's.
 */
export const SEED_FIELD_PATHS: Readonly<Record<string, ReviewFieldPath>> = {
  'metadata.incident_id': 'incident_ids',
  'metadata.incident_ids': 'incident_ids',
  'metadata.incident_date': 'incident_date',
  'metadata.review_date': 'review_date',
  'metadata.facilitator': 'facilitator',
  'metadata.participants': 'participants',
  'incident_overview.description': 'summary.description',
  'incident_overview.impact': 'summary.impact',
  'incident_overview.duration': 'summary.duration',
  'incident_overview.timeline': 'timeline',
  'incident_summary.description': 'summary.description',
  'incident_summary.impact': 'summary.impact',
  'incident_summary.duration': 'summary.duration',
  'analysis.what_went_well': 'response_analysis.what_went_well',
  'analysis.what_could_improve': 'response_analysis.what_could_improve',
  'analysis.root_causes': 'contributing_factors',
  'response_analysis.what_went_well': 'response_analysis.what_went_well',
  'response_analysis.what_could_improve': 'response_analysis.what_could_improve',
  timeline: 'timeline',
  root_causes: 'contributing_factors',
  'timeline[].time': 'timeline[].time',
  'timeline[].event': 'timeline[].event',
  'timeline[].source': 'timeline[].source',
  'timeline[].action': 'timeline[].action',
  'lessons_learned[].lesson': 'lessons[].lesson',
  'lessons_learned[].category': 'lessons[].category',
  'lessons_learned[].priority': 'lessons[].priority',
  'lessons_learned[].owner': 'lessons[].owner',
  'lessons_learned[].due_date': 'lessons[].due_date',
  'action_items[].action': 'action_items[].action',
  'action_items[].owner': 'action_items[].owner',
  'action_items[].due_date': 'action_items[].due_date',
  'action_items[].success_criteria': 'action_items[].success_criteria',
};
