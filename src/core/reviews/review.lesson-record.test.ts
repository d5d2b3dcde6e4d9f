import { describe, expect, it } from 'vitest';
import type { Incident } from '../incidents/incident.schema.js';
import { formatDuration, lessonRecordFrom } from './review.lesson-record.js';
import { ReviewDocument, type Review } from './review.schema.js';

const NONE = {
  impact_started: null,
  first_indicator: null,
  detected: null,
  declared: null,
  acknowledged: null,
  first_action: null,
  contained: null,
  mitigated: null,
  recovered: null,
  resolved: null,
};

function incident(timestamps: Partial<Incident['timestamps']>): Incident {
  return {
    id: 'INC-2024-0007',
    title: 'Payments degraded',
    description: 'From the incident',
    severity: 'Critical',
    category: 'Availability',
    kind: 'incident',
    attack_vector: null,
    affected_services: [],
    team: null,
    restricted: false,
    status: 'resolved',
    timestamps: { ...NONE, ...timestamps },
    timestamp_edits: [],
    created_by: 'u',
    created_at: '2024-01-15T00:00:00.000Z',
    updated_at: '2024-01-15T00:00:00.000Z',
    version: 1,
  };
}

function review(input: unknown): Review {
  return {
    ...ReviewDocument.parse(input),
    id: 'REV-1',
    incident_id: 'INC-2024-0007',
    status: 'published',
    created_by: 'u',
    created_at: '2024-01-16T00:00:00.000Z',
    updated_at: '2024-01-16T00:00:00.000Z',
    published_at: null,
    version: 3,
    submitted_by: null,
    signoffs: [],
    time_to_review_business_days: null,
  };
}

describe('formatDuration', () => {
  it.each([
    [0, '0 minutes'],
    [60_000, '1 minute'],
    [45 * 60_000, '45 minutes'],
    [60 * 60_000, '1 hour'],
    [90 * 60_000, '1 hour 30 minutes'],
    [(4 * 60 + 1) * 60_000, '4 hours 1 minute'],
    [29_999, '0 minutes'],
    [30_000, '1 minute'],
  ])('%i ms is "%s"', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('lessonRecordFrom', () => {
  it('groups factors by category under their primary factor and takes metrics from the milestones', () => {
    const record = lessonRecordFrom(
      incident({
        impact_started: '2024-01-15T23:30:00.000Z',
        detected: '2024-01-15T23:45:00.000Z',
        acknowledged: '2024-01-15T23:50:00.000Z',
        contained: '2024-01-16T01:45:00.000Z',
        recovered: '2024-01-16T03:45:00.000Z',
      }),
      review({
        contributing_factors: [
          { category: 'process', description: 'No rollback step' },
          { category: 'technical', description: 'Retry storm' },
          { category: 'technical', description: 'Pool too small', primary: true },
        ],
        lessons: [{ lesson: 'Cap retries', priority: 'High', owner: 'SRE', due_date: '2024-02-01' }],
        action_items: [{ action: 'Add jitter' }],
      }),
      new Date('2024-01-19T12:00:00Z'),
      'Pacific/Auckland',
    );
    expect(record).toMatchObject({
      // 23:30 UTC on the 15th is the 16th in Auckland.
      date: '2024-01-16',
      summary: { description: 'From the incident' },
      root_causes: [
        { type: 'technical', description: 'Pool too small', contributing_factors: ['Retry storm'] },
        { type: 'process', description: 'No rollback step', contributing_factors: [] },
      ],
      lessons_learned: [
        { implementation: { owner: 'SRE', due_date: '2024-02-01', status: 'Planned', progress: 0 } },
      ],
      preventive_measures: [{ measure: 'Add jitter', description: '', status: 'Planned' }],
      metrics: {
        detection_time: '15 minutes',
        response_time: '5 minutes',
        containment_time: '2 hours',
        recovery_time: '4 hours',
        business_impact: '',
      },
    });
  });

  it('dates an unscheduled lesson on the publication day and leaves unknown metrics empty', () => {
    const record = lessonRecordFrom(
      incident({}),
      review({ incident_date: '2024-01-10', lessons: [{ lesson: 'Write it down', priority: 'Low' }] }),
      new Date('2024-01-19T23:00:00Z'),
      'Europe/Berlin',
    );
    expect(record.date).toBe('2024-01-10');
    expect(record.lessons_learned[0]?.implementation).toEqual({
      owner: '',
      due_date: '2024-01-20',
      status: 'Not scheduled',
      progress: 0,
    });
    expect(record.metrics.detection_time).toBe('');
    expect(record.root_causes).toEqual([]);
  });
});
