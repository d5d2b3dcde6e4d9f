import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import { parseTemplateYaml } from './template.parse.js';

function errorOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('parseTemplateYaml: seed (Best Practice 2) shape', () => {
  it('reads markers, prompts, the heading comment as the name, and settings from options', () => {
    const yaml = [
      '# Security incident review',
      'post_incident_review:',
      '  metadata:',
      '    incident_id: Required',
      '    participants: "Required list"',
      '  incident_overview:',
      '    impact: "Required: Which customers and data were affected?"',
      '  lessons_learned:',
      '    - lesson: Required',
      '      owner: "Who owns it?"',
    ].join('\n');
    const template = parseTemplateYaml(yaml, {
      settings: { blameless: 'block', applies_to: { categories: ['security'] } },
    });
    expect(template.id).toBe('security-incident-review');
    expect(template.name).toBe('Security incident review');
    expect(template.blameless).toBe('block');
    expect(template.applies_to).toEqual({ categories: ['security'], severities: [] });
    expect(template.sections.flatMap((s) => s.fields)).toEqual([
      {
        path: 'incident_ids',
        label: 'Incident IDs',
        prompt: 'Which incidents does this review cover?',
        required: true,
      },
      { path: 'participants', label: 'Participants', prompt: 'Who took part in the review?', required: true },
      {
        path: 'summary.impact',
        label: 'Impact',
        prompt: 'Which customers and data were affected?',
        required: true,
      },
      { path: 'lessons[].lesson', label: 'Lesson', prompt: 'Specific lesson learned', required: true },
      { path: 'lessons[].owner', label: 'Lesson owner', prompt: 'Who owns it?', required: false },
    ]);
  });

  it('reports every unknown or malformed field with its path', () => {
    const yaml = [
      'post_incident_review:',
      '  metadata:',
      '    incident_id: Required',
      '    severity: Required',
      '  analysis:',
      '    what_went_well: [a, b]',
      '  action_items:',
      '    - action: Required',
      '      cost: "How much?"',
    ].join('\n');
    const error = errorOf(() => parseTemplateYaml(yaml));
    expect(error.code).toBe('template_invalid');
    expect(error.details).toEqual([
      {
        path: 'post_incident_review.metadata.severity',
        problem: 'no review document field matches metadata.severity',
      },
      {
        path: 'post_incident_review.analysis.what_went_well',
        problem: 'must be a prompt string, "Required" or "Required list"',
      },
      {
        path: 'post_incident_review.action_items[0].cost',
        problem: 'no review document field matches action_items[].cost',
      },
    ]);
  });
});

describe('parseTemplateYaml: full ReviewTemplate shape', () => {
  it('parses and applies defaults', () => {
    const yaml = [
      'id: sev1',
      'name: Critical incidents',
      'applies_to: { severities: [Critical] }',
      'review_due_business_days: 3',
      'blameless: block',
      'sections:',
      '  - id: basics',
      '    title: Basics',
      '    fields:',
      '      - { path: facilitator, required: true }',
      '      - { path: "action_items[].owner", label: Owner, prompt: Who? }',
    ].join('\n');
    expect(parseTemplateYaml(yaml)).toEqual({
      id: 'sev1',
      name: 'Critical incidents',
      applies_to: { categories: [], severities: ['Critical'] },
      requires_review: true,
      review_due_business_days: 3,
      forbid_self_approval: true,
      blameless: 'block',
      sections: [
        {
          id: 'basics',
          title: 'Basics',
          fields: [
            {
              path: 'facilitator',
              label: 'Facilitator',
              prompt: 'Who facilitated the review?',
              required: true,
            },
            { path: 'action_items[].owner', label: 'Owner', prompt: 'Who?', required: false },
          ],
        },
      ],
    });
  });

  it('lists bad fields by path', () => {
    const yaml = [
      'id: Bad Id',
      'name: x',
      'applies_to: { severities: [Urgent] }',
      'blameless: shout',
      'sections:',
      '  - id: a',
      '    title: A',
      '    fields: [{ path: summary.cause }, { path: facilitator }]',
      '  - id: a',
      '    title: B',
      '    fields: [{ path: facilitator }]',
    ].join('\n');
    const error = errorOf(() => parseTemplateYaml(yaml));
    expect(error.code).toBe('template_invalid');
    expect(error.details.map((d) => d.path)).toEqual([
      'id',
      'applies_to.severities[0]',
      'blameless',
      'sections[0].fields[0].path',
    ]);
    const dupes = errorOf(() =>
      parseTemplateYaml(
        yaml
          .replace('Bad Id', 'ok')
          .replace(/Urgent/, 'High')
          .replace('shout', 'warn')
          .replace('summary.cause', 'summary.impact'),
      ),
    );
    expect(dupes.details).toEqual([
      { path: 'sections[1].id', problem: 'repeats section id a' },
      { path: 'sections[1].fields[0].path', problem: 'field facilitator appears in more than one place' },
    ]);
  });
});

describe('parseTemplateYaml: malformed YAML', () => {
  it('names line and column', () => {
    const error = errorOf(() => parseTemplateYaml('id: x\nsections: [1, 2\nname: y\n'));
    expect(error.code).toBe('template_yaml_malformed');
    expect(error.details[0]?.path).toMatch(/^line \d+, column \d+$/);
    expect(error.message).toMatch(/template YAML is malformed at line \d+, column \d+: /);
  });

  it('refuses duplicate keys and non-mappings', () => {
    expect(errorOf(() => parseTemplateYaml('id: a\nid: b\n')).details[0]).toEqual({
      path: 'line 2, column 1',
      problem: 'Map keys must be unique',
    });
    expect(errorOf(() => parseTemplateYaml('- a\n- b\n')).code).toBe('template_invalid');
    expect(errorOf(() => parseTemplateYaml('')).code).toBe('template_invalid');
  });
});
