import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { addPerson, type Person } from '../support/people.js';
import { ensureWebBuilt, launchBrowser, screenshot, useToken } from './browser.support.js';

const SMTP_PASSWORD = 'smtp-pass-Browser-s3cret';
const WEBHOOK_SECRET = 'whsec-Browser-0123456789';

/**
 * The settings page against the real API: an admin sees the notification channels and timings in force
 * (read-only, each with the variables that set it, no secret on the page); anyone edits their own
 * notification preferences; a non-admin is told channels are the administrator's.
 */
describe('settings: notification channels and preferences', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let viewer: Person;

  beforeAll(async () => {
    await ensureWebBuilt();
    const worker = loadConfig({
      HINDSIGHT_DATA: '/tmp/hindsight-settings-browser',
      HINDSIGHT_SMTP_HOST: 'smtp.example.com',
      HINDSIGHT_SMTP_PORT: '465',
      HINDSIGHT_SMTP_SECURE: 'true',
      HINDSIGHT_SMTP_USER: 'hindsight',
      HINDSIGHT_SMTP_PASSWORD: SMTP_PASSWORD,
      HINDSIGHT_SMTP_FROM: 'hindsight@example.com',
      HINDSIGHT_WEBHOOK_URL: 'https://hooks.example.com/path-is-private',
      HINDSIGHT_WEBHOOK_SECRET: WEBHOOK_SECRET,
      HINDSIGHT_ESCALATE_AFTER_DAYS: '5',
    }).worker;
    if (!worker) throw new Error('no worker configuration');
    [t, browser] = await Promise.all([startTestServer('sqlite', { worker }), launchBrowser()]);
    t.clock.set(new Date());
    viewer = await addPerson(t, 'vera', 'viewer', ['platform']);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows an admin the configured channels and timings, read-only and without secrets', async () => {
    await useToken(page, t.url, t.token);
    await page.goto(`${t.url}/settings`);
    const section = page.getByRole('region', { name: 'Notification channels' });
    const channels = section.getByRole('table', { name: 'Channels' });
    await channels.waitFor();
    const email = channels.getByRole('row', { name: /Email \(SMTP\)/ });
    await expect
      .poll(() => email.innerText())
      .toContain('smtp.example.com:465 (TLS), from hindsight@example.com');
    expect(await email.innerText()).toContain('HINDSIGHT_SMTP_HOST');
    expect(await channels.getByRole('row', { name: /Webhook/ }).innerText()).toContain(
      'hooks.example.com, signed yes',
    );
    expect(await channels.getByRole('row', { name: /Slack/ }).innerText()).toContain('not configured');
    const timings = section.getByRole('table', { name: 'Timings' });
    expect(await timings.getByRole('row', { name: /Escalation/ }).innerText()).toContain(
      'after 5 days overdue',
    );
    expect(await section.getByRole('textbox').count()).toBe(0);
    const html = await page.content();
    for (const secret of [SMTP_PASSWORD, WEBHOOK_SECRET, 'path-is-private'])
      expect(html).not.toContain(secret);
    await screenshot(page, 'settings-notifications');
  });

  it('saves the signed-in user’s own preferences', async () => {
    const mine = page.getByRole('region', { name: 'My notifications' });
    await mine.getByLabel('Notification email').fill('admin@example.com');
    await mine.getByLabel("Use the server's default channels").uncheck();
    const box = (name: string) => mine.getByRole('checkbox', { name, exact: true });
    await box('slack').check();
    await box('email').uncheck();
    await mine.getByLabel('One daily digest instead of single reminders').check();
    await mine.getByRole('button', { name: 'Save my notification preferences' }).click();
    await mine.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const stored = await t.call('GET', '/api/v1/users/admin/notification-preferences');
    expect(stored.body).toMatchObject({ email: 'admin@example.com', channels: ['slack'], digest: true });
    await page.reload();
    await expect.poll(() => box('slack').isChecked()).toBe(true);
    expect(await box('email').isChecked()).toBe(false);
  });

  it('tells a non-admin that channels are configured by an administrator', async () => {
    await useToken(page, t.url, viewer.token);
    await page.goto(`${t.url}/settings`);
    const section = page.getByRole('region', { name: 'Notification channels' });
    await section.getByText('configured by an administrator').waitFor();
    expect(await section.getByRole('table').count()).toBe(0);
    await page.getByRole('region', { name: 'My notifications' }).getByLabel('Notification email').waitFor();
  });
});
