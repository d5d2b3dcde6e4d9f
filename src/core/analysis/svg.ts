/**
 * Small helpers for standalone SVG documents built as strings. Every piece of user text goes through
 * `escapeXml`; attribute names and numbers come from code.
 */

/** Average glyph width as a share of the font size for a sans-serif face; used to fit labels. */
const GLYPH_WIDTH = 0.55;
export const FONT_FAMILY = 'system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif';

/**
 * Escapes text for XML content and attribute values, and drops characters XML 1.0 forbids (control
 * characters other than tab and newlines, lone surrogates), which would make the document unreadable.
 */
export function escapeXml(text: string): string {
  return xmlChars(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** How many characters of a label fit in `width` pixels at `fontSize`. */
export function charsThatFit(width: number, fontSize: number): number {
  return Math.max(4, Math.floor(width / (fontSize * GLYPH_WIDTH)));
}

/** Shortens text to at most `max` characters, ending with "…" when cut (at a word boundary when close). */
export function truncate(text: string, max: number): string {
  const clean = collapse(text);
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Wraps text into at most `maxLines` lines of `maxChars`, breaking at spaces (long words are split);
 * the last line ends with "…" when text was left out.
 */
export function wrapText(
  text: string,
  maxChars: number,
  maxLines: number,
): { lines: string[]; truncated: boolean } {
  const words = collapse(text)
    .split(' ')
    .flatMap((word) => chunk(word, maxChars));
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= maxChars) current += ` ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return { lines, truncated: false };
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = last.length < maxChars ? `${last}…` : `${last.slice(0, maxChars - 1)}…`;
  return { lines: kept, truncated: true };
}

/** Rounds coordinates so documents stay small and stable across platforms. */
export function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}

type AttrValue = string | number;

/** An element with attributes (values escaped) and already-built inner markup; self-closed when empty. */
export function el(name: string, attrs: Readonly<Record<string, AttrValue | undefined>>, inner = ''): string {
  const attributes = Object.entries(attrs)
    .filter((entry): entry is [string, AttrValue] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
  return inner === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${inner}</${name}>`;
}

export interface TextOptions {
  fontSize: number;
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  weight?: 'normal' | 'bold';
  lineHeight?: number;
}

/** A <text> of one or more lines; `y` is the baseline of the first line. */
export function textBlock(lines: readonly string[], x: number, y: number, options: TextOptions): string {
  const lineHeight = options.lineHeight ?? options.fontSize * 1.25;
  const spans = lines
    .map((line, i) => el('tspan', { x, y: y + i * lineHeight }, escapeXml(line) || ' '))
    .join('');
  return el(
    'text',
    {
      'font-family': FONT_FAMILY,
      'font-size': options.fontSize,
      'text-anchor': options.anchor ?? 'start',
      'font-weight': options.weight === 'bold' ? 'bold' : undefined,
      fill: options.fill ?? '#1a1a1a',
    },
    spans,
  );
}

/** Groups markup with a <title>, which viewers show as a tooltip: where the full text of a cut label lives. */
export function withTitle(
  fullText: string,
  inner: string,
  attrs: Readonly<Record<string, string>> = {},
): string {
  return el('g', attrs, `${el('title', {}, escapeXml(fullText))}${inner}`);
}

export interface SvgDocument {
  width: number;
  height: number;
  /** The document's accessible name, shown by browsers and screen readers. */
  title: string;
  body: string;
}

/** A complete standalone SVG document. */
export function svgDocument(doc: SvgDocument): string {
  const width = Math.ceil(doc.width);
  const height = Math.ceil(doc.height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `${el('title', {}, escapeXml(doc.title))}` +
    `${el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' })}` +
    `${doc.body}</svg>`
  );
}

/** Keeps only characters XML 1.0 allows; iterating by code point drops lone surrogates too. */
function xmlChars(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (allowed) out += ch;
  }
  return out;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function chunk(word: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += size) out.push(word.slice(i, i + size));
  return out;
}
