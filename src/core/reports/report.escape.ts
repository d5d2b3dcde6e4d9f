// Every ASCII punctuation character may be backslash-escaped in CommonMark, and escaped it is always literal.
const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * User text as literal inline Markdown: whitespace (newlines included) collapsed to single spaces and every
 * ASCII punctuation character escaped, so no user text can open a heading, list, link, image, fence, table
 * cell or HTML tag.
 * @example escapeInline('**[click](javascript:x)**') // '\\*\\*\\[click\\]\\(javascript\\:x\\)\\*\\*'
 */
export function escapeInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(PUNCTUATION, (c) => `\\${c}`);
}

/** User text as literal Markdown paragraphs: blank lines separate paragraphs, other line breaks are spaces. */
export function escapeParagraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map(escapeInline)
    .filter((p) => p.length > 0)
    .join('\n\n');
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A Markdown table row; every cell is user text, escaped. */
export function tableRow(cells: readonly (string | null | undefined)[]): string {
  return `| ${cells.map((c) => (c ? escapeInline(c) : ' ')).join(' | ')} |`;
}

/** A Markdown table with a header row. */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | null | undefined)[])[],
): string {
  return [tableRow(header), `|${header.map(() => ' --- ').join('|')}|`, ...rows.map(tableRow)].join('\n');
}
