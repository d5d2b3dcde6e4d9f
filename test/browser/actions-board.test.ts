import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, hasRoute, launchBrowser, screenshot, useToken } from './browser.support.js';

/**
 * The actions board against the actions API contract (GET/POST /api/v1/actions, POST .../progress and
 * .../verify). While the server has no actions routes, this file answers those four calls in the browser
 * with a small in-memory implementation of the contract, so the board, its overdue rule and its forms are
 * exercised now; once the real routes exist the stand-in switches itself off and the same steps run
 * against the server.
 */
describe('actions board', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let incidentId = '';
  let stubbed = false;
  const dialogs: string[] = [];

  interface StubAction {
    id: string;
    status: string;
    progress: number;
    history: unknown[];
    verification?: unknown;
    completed_at?: string;
    [field: string]: unknown;
  }
  const actions: StubAction[] = [];

  async function answer(route: Route): Promise<void> {
    const request = route.request();
    const url = new URL(request.url());
    const json = (status: number, body: unknown) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
    const body = (request.postDataJSON() ?? {}) as Record<string, unknown>;
    const now = '2024-02-01T10:00:00.000Z';
    if (url.pathname === '/api/v1/actions' && request.method() === 'GET') {
      return json(200, { items: actions, total: actions.length, limit: 200, offset: 0 });
    }
    if (url.pathname === '/api/v1/actions' && request.method() === 'POST') {
      const id = `ACT-${String(actions.length + 1).padStart(6, '0')}`;
      const action: StubAction = {
        ...body,
        id,
        status: 'open',
        progress: 0,
        history: [],
        created_at: now,
        updated_at: now,
        assigned_at: now,
        version: 1,
      };
      actions.push(action);
      return json(201, action);
    }
    const match = /^\/api\/v1\/actions\/(ACT-\d+)\/(progress|verify)$/.exec(url.pathname);
    const action = actions.find((a) => a.id === match?.[1]);
    if (!match || !action)
      return json(404, { error: { code: 'route_not_found', message: 'no route', details: [] } });
    if (match[2] === 'progress') {
      const progress = Number(body.progress);
      action.history.push({
        at: now,
        by: 'admin',
        kind: 'progress',
        from_status: action.status,
        to_status: progress === 100 ? 'completed' : 'in_progress',
        progress,
        note: body.note,
      });
      action.progress = progress;
      action.status = progress === 100 ? 'completed' : 'in_progress';
      if (progress === 100) action.completed_at = now;
      return json(200, action);
    }
    if (action.status !== 'completed') {
      return json(409, {
        error: {
          code: 'action_not_completed',
          message: 'only a completed action can be verified',
          details: [],
        },
      });
    }
    action.status = 'verified';
    action.verification = { ...body, verified_by: 'admin', verified_at: now };
    return json(200, action);
  }

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    t.clock.set(new Date());
    const created = await t.call('POST', '/api/v1/incidents', {
      body: { title: 'Queue backlog', severity: 'Medium' },
    });
    incidentId = created.body.id;
    stubbed = !(await hasRoute(t, 'GET', '/api/v1/actions'));
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    if (stubbed) await page.route(/\/api\/v1\/actions(\/|\?|$)/, answer);
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
    await page.waitForLoadState('networkidle');
    const injected = await page.evaluate(
      `document.querySelectorAll('img[src="x"], [onerror], script:not([src])').length`,
    );
    expect(injected).toBe(0);
    expect(dialogs).toEqual([]);
    if (stubbed) expect(actions).toHaveLength(3);
  });
});
