import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { ensureWebBuilt, launchBrowser, screenshot, settled, useToken } from './browser.support.js';

/**
 * KPI targets edited on the settings page by an admin: bad targets are named next to their field and
 * nothing is stored; a saved target judges the dashboard's card at once; a viewer only reads them.
 */
describe('settings: KPI targets', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let viewer: Person;

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    const now = Date.now();
    t.clock.set(new Date(now));
    // An operational incident two days ago, detected 20 minutes after impact: MTTD median 20 min.
    const at = (minutes: number) => new Date(now - 2 * 86_400_000 + minutes * 60_000).toISOString();
    const { attack_vector: _security, ...operational } = buildIncidentInput({
      timestamps: { impact_started: at(0), detected: at(20), declared: at(25) },
    });
    const created = await t.call('POST', '/api/v1/incidents', { body: operational });
    expect(created.status).toBe(201);
    viewer = await addPerson(t, 'vera', 'viewer');
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, 'failed-kpi-targets');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const mttdCard = () =>
    page.locator('.kpi-card', { has: page.getByRole('heading', { name: 'Time to detect (MTTD)' }) });
  const targets = () => page.getByRole('form', { name: 'KPI targets' });

  it('names a bad target next to its field and stores nothing', async () => {
    await useToken(page, t.url, t.token);
    await page.goto(`${t.url}/settings`);
    const mttd = targets().getByLabel('Time to detect (MTTD)');
    await expect.poll(() => mttd.inputValue()).toBe('Decreasing trend');
    await mttd.fill('< 10 minutes');
    await targets().getByLabel('Action implementation rate').fill('most of them');
    await targets().getByRole('button', { name: 'Save KPI targets' }).click();
    await targets().getByText('unparseable target "most of them"').first().waitFor();
    expect((await t.call('GET', '/api/v1/settings/kpi-targets')).body.version).toBe(0);
  });

  it('saves a target that the dashboard judges its KPI by at once', async () => {
    await targets().getByLabel('Action implementation rate').fill('> 80%');
    await targets().getByRole('button', { name: 'Save KPI targets' }).click();
    await page.getByText('KPI targets saved').waitFor();
    await screenshot(page, 'settings-kpi-targets');
    const stored = (await t.call('GET', '/api/v1/settings/kpi-targets')).body;
    expect(stored.version).toBe(1);
    await page.goto(`${t.url}/`);
    await expect
      .poll(() => mttdCard().locator('.kpi-meta').first().textContent())
      .toBe('Target not met Target: < 10 minutes');
    await settled(page);
  });

  it('shows a viewer the targets with their source, without a form to change them', async () => {
    const viewerPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await useToken(viewerPage, t.url, viewer.token);
      await viewerPage.goto(`${t.url}/settings`);
      const form = viewerPage.getByRole('form', { name: 'KPI targets' });
      await form.getByText('Time to detect (MTTD)').waitFor();
      expect(await form.innerText()).toContain('< 10 minutes (set here)');
      expect(await form.getByRole('textbox').count()).toBe(0);
      expect(await form.getByRole('button').count()).toBe(0);
    } finally {
      await viewerPage.close();
    }
  });

  it('resets to the built-in targets', async () => {
    await page.goto(`${t.url}/settings`);
    await targets().getByRole('button', { name: 'Reset to file and built-in targets' }).click();
    await page.getByText('KPI targets saved').waitFor();
    await expect
      .poll(() => targets().getByLabel('Time to detect (MTTD)').inputValue())
      .toBe('Decreasing trend');
    await page.goto(`${t.url}/`);
    await expect
      .poll(() => mttdCard().locator('.kpi-meta').first().textContent())
      .toBe('No data Target: Decreasing trend');
  });
});
