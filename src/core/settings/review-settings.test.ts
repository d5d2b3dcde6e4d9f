import { describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_TEMPLATE } from '../reviews/templates/template.standard.js';
import { loadReviewSettings } from './review-settings.js';
import type { StoredSetting } from './settings.ports.js';

function store(values: Record<string, unknown>) {
  const stored = (key: string): StoredSetting => ({
    key,
    value: values[key],
    version: 1,
    updated_by: 'admin',
    updated_at: '2024-01-01T00:00:00.000Z',
  });
  return {
    get: (key: string) => Promise.resolve(key in values ? stored(key) : null),
    list: (prefix: string) =>
      Promise.resolve(
        Object.keys(values)
          .filter((k) => k.startsWith(prefix))
          .sort()
          .map(stored),
      ),
  };
}

const template = (id: string, extra: object = {}) => ({
  id,
  name: id,
  sections: [{ id: 's', title: 'S', fields: [{ path: 'lessons' }] }],
  ...extra,
});

describe('loadReviewSettings', () => {
  it('uses the built-in calendar and templates when nothing is stored', async () => {
    const settings = await loadReviewSettings(store({}));
    expect(settings.calendar).toEqual({ time_zone: 'UTC', working_days: [1, 2, 3, 4, 5], holidays: [] });
    expect(settings.templates.map((t) => t.id)).toEqual(['standard', 'drill']);
    expect(settings.templates[0]).toBe(DEFAULT_REVIEW_TEMPLATE);
  });

  it('lets a stored template replace a built-in one in place and appends the others', async () => {
    const settings = await loadReviewSettings(
      store({
        calendar: { time_zone: 'Europe/Berlin', holidays: ['2024-12-25'] },
        'template:standard': template('standard', { review_due_business_days: 10 }),
        'template:payments': template('payments'),
      }),
    );
    expect(settings.calendar).toEqual({
      time_zone: 'Europe/Berlin',
      working_days: [1, 2, 3, 4, 5],
      holidays: ['2024-12-25'],
    });
    expect(settings.templates.map((t) => [t.id, t.review_due_business_days])).toEqual([
      ['standard', 10],
      ['drill', 5],
      ['payments', 5],
    ]);
  });

  it('falls back to the defaults for stored values that no longer parse', async () => {
    const settings = await loadReviewSettings(
      store({ calendar: { time_zone: 'Nowhere/City' }, 'template:broken': { id: 'broken' } }),
    );
    expect(settings.calendar.time_zone).toBe('UTC');
    expect(settings.templates.map((t) => t.id)).toEqual(['standard', 'drill']);
  });
});
