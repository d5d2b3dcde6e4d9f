import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, launchBrowser, screenshot, settled } from './browser.support.js';

const STRATUS = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'aws', 'stratus');
const stratus = (name: string): Record<string, unknown>[] =>
  JSON.parse(readFileSync(join(STRATUS, `aws.${name}.json`), 'utf8')) as Record<string, unknown>[];

/** Script-bearing markup in an evidence field: the page must show it as text, never run or insert it. */
const PAYLOAD = `<img src=x onerror="window.__evidenceXss=1">`;
const INJECTED = 'img[src="x"], [onerror], script:not([src])';

/** Polls like expect.poll, with room for a loaded CI machine (its default gives up after one second). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000 });

/**
 * Evidence on the incident page in a real browser against the real evidence API: real Stratus Red Team
 * CloudTrail records imported through the API and through the page's file upload, filtered, expanded to
 * their provenance, pinned onto the timeline, and a suggested milestone accepted into the incident.
 */
describe('incident evidence in the browser', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let incidentId = '';
  const errors: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    // Chromium judges cookie expiry by its own wall clock, so the session must be issued at the real time.
    t.clock.set(new Date());
    const created = await t.call('POST', '/api/v1/users', {
      body: {
        username: 'rosa',
        role: 'responder',
        display_name: 'Rosa Responder',
        password: 'correct horse battery staple',
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      await screenshot(page, `failed-evidence-${context.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const evidence = () =>
    page.locator('section', { has: page.getByRole('heading', { name: 'Evidence', exact: true }) });
  const rows = () => evidence().locator('table.evidence-table tbody tr:not(.details-row)');

  it('signs in with a session cookie and declares an incident', async () => {
    await page.goto(`${t.url}/sign-in`);
    await page.getByLabel('Username', { exact: true }).fill('rosa');
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.goto(`${t.url}/incidents/new`);
    await page.getByLabel('Title', { exact: true }).fill('CloudTrail trail stopped, admin user created');
    await page.getByLabel('Severity', { exact: true }).selectOption('High');
    await page.getByLabel('Detected', { exact: true }).fill('2024-08-01T14:00');
    await page.getByLabel('Declared', { exact: true }).fill('2024-08-01T14:10');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await page.waitForURL(/\/incidents\/INC-\d{4}-\d+$/);
    incidentId = page.url().split('/').pop() ?? '';
    expect(incidentId).toMatch(/^INC-/);
  });

  it('imports real CloudTrail records through the API and lists them in the panel', async () => {
    const xss = { ...stratus('defense-evasion.cloudtrail-stop')[0], eventID: 'xss-1', userAgent: PAYLOAD };
    const records = [
      ...stratus('defense-evasion.cloudtrail-stop'),
      ...stratus('persistence.iam-create-admin-user'),
      ...stratus('execution.ec2-launch-unusual-instances'),
      { ...xss, eventName: PAYLOAD },
    ];
    const imported = await t.call('POST', `/api/v1/incidents/${incidentId}/evidence`, {
      body: { source: 'cloudtrail', records, file_name: 'stratus-detonations.json' },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBeLessThan(300);

    await page.goto(`${t.url}/incidents/${incidentId}`);
    await eventually(() => rows().count()).toBe(records.length);
    const text = await evidence().locator('table').innerText();
    for (const name of ['StopLogging', 'CreateUser', 'AttachUserPolicy', 'RunInstances']) {
      expect(text).toContain(name);
    }
    // The payload is on the page as text, and nothing of it became markup or ran.
    expect(text).toContain(PAYLOAD);
    await settled(page);
    expect(await page.locator(INJECTED).count()).toBe(0);
    expect(await page.evaluate('window.__evidenceXss')).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  it('imports a fixture file through the upload form (cookie session, CSRF header on the write)', async () => {
    await evidence().getByText('Import evidence from a file').click();
    const form = page.getByRole('form', { name: 'Import evidence' });
    await form
      .getByLabel('JSON file')
      .setInputFiles(join(STRATUS, 'aws.defense-evasion.organizations-leave.json'));
    await eventually(() => form.getByLabel('Evidence source').inputValue()).toBe('cloudtrail');
    await form.getByRole('button', { name: 'Import records' }).click();
    await eventually(() => form.getByRole('status').textContent()).toContain('Imported');
    await eventually(() => rows().count()).toBe(11);
    // The browser hashed the file it read: the provenance names it and its SHA-256.
    const fixture = join(STRATUS, 'aws.defense-evasion.organizations-leave.json');
    const imported = (
      (await t.call('GET', `/api/v1/incidents/${incidentId}/evidence?limit=1000`)).body.items as Array<{
        provenance: Record<string, unknown>;
      }>
    ).filter((item) => item.provenance.file_path === 'aws.defense-evasion.organizations-leave.json');
    expect(imported).toHaveLength(3);
    for (const item of imported) {
      expect(item.provenance.file_sha256).toBe(
        createHash('sha256').update(readFileSync(fixture)).digest('hex'),
      );
    }
    // Importing the same file again adds nothing: the server deduplicates by eventID.
    await form.getByRole('button', { name: 'Import records' }).click();
    await eventually(() => form.getByRole('status').textContent()).toContain('0 new, 3 already imported');
    expect(await rows().count()).toBe(11);
  });

  it('filters by source and text, and shows provenance and the raw record as text on expand', async () => {
    await evidence().getByLabel('Source', { exact: true }).selectOption('cloudtrail');
    await evidence().getByLabel('Text', { exact: true }).fill('StopLogging');
    await evidence().getByRole('button', { name: 'Filter evidence' }).click();
    await eventually(() => rows().count()).toBe(1);
    await evidence().getByLabel('Source', { exact: true }).selectOption('guardduty');
    await evidence().getByRole('button', { name: 'Filter evidence' }).click();
    await eventually(() => evidence().getByText('No evidence matches.').isVisible()).toBe(true);
    await evidence().getByLabel('Source', { exact: true }).selectOption('');
    await evidence().getByRole('button', { name: 'Filter evidence' }).click();
    await eventually(() => rows().count()).toBe(1);

    const toggle = rows()
      .first()
      .getByRole('button', { name: /details of/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const details = evidence().locator('.evidence-details');
    await details.getByRole('heading', { name: 'Provenance' }).waitFor();
    expect(await details.locator('.facts').innerText()).toContain('stratus-detonations.json');
    await details.getByText('Raw record').click();
    const raw = await details.locator('pre.raw').last().innerText();
    expect(raw).toContain('"eventName": "StopLogging"');
    expect(raw).toContain('"eventID": "10163ed2-2253-469d-a5ee-cbc6651f8934"');
  });

  it('pins the item with a note and sees it on the timeline chart beside the milestones', async () => {
    const timeline = page.locator('section', {
      has: page.getByRole('heading', { name: 'Timeline', exact: true }),
    });
    const before = await timeline.locator('figure.chart svg circle').count();
    const pin = page.getByRole('form', { name: /Pin evidence/ });
    await pin.getByLabel('Pin note').fill('Trail stopped before the admin user appeared');
    await pin.getByRole('button', { name: 'Pin to timeline' }).click();
    await expect
      .poll(() => timeline.locator('figcaption').textContent())
      .toContain('Trail stopped before the admin user appeared');
    expect(await timeline.locator('figure.chart svg circle').count()).toBe(before + 1);
    const listed = await t.call('GET', `/api/v1/incidents/${incidentId}/evidence?pinned=true`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0].pinned.note).toBe('Trail stopped before the admin user appeared');
    await eventually(() => rows().first().textContent()).toContain('Pinned');
    // Who pinned it and who imported it read as names, not user ids.
    await eventually(() => page.getByText(/^Pinned to the timeline by/).textContent()).toContain(
      'Pinned to the timeline by Rosa Responder at',
    );
    await screenshot(page, '14-evidence');
  });

  it('links pinned evidence to a contributing factor in the review editor', async () => {
    const pinned = (await t.call('GET', `/api/v1/incidents/${incidentId}/evidence?pinned=true`)).body
      .items as Array<{ id: string; summary: string }>;
    const item = pinned[0];
    if (!item) throw new Error('nothing is pinned');
    await page.goto(`${t.url}/incidents/${incidentId}/review`);
    await page.getByRole('heading', { level: 1, name: 'Post-incident review' }).waitFor();
    await page.getByRole('button', { name: 'Add contributing factor' }).click();
    await page
      .getByLabel('Contributing factor 1', { exact: true })
      .fill('CloudTrail could be stopped unnoticed');
    const links = page.getByRole('group', { name: 'Linked evidence (factor 1)' });
    const box = links.getByRole('checkbox', { name: `CloudTrail · ${item.summary}` });
    // By keyboard: the sticky save bar may cover the box where the page scrolls it to.
    await box.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => box.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Create review' }).first().click();
    await expect.poll(() => page.locator('.notice-ok').first().textContent()).toContain('Saved');
    const stored = await t.call('GET', `/api/v1/incidents/${incidentId}/review`);
    expect(stored.body.contributing_factors[0].evidence_ids).toEqual([item.id]);
    // Shown checked after a reload; unchecking and saving removes the link.
    await page.reload();
    await expect.poll(() => box.isChecked()).toBe(true);
    await box.focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save review' }).first().click();
    await expect
      .poll(async () => {
        const review = await t.call('GET', `/api/v1/incidents/${incidentId}/review`);
        return review.body.contributing_factors[0].evidence_ids;
      })
      .toEqual([]);
    await screenshot(page, '14b-review-factor-evidence');
    expect(errors).toEqual([]);
    await page.goto(`${t.url}/incidents/${incidentId}`);
    await rows().first().waitFor();
  });

  it('accepts a suggested milestone and the incident timestamp changes to it', async () => {
    const suggested = await t.call('GET', `/api/v1/incidents/${incidentId}/evidence/milestones`);
    expect(suggested.status).toBe(200);
    const first = suggested.body.first_indicator as { time: string; reason: string } | null;
    if (first === null) throw new Error('the evidence suggests no first indicator');
    const shown = `${new Date(first.time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    const timestampRow = page
      .getByRole('table', { name: 'Incident milestones' })
      .getByRole('row', { name: /First indicator/ });
    expect(await timestampRow.textContent()).not.toContain(shown);

    const section = page.locator('section', {
      has: page.getByRole('heading', { name: /Milestones suggested/ }),
    });
    const row = section.getByRole('row', { name: /First indicator/ });
    await eventually(() => row.textContent()).toContain(first.reason);
    await row.getByRole('button', { name: /Accept first indicator/ }).click();
    await eventually(() => timestampRow.textContent()).toContain(shown);
    await eventually(() => row.textContent()).toContain('Already set');
    const incident = await t.call('GET', `/api/v1/incidents/${incidentId}`);
    expect(new Date(incident.body.timestamps.first_indicator).getTime()).toBe(new Date(first.time).getTime());
    await screenshot(page, '15-evidence-milestone-accepted');
    expect(errors).toEqual([]);
  });

  it('charts Logs Insights bins (ERROR/FAILED count per 5 minutes) over time', async () => {
    // Result rows as GetQueryResults returns them for the SEC10-BP08 default query.
    const counts = [2, 0, 7, 3];
    const rows = counts.map((count, i) => [
      { field: 'bin(5m)', value: `2024-08-01 13:${String(30 + i * 5).padStart(2, '0')}:00.000` },
      { field: 'count()', value: String(count) },
    ]);
    const imported = await t.call('POST', `/api/v1/incidents/${incidentId}/evidence`, {
      body: {
        source: 'cloudwatch-logs',
        records: rows,
        log_group: '/aws/lambda/checkout',
        query: 'filter @message like /ERROR|FAILED/ | stats count() by bin(5m)',
      },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    await page.reload();
    const chart = evidence().locator('.log-bins');
    await chart.getByRole('heading', { name: 'CloudWatch Logs Insights counts' }).waitFor();
    await eventually(() => chart.locator('figcaption').textContent()).toContain('4 bins with 12 matching');
    expect(await chart.locator('figcaption').textContent()).toContain(
      'the most, 7, at 2024-08-01T13:40:00.000Z',
    );
    await screenshot(page, '16-evidence-log-bins');
    expect(errors).toEqual([]);
  });
});
