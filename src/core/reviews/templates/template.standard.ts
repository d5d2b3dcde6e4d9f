import { parseTemplateYaml } from './template.parse.js';
import { ReviewTemplate } from './template.schema.js';

/** SEC10-BP08, Best Practice 2 ("Standardize the Learning Process"), verbatim. */
export const STANDARD_TEMPLATE_YAML = `# Standard Post-Incident Review Template
post_incident_review:
  metadata:
    incident_id: "Required"
    review_date: "Required"
    facilitator: "Required"
    participants: "Required list"
    
  incident_overview:
    description: "What happened?"
    impact: "What was the business/technical impact?"
    timeline: "Key events and timeline"
    
  analysis:
    what_went_well: "What aspects of the response were effective?"
    what_could_improve: "What could have been done better?"
    root_causes: "What were the underlying causes?"
    
  lessons_learned:
    - lesson: "Specific lesson learned"
      category: "Technical/Process/Human/Organizational"
      priority: "Critical/High/Medium/Low"
      
  action_items:
    - action: "Specific improvement action"
      owner: "Responsible person/team"
      due_date: "Target completion date"
      success_criteria: "How will we know it's done?"
`;

/**
 * The default template: SEC10-BP08's Standard Post-Incident Review Template, applying to every incident,
 * due 5 business days after resolution, self-approval forbidden, blameless check as warnings.
 */
export const DEFAULT_REVIEW_TEMPLATE: ReviewTemplate = parseTemplateYaml(STANDARD_TEMPLATE_YAML, {
  id: 'standard',
});

/**
 * Drills, tests and game days: no review is due; notes are optional. Select it with the incident category
 * (`drill`, `test`, `exercise`, `game_day`, `tabletop`).
 */
export const DRILL_TEMPLATE: ReviewTemplate = ReviewTemplate.parse({
  id: 'drill',
  name: 'Drill or test exercise',
  applies_to: { categories: ['drill', 'test', 'exercise', 'game_day', 'tabletop'], severities: [] },
  requires_review: false,
  sections: [
    {
      id: 'exercise',
      title: 'Exercise notes',
      fields: [
        { path: 'summary.description', prompt: 'What was exercised, and what scenario was played?' },
        { path: 'response_analysis.what_went_well' },
        { path: 'response_analysis.what_could_improve' },
        { path: 'lessons' },
        { path: 'action_items' },
      ],
    },
  ],
});

/** The templates every installation starts with. */
export const BUILT_IN_TEMPLATES: readonly ReviewTemplate[] = [DEFAULT_REVIEW_TEMPLATE, DRILL_TEMPLATE];
