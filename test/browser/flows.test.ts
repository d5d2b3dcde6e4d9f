import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, hasRoute, launchBrowser, screenshot } from './browser.support.js';

/**
 * The main journey in a real browser against a real server: sign in → declare an incident → write and move
 * the review → fishbone → action → dashboard. Steps whose API is not on the server yet must show the
 * "not available" notice naming the endpoint, never made-up data; those steps run fully once it exists.
 */
describe('web UI flows', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let incidentId = '';
  const errors: string[] = [];
  const routes: Record<string, boolean> = {};

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    // The browser judges cookie expiry by its own wall clock, so the server's session must be issued at
    // (about) the real time or Chromium drops the cookie as already expired.
    t.clock.set(new Date());
    for (const [username, role] of [
      ['rosa', 'responder'],
      ['vera', 'reviewer'],
    ] as const) {
      const created = await t.call('POST', '/api/v1/users', {
        body: {
          username,
          role,
          display_name: username === 'rosa' ? 'Rosa Responder' : 'Vera Reviewer',
          password: 'correct horse battery staple',
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    const probe = 'INC-2024-9999';
    routes.transitions = await hasRoute(t, 'POST', `/api/v1/incidents/${probe}/review/transitions`, {
      action: 'submit',
    });
    routes.fishbone = await hasRoute(t, 'GET', `/api/v1/incidents/${probe}/review/analyses/fishbone`);
    routes.actions = await hasRoute(t, 'GET', '/api/v1/actions');
    routes.kpis = await hasRoute(t, 'GET', '/api/v1/kpis?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z');
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
    await t?.close();
  });

  async function signIn(username: string): Promise<void> {
    await page.goto(`${t.url}/sign-in`);
    await page.getByLabel('Username', { exact: true }).fill(username);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  }

  /** The value shown on one KPI card for January 2024 (the period the test incident falls in). */
  async function kpiValue(name: string): Promise<string> {
    await page.goto(`${t.url}/`);
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To').fill('2024-01-31');
    await page.getByRole('button', { name: 'Apply' }).click();
    const card = page.locator('.kpi-card', { has: page.getByRole('heading', { name, exact: true }) });
    await expect.poll(() => page.locator('.kpi-card').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    return (await card.locator('.kpi-value').textContent()) ?? '';
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

  it('shows the dashboard: KPI cards with definitions, or a notice naming the missing endpoint', async () => {
    if (routes.kpis) {
      await page.locator('.kpi-card').first().waitFor();
      const card = page.locator('.kpi-card').first();
      await card.hover();
      await expect.poll(() => card.locator('.kpi-definition').isVisible()).toBe(true);
      // Before any review is published, January 2024 has nothing to count.
      expect(await kpiValue('Post-incident review completion rate')).toBe('No data');
    } else {
      await expect
        .poll(() => page.locator('.notice-unavailable').first().textContent())
        .toContain('GET /api/v1/kpis');
    }
    await screenshot(page, '02-dashboard');
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

  it('edits a fishbone and shows the server’s SVG (or names the missing endpoint)', async () => {
    await page.goto(`${t.url}/incidents/${incidentId}/analyses/fishbone`);
    if (!routes.fishbone) {
      await expect
        .poll(() => page.locator('.notice-unavailable').first().textContent())
        .toContain(`GET /api/v1/incidents/${incidentId}/review/analyses/fishbone`);
      await screenshot(page, '07-fishbone');
      return;
    }
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
    expect(review.body.contributing_factors.map((f: any) => f.source.analysis)).toContain('fishbone');
  });

  it('builds a fault tree and shows its minimal cut sets and probability from the server', async () => {
    if (!routes.fishbone) return;
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

  it('moves the review through its lifecycle (or names the missing transitions endpoint)', async () => {
    await page.goto(`${t.url}/incidents/${incidentId}/review`);
    await page.getByRole('button', { name: 'Submit for review' }).click();
    if (!routes.transitions) {
      await expect
        .poll(() => page.locator('.notice-unavailable').first().textContent())
        .toContain(`POST /api/v1/incidents/${incidentId}/review/transitions`);
      return;
    }
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
  });

  it('creates an action, completes and verifies it on the board (or names the missing endpoint)', async () => {
    await page.goto(`${t.url}/actions`);
    if (!routes.actions) {
      await expect
        .poll(() => page.locator('.notice-unavailable').first().textContent())
        .toContain('GET /api/v1/actions');
      await screenshot(page, '08-actions');
      return;
    }
    await page.getByRole('button', { name: 'New action' }).click();
    await page.getByLabel('Incidents').fill(incidentId);
    await page.getByLabel('Action title').fill('Add request coalescing to the cache client');
    await page.getByLabel('Action category').fill('Resilience');
    await page.getByLabel('Action owner').fill('payments');
    await page.getByLabel('Due date').fill('2024-02-15');
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

  it('opens the feedback form from a feedback link (or names the missing endpoint)', async () => {
    await page.goto(`${t.url}/feedback/fb-token-123`);
    await page.locator('main h1').first().waitFor();
    if (!(await hasRoute(t, 'GET', '/api/v1/feedback/fb-token-123'))) {
      await expect
        .poll(() => page.locator('.notice-unavailable').first().textContent())
        .toContain('GET /api/v1/feedback/fb-token-123');
    } else {
      await page.locator('.notice-error, form').first().waitFor();
    }
    await screenshot(page, '13-feedback');
  });

  it('labels every form control and lets the keyboard reach the content', async () => {
    const unlabelled = `[...document.querySelectorAll('input, select, textarea')].filter((e) => !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).map((e) => e.outerHTML.slice(0, 80))`;
    const pages = [
      '/',
      '/incidents',
      '/incidents/new',
      `/incidents/${incidentId}`,
      `/incidents/${incidentId}/review`,
      `/incidents/${incidentId}/analyses/five_whys`,
      `/incidents/${incidentId}/analyses/fishbone`,
      `/incidents/${incidentId}/analyses/fault_tree`,
      '/actions',
      '/lessons',
      '/settings',
    ];
    for (const path of pages) {
      await page.goto(`${t.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate(unlabelled), path).toEqual([]);
    }
    // First Tab stop is the skip link; following it puts focus on the main content.
    await page.goto(`${t.url}/`);
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    if (routes.kpis) {
      // A KPI's definition shows on keyboard focus as well as on hover.
      const card = page.locator('.kpi-card').first();
      await card.focus();
      expect(await card.locator('.kpi-definition').isVisible()).toBe(true);
    }
  });

  it('lays the pages out for a phone without horizontal scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/incidents', `/incidents/${incidentId}`, `/incidents/${incidentId}/review`]) {
      await page.goto(`${t.url}${path}`);
      await page.locator('main h1').waitFor();
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await screenshot(page, '11-incident-phone');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('shows the dashboard KPIs changed by the published review', async () => {
    if (!routes.kpis || !routes.transitions) return;
    expect(await kpiValue('Post-incident review completion rate')).toBe('100.0%');
    // Detected 09:12, impact from 09:00: the median of one incident.
    expect(await kpiValue('Time to detect (MTTD)')).toBe('12 min');
    await screenshot(page, '12-dashboard-after');
  });

  it('threw no uncaught errors in the page', () => {
    expect(errors).toEqual([]);
  });
});
