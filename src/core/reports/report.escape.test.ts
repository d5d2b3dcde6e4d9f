import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeInline, escapeParagraphs, table } from './report.escape.js';

const md = new MarkdownIt({ html: false });
const HOSTILE = [
  '# heading',
  '- list item',
  '1. numbered',
  '> quote',
  '```js\nalert(1)\n```',
  '**bold** _em_ ~~strike~~',
  '[link](javascript:alert(1))',
  '![img](http://evil.example/x.png)',
  '<script>alert(1)</script>',
  '<https://autolink.example>',
  'a | b | c',
  '&amp; &#60;',
  'line one\n\n# line two',
  '\\*already escaped\\*',
];

describe('escapeInline', () => {
  it.each(HOSTILE)('keeps %j literal when rendered', (text) => {
    const html = md.renderInline(escapeInline(text));
    expect(html).not.toMatch(/<(a|img|strong|em|s|code|script|h\d|li|blockquote)\b/);
    // What a reader sees is the text itself, whitespace collapsed.
    const shown = html
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(shown).toBe(text.replace(/\s+/g, ' ').trim());
  });

  it('keeps a table cell in its cell', () => {
    const rendered = md.render(table(['A', 'B'], [['x | y', 'z']]));
    expect(rendered.match(/<td>/g)).toHaveLength(2);
    expect(rendered).toContain('<td>x | y</td>');
  });
});

describe('escapeParagraphs', () => {
  it('keeps paragraphs and nothing else', () => {
    const html = md.render(escapeParagraphs('First line\nsame paragraph\n\n# Second'));
    expect(html).toBe('<p>First line same paragraph</p>\n<p># Second</p>\n');
  });
});

describe('escapeHtml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
