import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXml, textOf, titles } from '../../src/core/analysis/xml.test-support.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { STORE_KINDS } from '../support/stores.js';

const fiveWhys = {
  problem: 'Checkout returned errors for 40 minutes',
  whys: [
    {
      id: 'w1',
      answer: 'A bad config reached production',
      children: [
        { id: 'w2', answer: 'No canary stage', children: [] },
        { id: 'w3', question: 'Why was it not caught?', answer: 'Config was not validated' },
      ],
    },
  ],
};

const fishbone = {
  problem: 'Checkout outage',
  causes: [
    {
      id: 'c1',
      branch: 'Technology',
      text: 'No config schema',
      sub_causes: [{ id: 's1', text: 'Free-form YAML' }],
    },
    { id: 'c2', branch: 'Process', text: 'Deploy skipped review' },
    { id: 'c3', branch: 'People', text: 'On-call overloaded', factor_category: 'organizational' },
    { id: 'c4', branch: 'Environment', text: 'Holiday freeze ended' },
  ],
};

// 2-of-3 redundant gateways, each failing with probability 0.1: P = 3p² − 2p³ = 0.028.
const twoOfThree = {
  top: 'top',
  nodes: [
    { id: 'top', label: 'Gateway cluster down', type: 'gate', gate: 'KOFN', k: 2, children: ['a', 'b', 'c'] },
    { id: 'a', label: 'Gateway A fails', type: 'basic', probability: 0.1 },
    { id: 'b', label: 'Gateway B fails', type: 'basic', probability: 0.1 },
    { id: 'c', label: 'Gateway C fails', type: 'basic', probability: 0.1 },
  ],
};

