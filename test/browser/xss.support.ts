import type { Page } from 'playwright-core';

/** Markup that would run script or add elements if the UI ever inserted user text as HTML. */
export const HTML_PAYLOADS = [
  `<script>alert('xss-script')</script>`,
  `<img src=x onerror="alert('xss-img')">`,
  `"><svg onload="alert('xss-svg')">`,
  `'><iframe src="javascript:alert('xss-frame')"></iframe>`,
  `<a href="javascript:alert('xss-a')">xss-link</a>`,
  `<a href=" JaVaScRiPt:alert('xss-case')">xss-case</a>`,
  `<details open ontoggle="alert('xss-toggle')">`,
];

/** Text that is harmless as HTML but dangerous where it becomes a URL or goes through a Markdown renderer. */
export const URL_AND_MARKDOWN_PAYLOADS = [
  `javascript:alert('xss-js')`,
  `[xss-md-link](javascript:alert('xss-md-link'))`,
  `![xss-md-img](x)`,
  `![xss-md-attr](x" onerror="alert('xss-md-attr'))`,
  `<javascript:alert('xss-autolink')>`,
];

export const PAYLOADS = [...HTML_PAYLOADS, ...URL_AND_MARKDOWN_PAYLOADS];

/** Every payload in one string, for fields where one save per payload would only repeat the same path. */
export const ALL = PAYLOADS.join(' ');

/**
 * Counts what no page of the UI has of its own: inline scripts, the payloads' image and frames, any
 * `on…` attribute (React attaches handlers as properties, never attributes) and any link or frame whose URL
 * resolves to the javascript: scheme, however it is spelled.
 */
export const DETECT = `(() => {
  const all = [...document.querySelectorAll('*')];
  return all.filter((el) =>
    el.matches('script:not([src]), img[src="x"], iframe, object, embed') ||
    [...el.attributes].some((a) => /^on/i.test(a.name)) ||
    ['href', 'src', 'xlink:href', 'action', 'formaction'].some((name) => {
      const value = el.getAttribute(name);
      if (value === null) return false;
      try { return new URL(value, location.href).protocol === 'javascript:'; } catch { return false; }
    }),
  ).length;
})()`;

/** Injected elements on the page now, after charts, images and effects had time to settle. */
export async function injectedCount(page: Page): Promise<number> {
  await page.waitForLoadState('networkidle');
  return page.evaluate<number>(DETECT);
}
