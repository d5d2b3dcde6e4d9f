import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NewIncident } from '../../src/core/incidents/incident.ports.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, launchBrowser, screenshot, settled, useToken } from './browser.support.js';

const COUNT = 10_000;
const SEVERITIES = ['Critical', 'High', 'Medium', 'Low'] as const;
const CATEGORIES = ['Availability', 'Access Control', 'Data Protection', 'Latency', 'Deployment'];

/** Incident i of the seeded set: declared every ~13 minutes through Q1 2024, detected 5–24 minutes after impact. */
function incident(i: number): NewIncident {
  const declared = Date.parse('2024-01-01T00:00:00Z') + i * 13 * 60_000;
  const impact = declared - (5 + (i % 20)) * 60_000 - 60_000;
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    title: `Seeded incident ${i}`,
    description: '',
    severity: SEVERITIES[i % 4] ?? 'Low',
    category: CATEGORIES[i % CATEGORIES.length] ?? 'Availability',
    kind: 'incident',
    attack_vector: null,
    affected_services: [`service-${i % 12}`],
    team: `team-${i % 5}`,
    restricted: false,
    status: 'resolved',
    timestamps: {
      impact_started: at(impact),
      first_indicator: null,
      detected: at(declared - 60_000),
      declared: at(declared),
      acknowledged: null,
      first_action: null,
      contained: null,
      mitigated: null,
      recovered: null,
      resolved: at(declared + 3_600_000),
    },
    created_by: 'seed',
    created_at: at(declared),
  };
}

/**
 * 10,000 incidents: the dashboard and the incident list stay aggregated or paged on the server, so the
 * browser never receives or renders thousands of rows.
 */
describe('the UI over 10,000 incidents', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  const listCalls: URL[] = [];
  const apiCalls: URL[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    for (let start = 0; start < COUNT; start += 1_000) {
      await t.server.store.transaction(async ({ incidents }) => {
        for (let i = start; i < start + 1_000; i++) await incidents.insert(incident(i));
      });
    }
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(120_000);
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/v1/')) apiCalls.push(url);
      if (url.pathname.startsWith('/api/v1/') && url.searchParams.has('limit')) listCalls.push(url);
    });
    await useToken(page, t.url, t.token);
  }, 300_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, 'failed-scale');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('pages the incident list: 25 rows of 10,000', async () => {
    await page.goto(`${t.url}/incidents`);
    await page.getByText(`Showing 1–25 of ${COUNT} incidents.`).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(25);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(`Showing 26–50 of ${COUNT} incidents.`).waitFor();
  });

  it('computes the dashboard on the server: severity counts add up to every incident', async () => {
    // Straight to the period (the filters are in the URL), so the server aggregates only what is shown. The
    // server runs in this process on synchronous SQLite, so the browser is driven only between its answers.
    await page.goto(`${t.url}/?from=2024-01-01&to=2024-03-31`);
    const severity = page.locator('.kpi-card', {
      has: page.getByRole('heading', { name: 'Incident severity distribution' }),
    });
    // 10,000 incidents, one every 13 minutes from 1 January, all fall before 3 April; a quarter of each severity.
    await expect
      .poll(() => severity.locator('.kpi-value').textContent(), { timeout: 180_000 })
      .toBe('Critical 2500 · High 2500 · Medium 2500 · Low 2500');
    const mttd = page.locator('.kpi-card', {
      has: page.getByRole('heading', { name: 'Time to detect (MTTD)' }),
    });
    await expect.poll(() => mttd.locator('.kpi-meta').last().textContent()).toContain(`n = ${COUNT}`);
    await page.locator('figure.chart svg').first().waitFor();
    // The action burn-down and overdue count come from the server's counts too (no actions here).
    await expect
      .poll(() => page.locator('figcaption', { hasText: 'Open and overdue actions over time' }).count())
      .toBe(1);
    await expect.poll(() => page.locator('.overdue-count').textContent()).toContain('0 overdue of 0 actions');
    await screenshot(page, 'scale-dashboard');
    // Aggregating 10,000 incidents is the server's work and can take a while on a busy machine; the page
    // itself only ever holds the aggregates.
  }, 300_000);

  it('asks for each figure of the default dashboard once, then goes quiet', async () => {
    // The default period ends today, so the burn-down stops at "now": a load keyed on a value that changes
    // every render would ask again after every answer, for ever, and the page would never go quiet.
    apiCalls.length = 0;
    await page.goto(`${t.url}/`);
    await page.locator('figcaption', { hasText: 'Open and overdue actions over time' }).waitFor();
    await settled(page);
    const asked = apiCalls.map((url) => `${url.pathname}${url.search}`);
    expect(asked.filter((href) => href.startsWith('/api/v1/actions/burn-down'))).toHaveLength(1);
    expect(asked.filter((href, i) => asked.indexOf(href) !== i)).toEqual([]);
  }, 120_000);

  it('never asked for more than 200 rows at once and keeps the page small', async () => {
    expect(listCalls.length).toBeGreaterThan(0);
    // The dashboard no longer pages through actions to count them in the browser.
    expect(listCalls.filter((call) => call.pathname === '/api/v1/actions')).toEqual([]);
    for (const call of listCalls)
      expect(Number(call.searchParams.get('limit')), call.href).toBeLessThanOrEqual(200);
    const nodes = await page.evaluate('document.getElementsByTagName("*").length');
    expect(nodes).toBeLessThan(5_000);
  });
});
