import type { Page } from 'playwright-core';
import { settled } from './browser.support.js';

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
  await settled(page);
  return page.evaluate<number>(DETECT);
}

/** As many whole payloads as fit in `max` characters, for fields with a length limit. */
export const fit = (max: number): string =>
  PAYLOADS.reduce((acc, p) => (acc.length + p.length + 1 <= max ? `${acc} ${p}`.trim() : acc), '');

/** What a careless link or Markdown renderer (pasting text into attributes) would make of the text. */
const careless = (text: string): string =>
  text
    .replace(/^javascript:.*$/, (url) => `<a href="${url}">link</a>`)
    .replace(/!\[([^\]]*)\]\(([^)]*)\)/g, '<img alt="$1" src="$2">')
    .replace(/\[([^\]]*)\]\(([^)]*)\)/g, '<a href="$2">$1</a>')
    .replace(/<(javascript:[^>]*)>/g, '<a href="$1">link</a>');

/** Puts markup into the page's main element, inside a wrapper carrying the given data attribute. */
export async function insertHtml(page: Page, html: string, marker: string): Promise<void> {
  await page.evaluate(
    `document.querySelector('main').insertAdjacentHTML('beforeend', '<div ${marker}>' + ${JSON.stringify(html)} + '</div>')`,
  );
}

/** The payloads the detector misses once they are markup (raw HTML, or careless rendering of the rest). */
export async function undetectedPayloads(page: Page): Promise<string[]> {
  const missed: string[] = [];
  for (const html of [...HTML_PAYLOADS, ...URL_AND_MARKDOWN_PAYLOADS.map(careless)]) {
    await insertHtml(page, html, 'data-probe');
    if ((await page.evaluate<number>(DETECT)) === 0) missed.push(html);
    await page.evaluate(`document.querySelectorAll('[data-probe]').forEach((e) => e.remove())`);
  }
  return missed;
}
