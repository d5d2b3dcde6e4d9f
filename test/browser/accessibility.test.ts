import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildIncidentInput } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt, launchBrowser, screenshot, settled, useToken } from './browser.support.js';

/** Every input, select and textarea that has no label a screen reader could announce. */
const UNLABELLED = `[...document.querySelectorAll('input, select, textarea')].filter((e) => !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).map((e) => e.outerHTML.slice(0, 80))`;

/** Elements of the main content reaching past the right edge of the viewport. */
const WIDER = `[...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map((e) => e.tagName.toLowerCase() + '.' + e.className + ': ' + (e.textContent ?? '').slice(0, 40))`;

/** Labels, keyboard reach and the phone layout of every main page, over an incident with a review and an action. */
describe('web UI accessibility and layout', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let id = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    [t, browser] = await Promise.all([startTestServer('sqlite'), launchBrowser()]);
    t.clock.set(new Date());
    const incident = await t.call('POST', '/api/v1/incidents', {
      body: buildIncidentInput({
        title: 'Checkout latency after cache node loss',
        status: 'resolved',
        timestamps: {
          impact_started: '2024-01-15T09:00:00Z',
          detected: '2024-01-15T09:12:00Z',
          declared: '2024-01-15T09:15:00Z',
          resolved: '2024-01-15T10:30:00Z',
        },
      }),
    });
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
    id = incident.body.id as string;
    const review = await t.call('PUT', `/api/v1/incidents/${id}/review`, {
      body: {
        review_date: '2024-01-17',
        facilitator: 'Sam Facilitator',
        participants: ['Rosa Responder', 'Oncall Engineer'],
        summary: { description: 'A cache node failed and traffic fell through to the database.' },
        contributing_factors: [{ category: 'technical', description: 'No request coalescing' }],
        lessons: [{ lesson: 'Protect the database from cache stampedes', priority: 'High' }],
        action_items: [{ action: 'Add request coalescing to the cache client' }],
      },
    });
    expect(review.status, JSON.stringify(review.body)).toBe(201);
    const action = await t.call('POST', '/api/v1/actions', {
      body: {
        incident_ids: [id],
        title: 'Add request coalescing to the cache client',
        type: 'preventive',
        category: 'resilience',
        owner: { kind: 'team', id: 'payments' },
        due_date: '2024-02-15',
        priority: 'High',
        risk_reduction: 4,
        feasibility: 3,
        success_criteria: 'Load test with one cache node down keeps p99 under 500 ms',
      },
    });
    expect(action.status, JSON.stringify(action.body)).toBe(201);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    await useToken(page, t.url, t.token);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) {
      await screenshot(page, `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('labels every form control and lets the keyboard reach the content', async () => {
    const pages = [
      '/',
      '/incidents',
      '/incidents/new',
      `/incidents/${id}`,
      `/incidents/${id}/review`,
      `/incidents/${id}/analyses/five_whys`,
      `/incidents/${id}/analyses/fishbone`,
      `/incidents/${id}/analyses/fault_tree`,
      '/actions',
      '/lessons',
      '/settings',
    ];
    for (const path of pages) {
      await page.goto(`${t.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await settled(page);
      expect(await page.evaluate(UNLABELLED), path).toEqual([]);
    }
    // The review editor and the board really showed their forms (an empty page would pass the check).
    await page.goto(`${t.url}/incidents/${id}/review`);
    await page.getByLabel('Facilitator', { exact: true }).waitFor();
    await page.goto(`${t.url}/actions`);
    await page.getByText('Add request coalescing to the cache client').first().waitFor();
    // First Tab stop is the skip link; following it puts focus on the main content.
    await page.goto(`${t.url}/`);
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    // A KPI's definition shows on keyboard focus as well as on hover.
    await page.mouse.move(0, 0);
    const card = page.locator('.kpi-card').first();
    await card.focus();
    expect(await card.locator('.kpi-definition').isVisible()).toBe(true);
  });

  it('lays the pages out for a phone without horizontal scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ['/', '/incidents', `/incidents/${id}`, `/incidents/${id}/review`, '/actions']) {
      await page.goto(`${t.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await settled(page);
      const overflow = await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      // The failure message names what sticks out, so a layout bug is found without a screenshot.
      expect(overflow, `${path}: ${JSON.stringify(await page.evaluate(WIDER))}`).toBeLessThanOrEqual(0);
    }
    await page.goto(`${t.url}/incidents/${id}`);
    await page.locator('main h1').first().waitFor();
    await screenshot(page, '11-incident-phone');
  });
});
