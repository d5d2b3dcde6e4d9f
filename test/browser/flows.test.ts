import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHarness, type WorkerHarness } from '../jobs/support/worker-harness.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, launchBrowser, screenshot } from './browser.support.js';

/** YYYY-MM-DD, `days` after the given instant (UTC). */
const dayAfter = (instant: Date, days: number): string =>
  new Date(instant.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The main journey in a real browser against a real server: sign in → declare an incident → write the review
 * with a fishbone → answer the feedback request from its emailed link → publish → action completed and
 * verified → the dashboard KPIs change. A worker delivers the review workflow's mail to a real SMTP sink.
 */
describe('web UI flows', () => {
  let t: TestServer;
  let h: WorkerHarness;
  let browser: Browser;
  let page: Page;
  let incidentId = '';
  const errors: string[] = [];
  // Set in beforeAll: the server's (frozen) now, so the action falls due after it is verified, and the
  // review is published inside `recent`, the period the action and feedback KPIs are read for.
  let actionDue = '';
  let recent = { from: '', to: '' };
  const january = { from: '2024-01-01', to: '2024-01-31' };

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    // The browser judges cookie expiry by its own wall clock, so the server's session must be issued at
    // (about) the real time or Chromium drops the cookie as already expired.
    t.clock.set(new Date());
    const now = t.clock.now();
    actionDue = dayAfter(now, 14);
    recent = { from: dayAfter(now, -1), to: dayAfter(now, 30) };
    h = await startWorkerHarness(t);
    for (const [username, role] of [
      ['rosa', 'responder'],
      ['vera', 'reviewer'],
    ] as const) {
      const created = await t.call('POST', '/api/v1/users', {
        body: {
          username,
          role,
          display_name: username === 'rosa' ? 'Rosa Responder' : 'Vera Reviewer',
          email: `${username}@example.com`,
          password: 'correct horse battery staple',
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => errors.push(error.message));
  });

  // A failing step leaves a screenshot of what the browser showed, named after the test.
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      await screenshot(page, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await t?.close();
  });

  async function signIn(username: string): Promise<void> {
    await page.goto(`${t.url}/sign-in`);
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  }

  /**
   * Expects the value on the KPI cards of a period. A fresh load of the dashboard's URL (filters live there),
   * so no card of an earlier period can still be on screen while the new one loads.
   */
  async function expectKpis(period: { from: string; to: string }, want: Record<string, string>) {
    await page.goto(`${t.url}/?from=${period.from}&to=${period.to}`);
    for (const [name, value] of Object.entries(want)) {
      const card = page.locator('.kpi-card', { has: page.getByRole('heading', { name, exact: true }) });
      await expect.poll(() => card.locator('.kpi-value').textContent(), { message: name }).toBe(value);
    }
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Hindsight' }).waitFor();
  }

  it('refuses a wrong password with the server’s message, then signs in with a session cookie', async () => {
    await page.goto(`${t.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to Hindsight' }).waitFor();
    await screenshot(page, '01-sign-in');
    await page.getByLabel('Username', { exact: true }).fill('rosa');
    await page.getByLabel('Password', { exact: true }).fill('wrong password entirely');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Signing in failed');

    await signIn('rosa');
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === 'hindsight_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    await expect.poll(() => page.locator('.whoami').textContent()).toContain('Rosa Responder');
  });

  it('shows the dashboard: KPI cards with definitions, filtered by period, with nothing to count yet', async () => {
    const card = page.locator('.kpi-card').first();
    await card.waitFor();
    await page.mouse.move(0, 0);
    await expect.poll(() => card.locator('.kpi-definition').isVisible()).toBe(false);
    await card.hover();
    await expect.poll(() => card.locator('.kpi-definition').isVisible()).toBe(true);
    // The period filter goes into the URL.
    await page.getByLabel('From').fill(january.from);
    await page.getByLabel('To').fill(january.to);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/from=2024-01-01.*to=2024-01-31/);
    // Before any incident exists, neither period has anything to count.
    await expectKpis(january, {
      'Post-incident review completion rate': 'No data',
      'Time to detect (MTTD)': 'No data',
    });
    await screenshot(page, '02-dashboard');
    await expectKpis(recent, {
      'Action implementation rate': 'No data',
      'Improvement effectiveness score': 'No data',
    });
  });

  it('declares an incident through the form (cookie session + CSRF token on the write)', async () => {
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Incidents' }).waitFor();
    await page.getByRole('link', { name: 'Declare an incident' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Checkout latency after cache node loss');
    await page
      .getByLabel('Description', { exact: true })
      .fill('p99 latency rose to 8 s for 40 minutes.\nSecond line kept as text.');
    await page.getByLabel('Severity', { exact: true }).selectOption('High');
    await page.getByLabel('Category', { exact: true }).fill('Availability');
    await page.getByLabel('Team', { exact: true }).fill('payments');
    await page.getByLabel('Affected services').fill('checkout, cache');
    await page.getByLabel('Impact started').fill('2024-01-15T09:00');
    await page.getByLabel('Detected', { exact: true }).fill('2024-01-15T09:12');
    await page.getByLabel('Declared', { exact: true }).fill('2024-01-15T09:15');
    await page.getByLabel('Contained', { exact: true }).fill('2024-01-15T09:40');
    await page.getByLabel('Resolved', { exact: true }).fill('2024-01-15T10:30');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await page.waitForURL(/\/incidents\/INC-\d{4}-\d+$/);
    incidentId = page.url().split('/').pop() ?? '';
    await page.getByRole('heading', { level: 1, name: 'Checkout latency after cache node loss' }).waitFor();
    // The description keeps its line break and is plain text.
    expect(await page.locator('.prose').first().innerText()).toContain('40 minutes.\nSecond line');
    // Milestones are drawn on the time axis.
    await page.locator('figure.chart svg').first().waitFor();
    expect(await page.locator('figure.chart svg circle').count()).toBeGreaterThanOrEqual(4);
    const stored = await t.call('GET', `/api/v1/incidents/${incidentId}`);
    expect(stored.body.created_by).not.toBe('');
    expect(stored.body.affected_services).toEqual(['checkout', 'cache']);
    expect(stored.body.timestamps.detected).toBe('2024-01-15T09:12:00.000Z');
    await screenshot(page, '03-incident');
  });

  it('edits a timestamp with If-Match, and says so when someone else changed the incident first', async () => {
    await page.goto(`${t.url}/incidents/${incidentId}`);
    await page.getByText('Edit timestamps').click();
    const editor = page.getByRole('form', { name: 'Edit timestamps' });
    await editor.getByLabel('Acknowledged').fill('2024-01-15T09:20');
    await editor.getByRole('button', { name: 'Save timestamps' }).click();
    const row = page.getByRole('row', { name: /Acknowledged/ }).first();
    await expect.poll(() => row.textContent()).toContain('2024-01-15 09:20 UTC');
    // Another writer moves the incident on; the open page still holds the old ETag.
    const other = await t.call('PATCH', `/api/v1/incidents/${incidentId}`, {
      body: { category: 'Availability' },
    });
    expect(other.status).toBe(200);
    await editor.getByLabel('First action').fill('2024-01-15T09:25');
    await editor.getByRole('button', { name: 'Save timestamps' }).click();
    await expect
      .poll(() => editor.getByRole('alert').textContent())
      .toContain('Someone changed this incident');
  });

  it('finds the incident with search and filters, paged on the server', async () => {
    await page.goto(`${t.url}/incidents`);
    await page.getByLabel('Search', { exact: true }).fill('cache node');
    await page.getByLabel('Severity').selectOption('High');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/q=cache\+node/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').first().innerText()).toContain(incidentId);
    await screenshot(page, '04-incidents');
    await page.getByLabel('Severity').selectOption('Low');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByText('No incidents match.').isVisible()).toBe(true);
  });

  it('writes the review in the form: required-field status, then saved through PUT with If-Match', async () => {
    await page.goto(`${t.url}/incidents/${incidentId}/review`);
    await page.getByRole('heading', { level: 1, name: 'Post-incident review' }).waitFor();
    await expect
      .poll(() => page.locator('.status-panel').innerText())
      .toContain('Missing: Review date, Facilitator, Participants');
    await page.getByLabel('Review date', { exact: true }).fill('2024-01-17');
    await page.getByLabel('Facilitator', { exact: true }).fill('Sam Facilitator');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.getByLabel('Participant 1', { exact: true }).fill('Rosa Responder');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.getByLabel('Participant 2', { exact: true }).fill('Oncall Engineer');
    await page
      .getByLabel('Description', { exact: true })
      .fill('A cache node failed and traffic fell through to the database.');
    await page.getByRole('button', { name: 'Add went well' }).click();
    await page.getByLabel('Went well 1', { exact: true }).fill('Alert fired within 12 minutes');
    await page.getByRole('button', { name: 'Add contributing factor' }).click();
    await page.getByLabel('Category (factor 1)', { exact: true }).selectOption('technical');
    await page
      .getByLabel('Contributing factor 1', { exact: true })
      .fill('No request coalescing in front of the database');
    await page.getByRole('button', { name: 'Add lesson' }).click();
    await page.getByLabel('Lesson 1', { exact: true }).fill('Protect the database from cache stampedes');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page.getByLabel('Action 1', { exact: true }).fill('Add request coalescing to the cache client');
    await expect
      .poll(() => page.locator('.status-panel').innerText())
      .toContain('All 4 required fields are filled.');
    await page.getByRole('button', { name: 'Create review' }).first().click();
    await expect.poll(() => page.locator('.notice-ok').first().textContent()).toContain('Saved');
    const stored = await t.call('GET', `/api/v1/incidents/${incidentId}/review`);
    expect(stored.status).toBe(200);
    expect(stored.body.participants).toEqual(['Rosa Responder', 'Oncall Engineer']);
    expect(stored.body.contributing_factors[0].description).toBe(
      'No request coalescing in front of the database',
    );
    // A second save is an update guarded by the ETag.
    await page.getByLabel('Impact', { exact: true }).fill('Checkout slow for 40 minutes');
    await page.getByRole('button', { name: 'Save review' }).first().click();
    await expect
      .poll(async () => (await t.call('GET', `/api/v1/incidents/${incidentId}/review`)).body.summary.impact)
      .toBe('Checkout slow for 40 minutes');
    // Suggestions per contributing factor come from the server's rules and past lessons.
    const recommendations = page.locator('section', {
      has: page.getByRole('heading', { name: 'Recommended actions' }),
    });
    await expect
      .poll(() => recommendations.textContent())
      .toContain('Technical: No request coalescing in front of the database');
    expect(await recommendations.locator('li').count()).toBeGreaterThan(0);
    await screenshot(page, '05-review');
  });

  it('edits a fishbone, shows the server’s SVG and promotes a cause to a contributing factor', async () => {
    await page.goto(`${t.url}/incidents/${incidentId}/analyses/fishbone`);
    await page.getByLabel('Problem (the head of the fish)').fill('Checkout latency after cache node loss');
    await page.getByRole('button', { name: 'Add Technology cause' }).click();
    await page.getByLabel('Technology cause 1', { exact: true }).fill('No request coalescing');
    await page.getByRole('button', { name: 'Add Process cause' }).click();
    await page.getByLabel('Process cause 1', { exact: true }).fill('Cache failover never exercised');
    await page.getByRole('button', { name: 'Save fishbone diagram' }).click();
    await page.locator('.svg-preview svg').waitFor();
    expect(await page.locator('.svg-preview').innerText()).toContain('No request coalescing');
    await screenshot(page, '07-fishbone');
    // A cause becomes a contributing factor of the review, remembering where it came from.
    await page.getByLabel('Element').selectOption({ label: 'c2 — Process: Cache failover never exercised' });
    await page.getByRole('button', { name: 'Promote to contributing factor' }).click();
    await page.getByText('is now a contributing factor').waitFor();
    const review = await t.call('GET', `/api/v1/incidents/${incidentId}/review`);
    expect(review.body.contributing_factors.map((f: any) => f.source?.analysis)).toContain('fishbone');
    const stored = await t.call('GET', `/api/v1/incidents/${incidentId}/review/analyses/fishbone`);
    expect(JSON.stringify(stored.body)).toContain('Cache failover never exercised');
  });

  it('builds a fault tree and shows its minimal cut sets and probability from the server', async () => {
    await page.goto(`${t.url}/incidents/${incidentId}/analyses/fault_tree`);
    await page.getByLabel('Description (event 1)').fill('Checkout unavailable');
    await page.getByLabel('Gate (event 1)').selectOption('AND');
    await page.getByLabel('Description (event 2)').fill('Cache node fails');
    await page.getByLabel('Probability (event 2)').fill('0.1');
    await page.getByRole('button', { name: 'Add basic event' }).click();
    await page.getByLabel('Description (event 3)').fill('Database saturates without coalescing');
    await page.getByLabel('Probability (event 3)').fill('0.2');
    await page.getByLabel('Inputs (event 1)').fill('b1, b3');
    await page.getByRole('button', { name: 'Save fault tree' }).click();
    const results = page.locator('section', {
      has: page.getByRole('heading', { name: 'Cut sets and probability' }),
    });
    // An AND of two independent events: one minimal cut set {b1, b3}, P = 0.1 × 0.2.
    await expect.poll(() => results.textContent()).toContain('Minimal cut sets (1)');
    expect(await results.textContent()).toContain('{ b1, b3 }');
    expect(await results.textContent()).toContain('0.02000 (exact');
    await page.locator('.svg-preview svg').waitFor();
    await screenshot(page, '07-fault-tree');
  });

  it('asks the participant for feedback by email once resolved, and takes it through the emailed link', async () => {
    // The worker's pass schedules the review of the resolved incident and mails its creator a request.
    const pass = await h.pass();
    expect(pass.review_workflow).toMatchObject({ scheduled: 1, invited: 1 });
    const mail = h.sink.messages.find(
      (m) =>
        m.envelope.to.includes('rosa@example.com') && m.headers['x-hindsight-kind'] === 'feedback_requested',
    );
    // The test server has no public URL (HINDSIGHT_PUBLIC_URL), so the mail carries the link's path.
    const path = /\/feedback\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? '')?.[0];
    expect(path, mail?.text).toBeDefined();
    // The link needs no account: a fresh browser context without the session cookie opens it.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const participant = await context.newPage();
      participant.on('pageerror', (error) => errors.push(error.message));
      await participant.goto(`${t.url}${path ?? ''}`);
      await participant.getByRole('heading', { level: 1, name: `Feedback on ${incidentId}` }).waitFor();
      await participant.getByText('Checkout latency after cache node loss').waitFor();
      await participant.getByLabel('How well did the response go? (1–10)').selectOption('9');
      await participant.getByLabel('How effective are the improvements? (1–10)').selectOption('7');
      await participant.getByLabel('What went well?').fill('The alert fired within 12 minutes');
      await participant.getByLabel('What should improve?').fill('Exercise cache failover');
      await screenshot(participant, '13-feedback');
      await participant.getByRole('button', { name: 'Send feedback' }).click();
      await expect
        .poll(() => participant.locator('.notice-ok').textContent())
        .toBe(`Thank you: your feedback on ${incidentId} is recorded.`);
      await screenshot(participant, '13-feedback-sent');
      // The link works once: opened again, it says the feedback is recorded and offers no form.
      await participant.reload();
      await participant.locator('.notice-ok').waitFor();
      expect(await participant.locator('form').count()).toBe(0);
    } finally {
      await context.close();
    }
    const summary = await t.call('GET', `/api/v1/incidents/${incidentId}/feedback/summary`);
    expect(summary.body).toMatchObject({
      requested: 1,
      responses: 1,
      mean_response_rating: 9,
      mean_improvement_rating: 7,
      went_well: ['The alert fired within 12 minutes'],
      to_improve: ['Exercise cache failover'],
    });
    // The review editor shows who was asked and who answered.
    await page.goto(`${t.url}/incidents/${incidentId}/review`);
    const status = page.locator('section', {
      has: page.getByRole('heading', { name: 'Participant feedback' }),
    });
    await expect
      .poll(() => status.textContent())
      .toContain('1 response from 1 asked, response rated 9.0/10, improvements rated 7.0/10');
    expect(await status.locator('li').first().textContent()).toBe('rosa: answered');
    // And what was written, without who wrote it.
    expect(await status.getByRole('list', { name: 'What went well' }).innerText()).toBe(
      'The alert fired within 12 minutes',
    );
    expect(await status.getByRole('list', { name: 'What could improve' }).innerText()).toBe(
      'Exercise cache failover',
    );
    expect(await status.textContent()).toContain('Medians: response 9/10, improvements 7/10.');
  });

  it('moves the review through its lifecycle, then previews and downloads the report', async () => {
    await page.goto(`${t.url}/incidents/${incidentId}/review`);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => page.locator('.head-actions .badge').textContent()).toBe('In review');
    await signOut();
    await signIn('vera');
    await page.goto(`${t.url}/incidents/${incidentId}/review`);
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.locator('.head-actions .badge').textContent()).toBe('Approved');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => page.locator('.head-actions .badge').textContent()).toBe('Published');
    await page.getByRole('button', { name: 'Preview report' }).click();
    await expect
      .poll(() => page.locator('.report-preview').textContent())
      .toContain('Checkout latency after cache node loss');
    await screenshot(page, '06-review-published');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${incidentId}-review.md`);
    const markdown = await readFile(await download.path(), 'utf8');
    expect(markdown).toContain('Checkout latency after cache node loss');
    expect(markdown).toContain('No request coalescing in front of the database');
  });

  it('creates an action, completes and verifies it on the board', async () => {
    await page.goto(`${t.url}/actions`);
    await page.getByRole('button', { name: 'New action' }).click();
    await page.getByLabel('Incidents').fill(incidentId);
    await page.getByLabel('Action title').fill('Add request coalescing to the cache client');
    await page.getByLabel('Action category').fill('Resilience');
    await page.getByLabel('Action owner').fill('payments');
    await page.getByLabel('Due date').fill(actionDue);
    await page
      .getByLabel('Success criteria')
      .fill('Load test with one cache node down keeps p99 under 500 ms');
    await page.getByRole('button', { name: 'Create action' }).click();
    await page.getByRole('heading', { level: 2, name: /Add request coalescing/ }).waitFor();
    await page.getByLabel('Progress (%)').fill('100');
    await page.getByLabel('Progress note').fill('Shipped');
    await page.getByRole('button', { name: 'Record progress' }).click();
    await page.getByRole('button', { name: 'Verify action' }).waitFor();
    await page
      .getByLabel('Evidence', { exact: true })
      .fill('Load test 2024-02-10: p99 310 ms with a node down');
    await page.getByRole('button', { name: 'Verify action' }).click();
    await expect.poll(() => page.locator('.notice-ok').first().textContent()).toContain('Verified by');
    await screenshot(page, '08-actions');
    await page.getByRole('button', { name: 'Table' }).click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(1);
    const actions = await t.call('GET', `/api/v1/actions?incident=${incidentId}`);
    expect(actions.body.items).toMatchObject([{ status: 'verified', due_date: actionDue }]);
  });

  it('shows the lessons repository and settings', async () => {
    await page.goto(`${t.url}/lessons`);
    await page.getByRole('heading', { level: 1, name: 'Lessons learned' }).waitFor();
    await page.getByText(/lesson records/).waitFor();
    await screenshot(page, '09-lessons');
    await page.goto(`${t.url}/settings`);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'API tokens' }).waitFor();
    await screenshot(page, '10-settings');
  });

  it('shows the dashboard KPIs changed by the published review, the feedback and the verified action', async () => {
    await expectKpis(january, {
      'Post-incident review completion rate': '100.0%',
      // Detected 09:12, impact from 09:00: the median of one incident.
      'Time to detect (MTTD)': '12 min',
    });
    await screenshot(page, '12-dashboard-after');
    await expectKpis(recent, {
      // Verified before it fell due.
      'Action implementation rate': '100.0%',
      // The participant's rating of the improvements, on the review published in this period.
      'Improvement effectiveness score': '7.0 / 10',
    });
  });

  it('threw no uncaught errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
