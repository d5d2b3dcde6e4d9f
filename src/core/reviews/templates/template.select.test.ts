import { describe, expect, it } from 'vitest';
import { selectTemplate } from './template.select.js';
import { BUILT_IN_TEMPLATES, DEFAULT_REVIEW_TEMPLATE } from './template.standard.js';
import { ReviewTemplate, type ReviewTemplateInput } from './template.schema.js';

const template = (id: string, applies_to: ReviewTemplateInput['applies_to']): ReviewTemplate =>
  ReviewTemplate.parse({ id, name: id, applies_to, sections: [{ id: 's', title: 'S', fields: [] }] });

const any = template('any', {});
const critical = template('critical', { severities: ['Critical'] });
const highOrCritical = template('high-or-critical', { severities: ['Critical', 'High'] });
const security = template('security', { categories: ['Security'] });
const securityCritical = template('security-critical', {
  categories: ['security'],
  severities: ['Critical'],
});
const all = [any, highOrCritical, critical, security, securityCritical];

describe('selectTemplate', () => {
  it('picks the most specific match', () => {
    expect(selectTemplate(all, { category: 'security', severity: 'Critical' }).id).toBe('security-critical');
    expect(selectTemplate(all, { category: 'security', severity: 'High' }).id).toBe('security');
    expect(selectTemplate(all, { category: 'availability', severity: 'Critical' }).id).toBe('critical');
    expect(selectTemplate(all, { category: 'availability', severity: 'High' }).id).toBe('high-or-critical');
    expect(selectTemplate(all, { category: 'availability', severity: 'Low' }).id).toBe('any');
  });

  it('compares categories case-insensitively and treats a missing category as matching only "any"', () => {
    expect(selectTemplate(all, { category: 'SECURITY', severity: 'Low' }).id).toBe('security');
    expect(selectTemplate(all, { severity: 'Low' }).id).toBe('any');
  });

  it('breaks ties by order and falls back to the standard template', () => {
    const twin = template('twin', { categories: ['Security'] });
    expect(selectTemplate([security, twin], { category: 'security' }).id).toBe('security');
    expect(selectTemplate([security], { category: 'network' })).toBe(DEFAULT_REVIEW_TEMPLATE);
    expect(selectTemplate([], { category: 'network' }, any)).toBe(any);
  });

  it('chooses the drill template for drills among the built-ins', () => {
    expect(selectTemplate(BUILT_IN_TEMPLATES, { category: 'drill', severity: 'High' }).id).toBe('drill');
    expect(selectTemplate(BUILT_IN_TEMPLATES, { category: 'security', severity: 'High' }).id).toBe(
      'standard',
    );
  });
});
