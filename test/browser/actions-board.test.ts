import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, launchBrowser, screenshot, settled, useToken } from './browser.support.js';

/**
 * The actions board against the real actions API: created through the form, shown by status with the
 * overdue one highlighted, as a table, progressed and verified with evidence.
 */
describe('actions board', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let incidentId = '';
  const dialogs: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    t.clock.set(new Date());
    const created = await t.call('POST', '/api/v1/incidents', {
      body: { title: 'Queue backlog', severity: 'Medium' },
    });
    incidentId = created.body.id;
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await useToken(page, t.url, t.token);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function create(title: string, due: string): Promise<void> {
    await page.getByRole('button', { name: 'New action' }).click();
    await page.getByLabel('Incidents').fill(incidentId);
    await page.getByLabel('Action title').fill(title);
    await page.getByLabel('Action category').fill('Capacity');
    await page.getByLabel('Action owner').fill('platform');
    await page.getByLabel('Due date').fill(due);
    await page.getByLabel('Success criteria').fill('Backlog drains within 10 minutes at peak');
    await page.getByRole('button', { name: 'Create action' }).click();
    await page
      .getByRole('heading', { level: 2, name: new RegExp(title.replace(/[<>()'"]/g, '.')) })
      .waitFor();
  }

  it('creates actions and shows them by status, the overdue one highlighted', async () => {
    await page.goto(`${t.url}/actions`);
    await page.getByRole('heading', { level: 1, name: 'Actions' }).waitFor();
    await create('Autoscale the queue workers', '2999-12-31');
    await create('Alert on queue age', '2000-01-31');
    const open = page.locator('.board-column', { has: page.getByRole('heading', { name: /^Open/ }) });
    await expect.poll(() => open.locator('.action-card').count()).toBe(2);
    const overdue = open.locator('.action-card.overdue');
    expect(await overdue.count()).toBe(1);
    expect(await overdue.textContent()).toContain('Alert on queue age');
    await expect.poll(() => page.locator('.toolbar').textContent()).toContain('2 actions, 1 overdue');
  });

  it('records progress to 100 (completed), then verifies with evidence', async () => {
    // The new action is already open in the detail panel; its title button toggles the panel.
    const title = page.getByRole('button', { name: 'Alert on queue age' });
    if ((await title.getAttribute('aria-expanded')) !== 'true') await title.click();
    await page.getByLabel('Progress (%)').fill('100');
    await page.getByLabel('Progress note').fill('Alert deployed');
    await page.getByRole('button', { name: 'Record progress' }).click();
    const completed = page.locator('.board-column', {
      has: page.getByRole('heading', { name: /^Completed/ }),
    });
    await expect.poll(() => completed.locator('.action-card').count()).toBe(1);
    // A completed action is no longer overdue.
    expect(await completed.locator('.action-card.overdue').count()).toBe(0);
    await page.getByLabel('Evidence kind').selectOption('exercise');
    await page
      .getByLabel('Evidence', { exact: true })
      .fill('Game day 2024-02-01: alert fired after 4 minutes of backlog');
    await page.getByRole('button', { name: 'Verify action' }).click();
    await expect.poll(() => page.locator('.notice-ok').first().textContent()).toContain('Verified by');
    const verified = page.locator('.board-column', { has: page.getByRole('heading', { name: /^Verified/ }) });
    await expect.poll(() => verified.locator('.action-card').count()).toBe(1);
    await screenshot(page, '08-actions-board');
  });

  it('shows the same actions as a table with the overdue row marked', async () => {
    await page.getByRole('button', { name: 'Table' }).click();
    await expect.poll(() => page.locator('table tbody tr').count()).toBe(2);
    expect(await page.locator('tr.overdue').count()).toBe(0);
    await screenshot(page, '08-actions-table');
  });

  it('renders action text inert', async () => {
    await page.getByRole('button', { name: 'Board' }).click();
    await create(`<img src=x onerror="alert('xss-action')">`, '2000-01-01');
    await settled(page);
    const injected = await page.evaluate(
      `document.querySelectorAll('img[src="x"], [onerror], script:not([src])').length`,
    );
    expect(injected).toBe(0);
    expect(dialogs).toEqual([]);
    // The text is stored as written: inert because it is rendered as text, not because it was dropped.
    const stored = await t.call('GET', `/api/v1/actions?incident=${incidentId}`);
    expect(stored.body.items.map((a: { title: string }) => a.title)).toContain(
      `<img src=x onerror="alert('xss-action')">`,
    );
  });
});
