import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerHarness, type WorkerHarness } from '../jobs/support/worker-harness.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, launchBrowser, screenshot, useToken } from './browser.support.js';
import {
  ALL,
  DETECT,
  fit,
  HTML_PAYLOADS,
  injectedCount,
  insertHtml,
  PAYLOADS,
  undetectedPayloads,
} from './xss.support.js';

const STRATUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'aws', 'stratus');
const cloudtrail = (): Record<string, unknown>[] =>
  JSON.parse(readFileSync(join(STRATUS, 'aws.defense-evasion.cloudtrail-stop.json'), 'utf8')) as Record<
    string,
    unknown
  >[];

/**
 * The free-text fields xss.test.ts leaves out, filled with every payload through the UI where the UI takes
 * them (else through the API), then every page that shows them opened and searched for injected markup.
 */
describe('more user text renders inert', () => {
  let t: TestServer;
  let h: WorkerHarness;
  let browser: Browser;
  let page: Page;
  let incident = '';
  let fayToken = '';
  const dialogs: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    t.clock.set(new Date());
    h = await startWorkerHarness(t);
    // fay declares the incident, so the workflow mails her the feedback request; her display name is a payload.
    const fay = await t.call('POST', '/api/v1/users', {
      body: { username: 'fay', role: 'responder', display_name: fit(200), email: 'fay@example.com' },
    });
    expect(fay.status, JSON.stringify(fay.body)).toBe(201);
    fayToken = (await t.call('POST', '/api/v1/users/fay/tokens', { body: { name: 'test' } })).body.token;
    const created = await t.call('POST', '/api/v1/incidents', {
      token: fayToken,
      body: {
        title: fit(200),
        severity: 'High',
        timestamps: {
          detected: '2024-01-15T09:12:00Z',
          declared: '2024-01-15T09:15:00Z',
          resolved: '2024-01-15T10:30:00Z',
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    incident = created.body.id as string;
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000); // the shared machine is often busy
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await useToken(page, t.url, t.token);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) await screenshot(page, 'failed-xss-more');
  });

  afterAll(async () => {
    await browser?.close();
    await h?.stop();
    await t?.close();
  });

  async function assertInert(where: string, on: Page = page): Promise<void> {
    await on.locator('main h1').first().waitFor();
    expect(await injectedCount(on), `${where}: injected elements`).toBe(0);
    expect(dialogs, `${where}: dialogs`).toEqual([]);
  }

  it('has a detector that sees every payload once it is markup (so a pass means something)', async () => {
    // A page without charts or polling, so the probes are all that changes on it.
    await page.goto(`${t.url}/incidents/new`);
    await page.locator('main h1').first().waitFor();
    expect(await injectedCount(page)).toBe(0);
    expect(await undetectedPayloads(page)).toEqual([]);
    expect(await page.evaluate<number>(DETECT)).toBe(0);
    dialogs.length = 0; // the probes' handlers may have fired
  });

  it('shows a payload display name, incident title and membership as text', async () => {
    // A username is an identifier and refuses markup; a display name is free text.
    const bad = await t.call('POST', `/api/v1/incidents/${incident}/members`, { body: { username: ALL } });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(
      (await t.call('POST', `/api/v1/incidents/${incident}/members`, { body: { username: 'fay' } })).status,
    ).toBe(200);
    await useToken(page, t.url, fayToken);
    await page.goto(`${t.url}/incidents/${incident}`);
    await page.getByRole('heading', { level: 1, name: fit(200) }).waitFor();
    await expect.poll(() => page.locator('.whoami').textContent()).toContain(fit(200));
    await assertInert('incident page as a payload-named user');
    await page.goto(`${t.url}/settings`);
    await assertInert('settings as a payload-named user');
    await useToken(page, t.url, t.token);
  });

  it('keeps timeline event text inert in the review, the incident timeline and the timeline analysis', async () => {
    await page.goto(`${t.url}/incidents/${incident}/review`);
    await page.getByRole('heading', { level: 1, name: 'Post-incident review' }).waitFor();
    await page.getByLabel('Facilitator', { exact: true }).fill('fay');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.getByLabel('Participant 1', { exact: true }).fill('fay');
    for (const [i, payload] of PAYLOADS.entries()) {
      await page.getByRole('button', { name: 'Add timeline event' }).click();
      await page.getByLabel(`Time (event ${i + 1})`).fill(`2024-01-15T09:${String(20 + i)}:00Z`);
      await page.getByLabel(`Source (event ${i + 1})`).fill(payload);
      await page.getByLabel(`Event ${i + 1}`, { exact: true }).fill(payload);
      await page.getByLabel(`Action taken (event ${i + 1})`).fill(payload);
    }
    await page.getByRole('button', { name: 'Create review' }).first().click();
    await expect.poll(() => page.locator('.notice-ok').first().textContent()).toContain('Saved');
    const stored = await t.call('GET', `/api/v1/incidents/${incident}/review`);
    expect(stored.body.timeline.map((e: { event: string }) => e.event)).toEqual(PAYLOADS);
    await page.reload();
    await assertInert('review with timeline payloads');
    await page.goto(`${t.url}/incidents/${incident}`);
    // Events with a time are drawn on the incident's time axis.
    await page.locator('figure.chart svg').first().waitFor();
    expect(await page.locator('figure.chart figcaption').first().textContent()).toContain(PAYLOADS[1]);
    await assertInert('incident timeline and timeline analysis');
  });

  it('keeps fault-tree descriptions and ids, nested five-whys and fishbone sub-causes inert', async () => {
    await page.goto(`${t.url}/incidents/${incident}/analyses/fault_tree`);
    await page.getByLabel('Description (event 1)').fill(ALL);
    await page.getByLabel('Description (event 2)').fill(ALL);
    await page.getByLabel('Probability (event 2)').fill('0.1');
    await page.getByRole('button', { name: 'Save fault tree' }).click();
    await page.locator('.svg-preview svg').waitFor();
    await assertInert('fault tree with payload descriptions');
    // An id is refused or kept as text; either way nothing renders as markup.
    await page.getByLabel('Id (event 2)').fill(HTML_PAYLOADS[1] ?? '');
    await page.getByRole('button', { name: 'Save fault tree' }).click();
    await page.locator('.notice-error, [role=alert], .notice-ok').first().waitFor();
    await assertInert('fault tree with a payload id');

    await page.goto(`${t.url}/incidents/${incident}/analyses/five_whys`);
    await page.getByLabel('Problem', { exact: true }).fill(ALL);
    await page.getByLabel('Answer 1', { exact: true }).fill(ALL);
    await page.getByRole('button', { name: 'Ask why again under 1' }).click();
    await page.getByLabel('Why? (1.1)').fill(ALL);
    await page.getByLabel('Answer 1.1', { exact: true }).fill(ALL);
    await page.getByRole('button', { name: 'Ask why again under 1.1' }).click();
    await page.getByLabel('Answer 1.1.1', { exact: true }).fill(ALL);
    await page.getByRole('button', { name: 'Save five whys' }).click();
    await page.locator('.svg-preview svg').waitFor();
    await assertInert('nested five whys');
    const whys = await t.call('GET', `/api/v1/incidents/${incident}/review/analyses/five_whys`);
    expect(JSON.stringify(whys.body)).toContain(JSON.stringify(ALL).slice(1, -1));
    await page.reload();
    await page.getByLabel('Answer 1.1.1', { exact: true }).waitFor();
    await assertInert('nested five whys read back');

    await page.goto(`${t.url}/incidents/${incident}/analyses/fishbone`);
    await page.getByLabel('Problem (the head of the fish)').fill(ALL);
    if ((await page.getByLabel('People cause 1', { exact: true }).count()) === 0) {
      await page.getByRole('button', { name: 'Add People cause' }).click();
    }
    await page.getByLabel('People cause 1', { exact: true }).fill(ALL);
    await page
      .getByRole('button', { name: /Add sub-cause/ })
      .first()
      .click();
    await page.getByLabel('Sub-cause 1 of People cause 1').fill(ALL);
    await page.getByRole('button', { name: 'Save fishbone diagram' }).click();
    await page.locator('.svg-preview svg').waitFor();
    await assertInert('fishbone with sub-causes');
  }, 60_000);

  it('keeps progress notes, verification evidence and won’t-do reasons inert on the actions board', async () => {
    const create = async (title: string) => {
      const made = await t.call('POST', '/api/v1/actions', {
        body: {
          incident_ids: [incident],
          title,
          description: ALL,
          type: 'preventive',
          category: 'process',
          owner: { kind: 'team', id: 'payments' },
          due_date: '2030-01-01',
          priority: 'High',
          risk_reduction: 3,
          feasibility: 3,
          success_criteria: ALL,
        },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return made.body.id as string;
    };
    const done = await create('Exercise cache failover');
    const dropped = await create('Rewrite the cache client');
    const reason = await t.call('POST', `/api/v1/actions/${dropped}/status`, {
      body: { status: 'wont_do', reason: ALL },
    });
    expect(reason.status, JSON.stringify(reason.body)).toBe(200);

    await page.goto(`${t.url}/actions`);
    await page.getByText('Exercise cache failover').first().click();
    await page.locator('#selected-title').waitFor();
    const progress = page.getByRole('form', { name: `Progress of ${done}` });
    await progress.getByLabel('Progress (%)').fill('40');
    await progress.getByLabel('Progress note').fill(ALL);
    await progress.getByRole('button', { name: 'Record progress' }).click();
    await page.getByText(/History \(\d+\)/).click();
    await expect.poll(() => page.locator('#selected-title ~ details').textContent()).toContain(ALL);
    await assertInert('action with a progress note');
    await progress.getByLabel('Progress (%)').fill('100');
    await progress.getByLabel('Progress note').fill(ALL);
    await progress.getByRole('button', { name: 'Record progress' }).click();
    const verify = page.getByRole('form', { name: `Verify ${done}` });
    await verify.getByLabel('Evidence', { exact: true }).fill(ALL);
    await verify.getByRole('button', { name: 'Verify action' }).click();
    await expect.poll(() => page.locator('.notice-ok').first().textContent()).toContain(ALL);
    await assertInert('verified action');
    await page.getByText('Rewrite the cache client').first().click();
    await page.getByText(/History \(\d+\)/).click();
    await expect.poll(() => page.locator('#selected-title ~ details').textContent()).toContain(ALL);
    await assertInert('won’t-do action with its reason');
    await page.getByRole('button', { name: 'Table' }).click();
    await assertInert('action table');
  }, 60_000);

  it('keeps evidence summaries, raw records, provenance and pin notes inert on the incident page', async () => {
    const [base] = cloudtrail();
    const records = PAYLOADS.map((payload, i) => ({
      ...base,
      eventID: `xss-${i}`,
      eventTime: `2024-01-15T09:${String(30 + i)}:00Z`,
      eventName: payload,
      userAgent: payload,
      errorCode: payload,
      errorMessage: payload,
      requestParameters: { name: payload, [payload]: payload },
      userIdentity: { type: 'IAMUser', userName: payload, arn: payload },
    }));
    const imported = await t.call('POST', `/api/v1/incidents/${incident}/evidence`, {
      body: { source: 'cloudtrail', records, file_name: ALL },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBeLessThan(300);
    await page.goto(`${t.url}/incidents/${incident}`);
    const evidence = page.locator('section', {
      has: page.getByRole('heading', { name: 'Evidence', exact: true }),
    });
    await expect
      .poll(() => evidence.locator('table.evidence-table tbody tr:not(.details-row)').count())
      .toBe(PAYLOADS.length);
    expect(await evidence.locator('table').innerText()).toContain(PAYLOADS[0]);
    await assertInert('evidence table');
    // Every record's details: provenance and the raw record.
    const toggles = evidence.getByRole('button', { name: /^Show details of/ });
    while ((await toggles.count()) > 0) await toggles.first().click();
    await assertInert('evidence details open');
    const pin = page.getByRole('form', { name: /^Pin evidence/ }).first();
    await pin.getByLabel('Pin note').fill(ALL);
    await pin.getByRole('button', { name: 'Pin to timeline' }).click();
    await page
      .getByText(/with the note/)
      .first()
      .waitFor();
    await assertInert('pinned evidence with a payload note');
    for (const payload of [HTML_PAYLOADS[0] ?? '', HTML_PAYLOADS[1] ?? '']) {
      await evidence.getByLabel('Text', { exact: true }).fill(payload);
      await evidence.getByRole('button', { name: 'Filter evidence' }).click();
      await assertInert(`evidence filtered by ${payload}`);
    }
    await page.reload();
    await page.locator('figure.chart svg').first().waitFor();
    expect(await page.locator('figure.chart figcaption').first().textContent()).toContain(ALL);
    await assertInert('incident page with pinned payload evidence on the timeline');
    await screenshot(page, 'xss-more-evidence');
  }, 60_000);

  it('takes feedback with payloads through the emailed link and shows it inert', async () => {
    const pass = await h.pass();
    expect(pass.review_workflow, JSON.stringify(pass)).toMatchObject({ invited: 1 });
    const mail = h.sink.messages.find(
      (m) =>
        m.envelope.to.includes('fay@example.com') && m.headers['x-hindsight-kind'] === 'feedback_requested',
    );
    const path = /\/feedback\/[A-Za-z0-9_-]{43}/.exec(mail?.text ?? '')?.[0];
    expect(path, mail?.text).toBeDefined();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const participant = await context.newPage();
      participant.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await participant.goto(`${t.url}${path ?? ''}`);
      await participant.getByRole('heading', { level: 1, name: `Feedback on ${incident}` }).waitFor();
      await assertInert('feedback form showing the payload title', participant);
      await participant.getByLabel('How well did the response go? (1–10)').selectOption('6');
      await participant.getByLabel('How effective are the improvements? (1–10)').selectOption('5');
      await participant.getByLabel('What went well?').fill(ALL);
      await participant.getByLabel('What should improve?').fill(ALL);
      await participant.getByRole('button', { name: 'Send feedback' }).click();
      await participant.locator('.notice-ok').waitFor();
      await assertInert('feedback sent', participant);
      await participant.reload();
      await participant.locator('.notice-ok').waitFor();
      await assertInert('feedback link opened again', participant);
    } finally {
      await context.close();
    }
    const summary = await t.call('GET', `/api/v1/incidents/${incident}/feedback/summary`);
    expect(summary.body).toMatchObject({ went_well: [ALL], to_improve: [ALL] });
    await page.goto(`${t.url}/incidents/${incident}/review`);
    await page.getByText(/1 response/).waitFor();
    // The answers themselves are on the page, as text.
    await expect.poll(() => page.getByRole('list', { name: 'What went well' }).innerText()).toBe(ALL);
    await assertInert('review page with payload feedback');
  });

  it('shares a redacted lesson with every payload, inert on the incident page and in the lessons', async () => {
    const restricted = await t.call('POST', '/api/v1/incidents', {
      body: { title: fit(200), severity: 'High', restricted: true },
    });
    const id = restricted.body.id as string;
    await page.goto(`${t.url}/incidents/${id}`);
    const form = page.getByRole('form', { name: 'Redacted lesson' });
    await form.getByLabel('Shared title').fill(fit(200));
    await form.getByLabel('Shared summary').fill(ALL);
    await form.getByLabel('Shared lesson', { exact: true }).fill(ALL);
    await form.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('waiting for a reviewer').waitFor();
    await assertInert('redacted lesson submitted');
    await page.reload();
    await page.getByText('waiting for a reviewer').waitFor();
    await assertInert('redacted lesson read back');
    // Approval needs a reviewer other than the author, and a member of the restricted incident.
    await t.call('POST', '/api/v1/users', { body: { username: 'rhea', role: 'reviewer' } });
    const token = (await t.call('POST', '/api/v1/users/rhea/tokens', { body: { name: 'test' } })).body.token;
    await t.call('POST', `/api/v1/incidents/${id}/members`, { body: { username: 'rhea' } });
    const approved = await t.call('POST', `/api/v1/incidents/${id}/redacted-lesson/approve`, { token });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await page.goto(`${t.url}/lessons`);
    await page.getByText(fit(200)).first().waitFor();
    await assertInert('lessons with a payload redacted lesson');
  });

  it('keeps review-template text edited on the settings page inert there and in the review', async () => {
    const templateId = (await t.call('GET', `/api/v1/incidents/${incident}/review`)).body
      .template_id as string;
    await page.goto(`${t.url}/settings`);
    const entry = page.locator('details', { has: page.locator('summary code', { hasText: templateId }) });
    await entry.locator('summary').click();
    const editor = entry.getByLabel(/^Review template: .* \(JSON\)$/);
    await expect.poll(() => editor.inputValue()).toContain('sections');
    const template = JSON.parse(await editor.inputValue());
    template.name = ALL;
    for (const section of template.sections) {
      section.title = ALL;
      for (const field of section.fields) {
        field.label = ALL;
        field.prompt = ALL;
        field.required = true;
      }
    }
    await editor.fill(JSON.stringify(template));
    await entry.getByRole('button', { name: /^Save review template/ }).click();
    await entry.getByText('Saved.').waitFor();
    await assertInert('settings after saving a payload template');
    await page.reload();
    await page.locator('summary', { hasText: ALL }).first().click();
    await assertInert('settings with a payload template open');
    // The review is judged by the stored template: its missing fields are named by the payload labels.
    await page.goto(`${t.url}/incidents/${incident}/review`);
    await expect.poll(() => page.locator('.status-panel').innerText()).toContain(ALL);
    await assertInert('review judged by a payload template');
    await screenshot(page, 'xss-more-template');
  });

  it('previews and downloads the report of all this text inert, even through a Markdown renderer', async () => {
    await page.goto(`${t.url}/incidents/${incident}/review`);
    await page.getByRole('button', { name: 'Preview report' }).click();
    await page.locator('.report-preview h1').first().waitFor();
    expect(await page.locator('.report-preview').innerText()).toContain(PAYLOADS[1]);
    await assertInert('report preview');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download Markdown' }).click(),
    ]);
    const markdown = await readFile((await download.path()) ?? '', 'utf8');
    // Another tool may render the file with raw HTML allowed; the text must still be only text.
    const rendered = new MarkdownIt({ html: true }).render(markdown);
    await insertHtml(page, rendered, 'data-report');
    expect(await page.locator('[data-report]').innerText()).toContain(PAYLOADS[1]);
    await assertInert('downloaded report rendered as Markdown with HTML on');
  });
});