describe.each(STORE_KINDS)('analyses API on %s', (kind) => {
  let t: TestServer;
  let id: string;
  const base = () => `/api/v1/incidents/${id}/review/analyses`;
  const raw = async (path: string) => {
    const response = await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${t.token}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    const created = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        status: 'resolved',
        timestamps: {
          impact_started: '2024-01-15T08:40:00Z',
          detected: '2024-01-15T09:00:00Z',
          declared: '2024-01-15T09:02:00Z',
          acknowledged: '2024-01-15T09:05:00Z',
          contained: '2024-01-15T11:00:00Z',
          resolved: '2024-01-15T12:00:00Z',
        },
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id as string;
    await t.call('PUT', `/api/v1/incidents/${id}/review`, {
      body: {
        timeline: [
          { time: '2024-01-15T09:00:00Z', event: 'Alarm fired', source: 'CloudWatch' },
          { time: '2024-01-15T09:10:00Z', event: 'Paged on-call', source: 'PagerDuty' },
          { time: '2024-01-15T10:40:00Z', event: 'Rolled back', source: 'CloudWatch' },
        ],
      },
    });
  });
  afterAll(() => t.close());

  it('stores a five-whys analysis with the review, raising the review version', async () => {
    expect((await t.call('GET', `${base()}/five_whys`)).body.error.code).toBe('analysis_not_found');
    const put = await t.call('PUT', `${base()}/five_whys`, {
      body: fiveWhys,
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"2"');
    const read = await t.call('GET', `${base()}/five_whys`);
    expect(read.body).toMatchObject({
      method: 'five_whys',
      review_version: 2,
      current_review_version: 2,
      result: null,
    });
    expect(read.body.analysis).toEqual({
      method: 'five_whys',
      problem: fiveWhys.problem,
      whys: [
        {
          id: 'w1',
          answer: 'A bad config reached production',
          children: [
            { id: 'w2', answer: 'No canary stage', children: [] },
            {
              id: 'w3',
              question: 'Why was it not caught?',
              answer: 'Config was not validated',
              children: [],
            },
          ],
        },
      ],
    });
    expect((await t.call('GET', `/api/v1/incidents/${id}/review`)).body.version).toBe(2);
    const stale = await t.call('PUT', `${base()}/five_whys`, {
      body: fiveWhys,
      headers: { 'if-match': '"1"' },
    });
    expect(stale.body.error.code).toBe('version_conflict');
    const audit = await t.call('GET', `/api/v1/audit/analysis/${id}`);
    expect(audit.body.map((r: { action: string }) => r.action)).toEqual(['create_five_whys']);
  });

  it('refuses a body for another method and invalid analyses, naming the field', async () => {
    const mismatch = await t.call('PUT', `${base()}/fishbone`, {
      body: { ...fiveWhys, method: 'five_whys' },
    });
    expect(mismatch.body.error).toMatchObject({
      code: 'analysis_method_mismatch',
      details: [{ path: 'method' }],
    });
    const method = await t.call('PUT', `${base()}/pareto`, { body: fiveWhys });
    expect(method.status).toBe(400);
    const empty = await t.call('PUT', `${base()}/five_whys`, { body: { problem: '', whys: [{ id: 'x' }] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'problem',
      'whys[0].answer',
    ]);
  });

  it('computes minimal cut sets and the top-event probability of a fault tree, with the method', async () => {
    const put = await t.call('PUT', `${base()}/fault_tree`, { body: twoOfThree });
    expect(put.status).toBe(200);
    expect(put.body.result.minimal_cut_sets).toEqual([
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(put.body.result.top_event.method).toBe('exact');
    expect(put.body.result.top_event.probability).toBeCloseTo(0.028, 12);
    expect(put.body.result.single_points_of_failure).toEqual([]);
  });

  it('refuses cyclic and dangling fault trees with 400 naming the node, keeping the stored tree', async () => {
    const cycle = await t.call('PUT', `${base()}/fault_tree`, {
      body: {
        top: 'top',
        nodes: [
          { id: 'top', label: 'Outage', type: 'gate', gate: 'OR', children: ['g1'] },
          { id: 'g1', label: 'Loop', type: 'gate', gate: 'AND', children: ['top', 'x'] },
          { id: 'x', label: 'Disk full', type: 'basic' },
        ],
      },
    });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.code).toBe('fault_tree_cycle');
    expect(cycle.body.error.details[0]).toMatchObject({ path: 'nodes[1].children' });
    expect(cycle.body.error.details[0].problem).toContain('g1 → top → g1');
    const dangling = await t.call('PUT', `${base()}/fault_tree`, {
      body: {
        top: 'top',
        nodes: [{ id: 'top', label: 'Outage', type: 'gate', gate: 'OR', children: ['ghost'] }],
      },
    });
    expect(dangling.status).toBe(400);
    expect(dangling.body.error.code).toBe('fault_tree_dangling_child');
    expect(dangling.body.error.details[0]).toMatchObject({ path: 'nodes[0].children[0]' });
    expect(dangling.body.error.message).toContain('ghost');
    expect((await t.call('GET', `${base()}/fault_tree`)).body.analysis.nodes).toHaveLength(4);
  });

  it('draws every analysis as valid SVG showing every cause, answer and event', async () => {
    await t.call('PUT', `${base()}/fishbone`, { body: fishbone });
    const expected: Record<string, string[]> = {
      fishbone: [
        'Checkout outage',
        'No config schema',
        'Free-form YAML',
        'Deploy skipped review',
        'On-call overloaded',
        'Holiday freeze ended',
      ],
      five_whys: ['A bad config reached production', 'No canary stage', 'Config was not validated'],
      fault_tree: ['Gateway cluster down', 'Gateway A fails', 'Gateway B fails', 'Gateway C fails'],
    };
    for (const [method, texts] of Object.entries(expected)) {
      const svg = await raw(`${base()}/${method}.svg`);
      expect(svg.status, method).toBe(200);
      expect(svg.type).toBe('image/svg+xml; charset=utf-8');
      const root = parseXml(svg.text);
      expect(root.name).toBe('svg');
      const shown = `${textOf(root)} ${titles(root).join(' ')}`;
      for (const text of texts) expect(shown, `${method} shows "${text}"`).toContain(text);
    }
    expect((await raw(`/api/v1/incidents/${id}/review/analyses/five_whys.svg`)).text).not.toContain(
      '<script',
    );
  });

  it('promotes an answer, a cause and an event to contributing factors linked to their source', async () => {
    const why = await t.call('POST', `${base()}/five_whys/promote`, {
      body: { ref: 'w2', category: 'process' },
    });
    expect(why.status).toBe(201);
    expect(why.body.factor).toEqual({
      id: 'five_whys-w2',
      category: 'process',
      description: 'No canary stage',
      primary: false,
      evidence: [],
      evidence_ids: [],
      source: { analysis: 'five_whys', ref: 'w2' },
    });
    const cause = await t.call('POST', `${base()}/fishbone/promote`, { body: { ref: 'c3' } });
    expect(cause.body.factor).toMatchObject({
      category: 'organizational',
      source: { analysis: 'fishbone', ref: 'c3' },
    });
    const noCategory = await t.call('POST', `${base()}/fault_tree/promote`, { body: { ref: 'a' } });
    expect(noCategory.body.error.code).toBe('factor_category_required');
    const event = await t.call('POST', `${base()}/fault_tree/promote`, {
      body: { ref: 'a', category: 'technical' },
    });
    expect(event.body.review.contributing_factors.map((f: { id: string }) => f.id)).toEqual([
      'five_whys-w2',
      'fishbone-c3',
      'fault_tree-a',
    ]);
    const again = await t.call('POST', `${base()}/five_whys/promote`, {
      body: { ref: 'w2', category: 'process' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('factor_already_promoted');
    const unknown = await t.call('POST', `${base()}/five_whys/promote`, {
      body: { ref: 'w9', category: 'human' },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('analysis_node_not_found');
    // The analysis keeps the version it was saved with; its ETag follows the review it belongs to.
    const after = await t.call('GET', `${base()}/five_whys`);
    expect(after.body.review_version).toBe(2);
    expect(after.headers.get('etag')).toBe(`"${event.body.review.version}"`);
  });

  it('analyses the timeline from the milestones and the review timeline', async () => {
    const analysis = await t.call(
      'GET',
      `/api/v1/incidents/${id}/timeline-analysis?gap_threshold_minutes=60`,
    );
    expect(analysis.status).toBe(200);
    expect(analysis.body.phases.time_to_detect.minutes).toBe(20);
    expect(analysis.body.phases.time_to_acknowledge.minutes).toBe(5);
    expect(analysis.body.phases.time_to_contain.minutes).toBe(120);
    expect(analysis.body.gaps).toEqual([
      expect.objectContaining({ minutes: 90, after: expect.objectContaining({ event: 'Paged on-call' }) }),
    ]);
    expect(analysis.body.events_per_source).toEqual([
      { source: 'CloudWatch', count: 2 },
      { source: 'PagerDuty', count: 1 },
    ]);
    const wide = await t.call('GET', `/api/v1/incidents/${id}/timeline-analysis?gap_threshold_minutes=120`);
    expect(wide.body.gaps).toEqual([]);
    const bad = await t.call('GET', `/api/v1/incidents/${id}/timeline-analysis?gap_threshold_minutes=-5`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('gap_threshold_minutes');
  });
});
