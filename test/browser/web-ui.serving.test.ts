import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/http.js';
import { ensureWebBuilt } from './browser.support.js';

/** How the API server serves the built UI: files, the SPA fallback, and API paths left alone. */
describe('web UI serving', () => {
  let t: TestServer;
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.close());

  it('serves index.html at / with a content security policy and no caching', async () => {
    const response = await fetch(`${t.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<div id="root"></div>');
  });

  it('answers client routes with index.html so a reload keeps the page', async () => {
    for (const path of [
      '/incidents',
      '/incidents/INC-2024-0001/review',
      '/actions?status=open',
      '/settings',
    ]) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets with long-lived caching', async () => {
    const html = await (await fetch(`${t.url}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${t.url}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps the API JSON 404 for unknown API paths, never the UI', async () => {
    const response = await t.call('GET', '/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('route_not_found');
    // Without credentials the API still answers as the API (401 JSON), not with the UI's page.
    const bare = await t.call('GET', '/api/unknown', { token: null });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBeTypeOf('string');
  });

  it('does not serve files outside the build folder', async () => {
    const response = await fetch(`${t.url}/..%2f..%2fpackage.json`);
    expect(await response.text()).not.toContain('"name": "hindsight"');
  });

  it('still answers /healthz and the API description', async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    const openapi = await t.call('GET', '/api/openapi.json', { token: null });
    expect(openapi.status).toBe(200);
    expect(JSON.stringify(openapi.body.paths)).not.toContain('/*');
  });
});
