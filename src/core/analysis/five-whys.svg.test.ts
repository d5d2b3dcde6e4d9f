import { describe, expect, it } from 'vitest';
import { FiveWhys } from './five-whys.schema.js';
import { renderFiveWhysSvg } from './five-whys.svg.js';
import { escapeXml } from './svg.js';
import { findAll, parseXml, titles } from './xml.test-support.js';

const HOSTILE = `<script>alert(1)</script> &"'`;

describe('renderFiveWhysSvg', () => {
  const analysis = FiveWhys.parse({
    method: 'five_whys',
    problem: 'Checkout failed for 40 minutes',
    whys: [
      {
        id: 'w1',
        question: 'Why did checkout fail?',
        answer: 'Database connections were exhausted',
        children: [
          { id: 'w2', answer: HOSTILE, children: [{ id: 'w4', answer: 'No capacity review '.repeat(12) }] },
          { id: 'w3', answer: 'Clients retried without backoff' },
        ],
      },
    ],
  });
  const svg = renderFiveWhysSvg(analysis);
  const root = parseXml(svg);

  it('is a well-formed standalone SVG', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(titles(root)[0]).toBe('Five whys: Checkout failed for 40 minutes');
  });

  it('shows every answer with its full text in a title, escaped', () => {
    const rows = findAll(root, 'g').filter((g) => g.attrs.class?.startsWith('why'));
    expect(rows.map((g) => g.attrs['data-id'])).toEqual(['w1', 'w2', 'w4', 'w3']);
    expect(titles(rows[0] ?? root)[0]).toBe('Why did checkout fail? — Database connections were exhausted');
    expect(titles(rows[2] ?? root)[0]).toBe(`${'No capacity review '.repeat(12).trim()} — (root cause)`);
    expect(svg).toContain(escapeXml(HOSTILE));
    expect(svg).not.toContain('<script');
  });

  it('marks the leaves as root causes and indents by depth', () => {
    const roots = findAll(root, 'g').filter((g) => g.attrs.class === 'why root-cause');
    expect(roots.map((g) => g.attrs['data-id'])).toEqual(['w4', 'w3']);
    const x = (id: string): number =>
      Number(findAll(findAll(root, 'g').find((g) => g.attrs['data-id'] === id) ?? root, 'rect')[0]?.attrs.x);
    expect([x('w1'), x('w2'), x('w4'), x('w3')]).toEqual([52, 84, 116, 84]);
  });

  it('renders an analysis with no whys yet', () => {
    const empty = parseXml(
      renderFiveWhysSvg(FiveWhys.parse({ method: 'five_whys', problem: 'p', whys: [] })),
    );
    expect(findAll(empty, 'rect')).toHaveLength(2);
  });
});
