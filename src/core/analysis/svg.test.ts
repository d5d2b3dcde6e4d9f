import { describe, expect, it } from 'vitest';
import { charsThatFit, el, escapeXml, svgDocument, truncate, wrapText } from './svg.js';
import { findAll, parseXml, textOf, titles } from './xml.test-support.js';

describe('svg helpers', () => {
  it('escapes the five XML specials and drops characters XML forbids', () => {
    expect(escapeXml(`<script>alert(1)</script> &"'`)).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; &amp;&quot;&apos;',
    );
    expect(escapeXml('a\u0000b\u0007c\td\uD800e😀')).toBe('abc\tde😀');
  });

  it('truncates at a word boundary when one is near, with an ellipsis', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('the quick brown fox jumps', 12)).toBe('the quick…');
    expect(truncate('abcdefghijklmnop', 6)).toBe('abcde…');
    expect(truncate('  spaced \n out  ', 20)).toBe('spaced out');
  });

  it('wraps into lines and marks the cut on the last one', () => {
    expect(wrapText('one two three four', 9, 3)).toEqual({
      lines: ['one two', 'three', 'four'],
      truncated: false,
    });
    expect(wrapText('one two three four five', 9, 2)).toEqual({
      lines: ['one two', 'three…'],
      truncated: true,
    });
    expect(wrapText('abcdefghijkl', 5, 3).lines).toEqual(['abcde', 'fghij', 'kl']);
  });

  it('estimates how many characters fit', () => {
    expect(charsThatFit(110, 10)).toBe(20);
    expect(charsThatFit(1, 12)).toBe(4);
  });

  it('builds a standalone, well-formed document with escaped attributes and title', () => {
    const svg = svgDocument({
      width: 100.4,
      height: 50,
      title: 'T & <co>',
      body: el('rect', { x: 1.234, y: 0, width: 10, height: 10, 'data-id': `"'<&>` }),
    });
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs).toMatchObject({
      xmlns: 'http://www.w3.org/2000/svg',
      width: '101',
      height: '50',
      viewBox: '0 0 101 50',
    });
    expect(titles(root)).toEqual(['T & <co>']);
    expect(findAll(root, 'rect')[1]?.attrs).toMatchObject({ x: '1.23', 'data-id': `"'<&>` });
  });
});

describe('well-formedness checker', () => {
  it('accepts nested elements, entities and comments', () => {
    const root = parseXml('<?xml version="1.0"?><a x="1" y=\'2\'><!-- c --><b>&amp;&#60;&#x3e;</b><c/></a>');
    expect(textOf(root)).toBe('&<>');
    expect(findAll(root, 'c')).toHaveLength(1);
  });

  it.each([
    ['<a><b></a></b>', '</a> closes <b>'],
    ['<a><b></b>', 'unclosed <a>'],
    ['<a x=1></a>', 'not quoted'],
    ['<a x="1"y="2"></a>', 'separated by whitespace'],
    ['<a x="1" x="2"></a>', 'duplicate attribute'],
    ['<a>1 & 2</a>', 'raw & in text'],
    ['<a x="<"></a>', 'raw < in attribute'],
    ['<a x="&nbsp;"></a>', 'raw & in attribute'],
    ['<a></a><b></b>', 'content after the root'],
    ['text<a></a>', 'expected <'],
  ])('rejects %s', (source, why) => {
    expect(() => parseXml(source)).toThrow(why);
  });
});
