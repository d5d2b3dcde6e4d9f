import { existsSync } from 'node:fs';
import { DomainError } from '../../core/shared/errors.js';

/** Where the report PDF renderer expects headless Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/**
 * Prints an HTML report to PDF with headless Chromium (playwright-core). The page runs without
 * JavaScript and every network request is refused: a report is self-contained. Throws
 * `pdf_renderer_unavailable` (kind `unavailable`) when Chromium is not installed.
 */
export async function renderPdf(html: string, executablePath = CHROMIUM_PATH): Promise<Buffer> {
  if (!existsSync(executablePath)) {
    throw new DomainError(
      'unavailable',
      'pdf_renderer_unavailable',
      `PDF reports need headless Chromium at ${executablePath}, which is not installed on this server; install it (e.g. apt-get install chromium) or ask for format=html and print that`,
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    await context.route('**/*', (route) => route.abort());
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
  } finally {
    await browser.close();
  }
}
