import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/shared/actor.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, launchBrowser, screenshot, settled, useToken } from './browser.support.js';

/** Markup that would run script or add elements if the UI ever inserted user text as HTML. */
const PAYLOADS = [
  `<script>alert('xss-script')</script>`,
  `<img src=x onerror="alert('xss-img')">`,
  `javascript:alert('xss-js')`,
  `"><svg onload="alert('xss-svg')">`,
  `<a href="javascript:alert('xss-a')">xss-link</a>`,
  `'><iframe src="javascript:alert('xss-frame')"></iframe>`,
];

/** Elements no page of the UI has of its own; any of them means user text became markup. */
const INJECTED =
  'script:not([src]), img[src="x"], iframe, svg[onload], [onerror], [onload], a[href^="javascript:"], a[href^="JAVASCRIPT:"]';

describe('user text renders inert in every free-text field', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const incidents: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    t.clock.set(new Date());
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    // The token path of the client: a bearer token kept in sessionStorage.
    await useToken(page, t.url, t.token);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, 'failed-xss');
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function assertInert(where: string): Promise<void> {
    await page.locator('main h1').first().waitFor();
    // Let effects, charts and images settle so a handler would have fired by now.
    await settled(page);
    const injected = await page.evaluate(`document.querySelectorAll(${JSON.stringify(INJECTED)}).length`);
    expect(injected, `${where}: injected elements`).toBe(0);
    expect(dialogs, `${where}: dialogs`).toEqual([]);
  }

  it('has a detector that sees injected markup (so a pass means something)', async () => {
    await page.goto(`${t.url}/`);
    await page.locator('main h1').first().waitFor();
    await page.evaluate(`document.body.insertAdjacentHTML('beforeend', '<img src="x" data-probe="1">')`);
    expect(await page.evaluate(`document.querySelectorAll(${JSON.stringify(INJECTED)}).length`)).toBe(1);
    await page.evaluate(`document.querySelector('[data-probe]').remove()`);
  });

  it('declares incidents with a payload in every free-text field of the form', async () => {
    for (const payload of PAYLOADS) {
      await page.goto(`${t.url}/incidents/new`);
      await page.getByLabel('Title', { exact: true }).fill(`Title ${payload}`);
      await page.getByLabel('Description', { exact: true }).fill(`Description ${payload}`);
      await page.getByLabel('Category', { exact: true }).fill(payload);
      await page.getByLabel('Team', { exact: true }).fill(payload);
      await page.getByLabel('Affected services').fill(payload);
      await page.getByLabel('Attack vector').fill(payload);
      await page.getByRole('button', { name: 'Declare incident' }).click();
      await page.waitForURL(/\/incidents\/INC-\d{4}-\d+$/);
      incidents.push(page.url().split('/').pop() ?? '');
      await page.getByRole('heading', { level: 1, name: `Title ${payload}` }).waitFor();
      await assertInert(`incident page for ${payload}`);
      // Shown as the very text typed, not interpreted.
      expect(await page.locator('main').innerText()).toContain(`Description ${payload}`);
    }
    await screenshot(page, 'xss-incident');
  }, 120_000);

  it('writes a review with a payload in every free-text field', async () => {
    for (const [i, payload] of PAYLOADS.entries()) {
      const id = incidents[i] ?? '';
      await page.goto(`${t.url}/incidents/${id}/review`);
      await page.getByRole('heading', { level: 1, name: 'Post-incident review' }).waitFor();
      await page.getByLabel('Facilitator', { exact: true }).fill(payload);
      await page.getByRole('button', { name: 'Add participant' }).click();
      await page.getByLabel('Participant 1', { exact: true }).fill(payload);
      await page.getByLabel('Description', { exact: true }).fill(payload);
      await page.getByLabel('Impact', { exact: true }).fill(payload);
      await page.getByLabel('Duration', { exact: true }).fill(payload);
      await page.getByRole('button', { name: 'Add timeline event' }).click();
      await page.getByLabel('Time (event 1)').fill(payload);
      await page.getByLabel('Source (event 1)').fill(payload);
      await page.getByLabel('Event 1', { exact: true }).fill(payload);
      await page.getByLabel('Action taken (event 1)').fill(payload);
      await page.getByRole('button', { name: 'Add went well' }).click();
      await page.getByLabel('Went well 1', { exact: true }).fill(payload);
      await page.getByRole('button', { name: 'Add could improve' }).click();
      await page.getByLabel('Could improve 1', { exact: true }).fill(payload);
      await page.getByRole('button', { name: 'Add contributing factor' }).click();
      await page.getByLabel('Contributing factor 1', { exact: true }).fill(payload);
      await page.getByLabel('Evidence (factor 1)').fill(payload);
      await page.getByRole('button', { name: 'Add lesson' }).click();
      await page.getByLabel('Lesson 1', { exact: true }).fill(payload);
      await page.getByLabel('Category (lesson 1)').fill(payload);
      await page.getByLabel('Owner (lesson 1)').fill(payload);
      await page.getByRole('button', { name: 'Add action item' }).click();
      await page.getByLabel('Action 1', { exact: true }).fill(payload);
      await page.getByLabel('Owner (action 1)').fill(payload);
      await page.getByLabel('Success criteria (action 1)').fill(payload);
      await page.getByRole('button', { name: 'Create review' }).first().click();
      await expect.poll(() => page.locator('.notice-ok').first().textContent()).toContain('Saved');
      const stored = await t.call('GET', `/api/v1/incidents/${id}/review`);
      expect(stored.body.facilitator).toBe(payload);
      // Read back from the server on a fresh load: the saved text renders as text.
      await page.reload();
      await page.getByLabel('Facilitator', { exact: true }).waitFor();
      expect(await page.getByLabel('Facilitator', { exact: true }).inputValue()).toBe(payload);
      await assertInert(`review of ${id}`);
      await page.goto(`${t.url}/incidents/${id}`);
      await assertInert(`incident page with review of ${id}`);
    }
    // The report the server renders from all those fields, previewed in the page.
    await page.goto(`${t.url}/incidents/${incidents[0] ?? ''}/review`);
    await page.getByRole('button', { name: 'Preview report' }).click();
    await page.locator('.report-preview h1').first().waitFor();
    await assertInert('report preview');
    await screenshot(page, 'xss-review');
  }, 120_000);

  it('lists and searches the incidents with payloads in the search box', async () => {
    await page.goto(`${t.url}/incidents`);
    await assertInert('incident list');
    expect(await page.locator('tbody tr').count()).toBe(PAYLOADS.length);
    for (const payload of PAYLOADS) {
      await page.getByLabel('Search', { exact: true }).fill(payload);
      await page.getByLabel('Team', { exact: true }).fill(payload);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByText(/Showing|No incidents match/).waitFor();
      await assertInert(`incident search for ${payload}`);
    }
    await screenshot(page, 'xss-incidents');
  });

  it('shows lessons holding payloads as text, and searches them', async () => {
    const records = PAYLOADS.map((payload, i) => ({
      incident_id: `INC-2023-${String(i + 1).padStart(4, '0')}`,
      date: '2023-06-01',
      title: `Lesson ${payload}`,
      severity: 'High',
      category: payload,
      summary: { description: payload, impact: payload, duration: payload },
      root_causes: [{ type: 'process', description: payload, contributing_factors: [payload] }],
      lessons_learned: [
        {
          lesson: payload,
          category: payload,
          priority: 'High',
          implementation: {
            owner: payload,
            due_date: '2023-07-01',
            status: payload.slice(0, 60),
            progress: 10,
          },
        },
      ],
      preventive_measures: [{ measure: payload, description: payload, status: payload.slice(0, 60) }],
      metrics: {
        detection_time: '',
        response_time: '',
        containment_time: '',
        recovery_time: '',
        business_impact: '',
      },
    }));
    await t.server.services.lessons.import(systemActor, { lessons_learned_database: records });
    await page.goto(`${t.url}/lessons`);
    await page.getByText(`${PAYLOADS.length} lesson records`).waitFor();
    await assertInert('lessons');
    expect(await page.locator('main').innerText()).toContain(`Lesson ${PAYLOADS[1]}`);
    await page.getByRole('textbox', { name: 'Search lessons' }).fill(PAYLOADS[0] ?? '');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(/lesson records/).waitFor();
    await assertInert('lesson search');
    await page.goto(`${t.url}/`);
    await assertInert('dashboard with lessons');
    await screenshot(page, 'xss-lessons');
  });

  // The analysis editors and the actions board take free text too.
  it('keeps fishbone and five-whys text inert, including in the server-drawn SVG', async () => {
    const id = incidents[0] ?? '';
    for (const payload of PAYLOADS) {
      await page.goto(`${t.url}/incidents/${id}/analyses/fishbone`);
      await page.getByLabel('Problem (the head of the fish)').fill(payload);
      if ((await page.getByLabel('People cause 1', { exact: true }).count()) === 0) {
        await page.getByRole('button', { name: 'Add People cause' }).click();
      }
      await page.getByLabel('People cause 1', { exact: true }).fill(payload);
      await page.getByRole('button', { name: 'Save fishbone diagram' }).click();
      // The new drawing replaces the previous one; the server may shorten long labels with an ellipsis.
      await expect.poll(() => page.locator('.svg-preview').textContent()).toContain(payload.slice(0, 12));
      await assertInert(`fishbone with ${payload}`);
    }
    await page.goto(`${t.url}/incidents/${id}/analyses/five_whys`);
    await page.getByLabel('Problem', { exact: true }).fill(PAYLOADS.join(' '));
    await page.getByLabel('Answer 1', { exact: true }).fill(PAYLOADS.join(' '));
    await page.getByRole('button', { name: 'Save five whys' }).click();
    await page.locator('.svg-preview svg').waitFor();
    await assertInert('five whys');
  }, 120_000);

  it('keeps action text inert on the board and in the table', async () => {
    for (const payload of PAYLOADS) {
      await page.goto(`${t.url}/actions`);
      await page.getByRole('button', { name: 'New action' }).click();
      await page.getByLabel('Incidents').fill(incidents[0] ?? '');
      await page.getByLabel('Action title').fill(payload);
      await page.getByLabel('Action description').fill(payload);
      await page.getByLabel('Action category').fill(payload.slice(0, 80));
      await page.getByLabel('Action owner').fill(payload);
      await page.getByLabel('Due date').fill('2024-02-15');
      await page.getByLabel('Success criteria').fill(payload);
      await page.getByRole('button', { name: 'Create action' }).click();
      await page.locator('#selected-title, .notice-error').first().waitFor();
      await assertInert(`action board with ${payload}`);
    }
    await page.getByRole('button', { name: 'Table' }).click();
    await assertInert('action table');
  }, 120_000);

  it('names an API token with a payload on the settings page', async () => {
    await page.goto(`${t.url}/settings`);
    await page.getByRole('heading', { level: 2, name: 'API tokens' }).waitFor();
    await page.getByLabel('New token name').fill(PAYLOADS[1] ?? '');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Copy this token now').waitFor();
    await page
      .getByText(PAYLOADS[1] ?? '', { exact: false })
      .first()
      .waitFor();
    await assertInert('settings');
  });

  it('shares a redacted lesson of a restricted incident, inert in the incident page and the lessons repository', async () => {
    const restricted = await t.call('POST', '/api/v1/incidents', {
      body: { title: 'Credential misuse', severity: 'High', restricted: true },
    });
    expect(restricted.status).toBe(201);
    const id = restricted.body.id as string;
    await page.goto(`${t.url}/incidents/${id}`);
    const form = page.getByRole('form', { name: 'Redacted lesson' });
    await form.getByLabel('Shared title').fill(`Shared ${PAYLOADS[1] ?? ''}`);
    await form.getByLabel('Shared summary').fill(PAYLOADS[3] ?? '');
    await form.getByLabel('Shared lesson', { exact: true }).fill(PAYLOADS[4] ?? '');
    await form.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('waiting for a reviewer').waitFor();
    await assertInert('redacted lesson form');
    // Approval needs a reviewer who did not write it.
    const reviewer = await t.call('POST', '/api/v1/users', { body: { username: 'rhea', role: 'reviewer' } });
    expect(reviewer.status).toBe(201);
    const token = await t.call('POST', '/api/v1/users/rhea/tokens', { body: { name: 'test' } });
    // Need to know: the reviewer must be a member of the restricted incident to see it at all.
    expect(
      (await t.call('POST', `/api/v1/incidents/${id}/members`, { body: { username: 'rhea' } })).status,
    ).toBe(200);
    const approved = await t.call('POST', `/api/v1/incidents/${id}/redacted-lesson/approve`, {
      token: token.body.token,
    });
    expect(approved.status).toBe(200);
    await page.goto(`${t.url}/lessons`);
    const redacted = page.locator('section', {
      has: page.getByRole('heading', { name: /Lessons from restricted incidents/ }),
    });
    await expect.poll(() => redacted.textContent()).toContain(`Shared ${PAYLOADS[1] ?? ''}`);
    await assertInert('lessons with a redacted lesson');
  });

  it('lets an admin change the working calendar, validated and versioned by the server', async () => {
    await page.goto(`${t.url}/settings`);
    const calendar = page.getByLabel('Working days and holidays (JSON)');
    await expect.poll(() => calendar.inputValue()).toContain('working_days');
    const value = JSON.parse(await calendar.inputValue());
    await calendar.fill(JSON.stringify({ ...value, holidays: 'not a list' }));
    await page.getByRole('button', { name: 'Save working days and holidays' }).click();
    // The server names the bad field; nothing is stored.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('holidays');
    await calendar.fill(JSON.stringify({ ...value, holidays: ['2024-12-25'] }));
    await page.getByRole('button', { name: 'Save working days and holidays' }).click();
    await page.getByText(/Stored, version/).waitFor();
    const stored = await t.call('GET', '/api/v1/settings/calendar');
    expect(stored.body.value.holidays).toEqual(['2024-12-25']);
  });
});
