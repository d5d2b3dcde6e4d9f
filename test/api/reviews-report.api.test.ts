import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/api/reviews/report.pdf.js';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson } from '../support/people.js';
import { STORE_KINDS } from '../support/stores.js';

const HOSTILE = '<script>alert(1)</script> **bold** [click](javascript:alert(1))';
const hasChromium = existsSync('/usr/bin/chromium');

describe.each(STORE_KINDS)('review report API on %s', (kind) => {
  let t: TestServer;
  let id: string;
  const get = async (query: string) => {
    const response = await fetch(`${t.url}/api/v1/incidents/${id}/review/report${query}`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      csp: response.headers.get('content-security-policy'),
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    t = await startTestServer(kind);
    id = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput({ title: HOSTILE }) })).body
      .id as string;
    await t.call('PUT', `/api/v1/incidents/${id}/review`, {
      body: {
        facilitator: 'Dana',
        participants: ['Sam', 'Rita'],
        summary: {
          description: `First paragraph.\n\n# not a heading ${HOSTILE}`,
          impact: 'Billing delayed',
          duration: '2 hours',
        },
        timeline: [{ time: '09:00', event: 'Alarm | fired', source: 'CloudWatch' }],
        response_analysis: { what_went_well: ['Fast paging'], what_could_improve: ['Runbook was stale'] },
        contributing_factors: [
          { category: 'technical', description: 'Long-lived access key', primary: true },
        ],
        lessons: [{ lesson: 'Rotate keys automatically', priority: 'High', owner: 'Security' }],
        action_items: [{ action: 'Enable key rotation', owner: 'Platform', due_date: '2024-02-01' }],
      },
    });
    await t.call('PUT', `/api/v1/incidents/${id}/review/analyses/fishbone`, {
      body: {
        problem: 'Leaked key used',
        causes: [
          { id: 'c1', branch: 'Technology', text: 'Key never expired' },
          { id: 'c2', branch: 'Process', text: `No secret scanning ${HOSTILE}` },
        ],
      },
    });
    await t.call('PUT', `/api/v1/incidents/${id}/review/analyses/fault_tree`, {
      body: {
        top: 'top',
        nodes: [
          { id: 'top', label: 'Data exposed', type: 'gate', gate: 'AND', children: ['leak', 'valid'] },
          { id: 'leak', label: 'Key leaked', type: 'basic', probability: 0.1 },
          { id: 'valid', label: 'Key still valid', type: 'basic', probability: 0.5 },
        ],
      },
    });
  });
  afterAll(() => t.close());

  it('renders Markdown with every section, escaped user text and links to the diagrams', async () => {
    const md = await get('?format=md');
    expect(md.status).toBe(200);
    expect(md.type).toBe('text/markdown; charset=utf-8');
    const text = md.bytes.toString('utf8');
    for (const heading of [
      '## Summary',
      '## Timeline',
      '### Timeline analysis',
      '## Response analysis',
      '## Contributing factors',
      '## Lessons learned',
      '## Improvement actions',
      '## Analyses',
      '## Sign-off',
    ]) {
      expect(text).toContain(`\n${heading}\n`);
    }
    expect(text).toContain('# Post-incident review: \\<script\\>alert\\(1\\)\\<\\/script\\>');
    expect(text).toContain('\\# not a heading');
    expect(text).toContain('| 09\\:00 | Alarm \\| fired | CloudWatch |');
    expect(text).toContain(
      `![Fishbone \\(Ishikawa\\) diagram](/api/v1/incidents/${id}/review/analyses/fishbone.svg)`,
    );
    expect(text).toContain('- Key leaked (leak) AND Key still valid (valid)');
    expect(text).toContain('**Top-event probability:** 0\\.05 (exact)');
    expect(text).not.toContain('## Participant feedback');
  });

  it('renders HTML with the diagrams inline and no markup from user text', async () => {
    const html = await get('?format=html');
    expect(html.status).toBe(200);
    expect(html.type).toBe('text/html; charset=utf-8');
    expect(html.csp).toContain("default-src 'none'");
    const text = html.bytes.toString('utf8');
    expect(text.startsWith('<!doctype html>')).toBe(true);
    expect(text).toContain('<h2>Response analysis</h2>');
    expect(text).toContain('<table>');
    expect(text.match(/<svg\b/g)).toHaveLength(2);
    expect(text).not.toContain('<script');
    expect(text).not.toMatch(/href="javascript:/i);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const cause of ['Key never expired', 'No secret scanning', 'Key leaked', 'Key still valid']) {
      expect(text).toContain(cause);
    }
    expect(text).toContain('<title>Post-incident review: &lt;script&gt;');
  });

  it('shows participant feedback with n, median and mean once there is some, without identities', async () => {
    const answers = [
      { response_rating: 2, improvement_rating: 4, went_well: 'Fast paging by the on-call', anonymous: true },
      { response_rating: 8, improvement_rating: 6, to_improve: 'Page the *database* team', anonymous: false },
      { response_rating: 9, improvement_rating: 10, to_improve: 'Rehearse the rollback', anonymous: true },
    ];
    const people = ['pia', 'quinn', 'ravi'];
    for (const [i, username] of people.entries()) {
      const person = await addPerson(t, `${username}-${kind}`, 'responder');
      const given = await t.call('POST', `/api/v1/incidents/${id}/feedback`, {
        token: person.token,
        body: answers[i],
      });
      expect(given.status).toBe(201);
    }
    const text = (await get('?format=md')).bytes.toString('utf8');
    const section = text.slice(
      text.indexOf('## Participant feedback'),
      text.indexOf('## Contributing factors'),
    );
    expect(section).toContain('3 of 3 participants answered (2 anonymously).');
    expect(section).toContain('| Response | 3 | 8 | 6\\.3 |');
    expect(section).toContain('| Improvement effectiveness | 3 | 6 | 6\\.7 |');
    expect(section).toContain('- Fast paging by the on\\-call');
    expect(section).toContain('- Page the \\*database\\* team');
    for (const username of people) expect(text).not.toContain(username);
    // The reviewers' own lists keep their section, under its own name.
    expect(text.indexOf('## Response analysis')).toBeLessThan(text.indexOf('## Participant feedback'));
    const html = (await get('?format=html')).bytes.toString('utf8');
    expect(html).toContain('<h2>Participant feedback</h2>');
    expect(html).toContain('<td>Improvement effectiveness</td>');
    expect(html).toContain('<li>Rehearse the rollback</li>');
  });

  it('has no published report until the review workflow stores one', async () => {
    const missing = await t.call('GET', `/api/v1/incidents/${id}/review/report/published`);
    expect(missing).toMatchObject({ status: 404, body: { error: { code: 'published_report_not_found' } } });
    expect(missing.body.error.message).toContain('when the review is published');
    const bad = await t.call('GET', `/api/v1/incidents/${id}/review/report/published?format=pdf`);
    expect(bad.body.error.details[0].path).toBe('format');
  });

  it.runIf(hasChromium)(
    'renders PDF with headless Chromium',
    async () => {
      const pdf = await get('?format=pdf');
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.bytes.length).toBeGreaterThan(5_000);
    },
    60_000,
  );

  it('refuses an unknown format naming the field, and a missing review', async () => {
    const bad = await t.call('GET', `/api/v1/incidents/${id}/review/report?format=docx`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('format');
    const other = (await t.call('POST', '/api/v1/incidents', { body: buildIncidentInput() })).body
      .id as string;
    const missing = await t.call('GET', `/api/v1/incidents/${other}/review/report?format=html`);
    expect(missing.body.error.code).toBe('review_not_found');
  });
});

describe('PDF renderer', () => {
  it('explains that Chromium is missing instead of failing obscurely', async () => {
    await expect(renderPdf('<p>x</p>', '/nonexistent/chromium')).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'pdf_renderer_unavailable',
    });
  });
});
