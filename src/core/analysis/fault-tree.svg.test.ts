import { describe, expect, it } from 'vitest';
import { basic, gate, thirtyEventTree, tree } from './fault-tree.fixtures.test-support.js';
import { formatProbability, renderFaultTreeSvg } from './fault-tree.svg.js';
import { escapeXml } from './svg.js';
import { findAll, parseXml, textOf, titles, type XmlElement } from './xml.test-support.js';

const HOSTILE = `<script>alert(1)</script> &"'`;

function group(root: XmlElement, id: string): XmlElement | undefined {
  return findAll(root, 'g').find((g) => g.attrs['data-id'] === id);
}

describe('renderFaultTreeSvg', () => {
  const t = tree(
    'top',
    gate('top', 'OR', ['and', 'vote', 'shared']),
    gate('and', 'AND', ['a', 'shared']),
    gate('vote', 'KOFN', ['a', 'b', 'c'], 2),
    gate('shared', 'OR', ['d']),
    { ...basic('a', 0.1), label: HOSTILE },
    basic('b', 0.00012),
    basic('c'),
    basic('d', 0),
    basic('orphan'),
  );
  const svg = renderFaultTreeSvg(t);
  const root = parseXml(svg);

  it('is a well-formed standalone SVG titled after the top event', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(titles(root)[0]).toBe('Fault tree: Gate top');
  });

  it('labels every node, escaped, with its id in the title', () => {
    for (const node of t.nodes.filter((n) => n.id !== 'orphan')) {
      expect(titles(group(root, node.id) ?? root)[0]).toContain(`${node.label} (${node.id})`);
    }
    expect(svg).toContain(escapeXml(HOSTILE));
    expect(svg).not.toContain('<script');
  });

  it('draws distinct gate symbols and marks k-of-n with k/n', () => {
    const gatePath = (id: string): string => findAll(group(root, id) ?? root, 'path')[0]?.attrs.d ?? '';
    expect(gatePath('and')).toMatch(/ A /);
    expect(gatePath('top')).toMatch(/ Q /);
    expect(gatePath('top')).not.toMatch(/ A /);
    expect(textOf(group(root, 'vote') ?? root)).toContain('2/3');
    expect(textOf(group(root, 'and') ?? root)).toContain('AND');
  });

  it('draws basic events as circles with their probability when known', () => {
    const circles = findAll(root, 'circle');
    // a appears under "and" and "vote"; b, c, d once each.
    expect(circles).toHaveLength(5);
    expect(textOf(group(root, 'a') ?? root)).toContain('p = 0.1');
    expect(textOf(group(root, 'b') ?? root)).toContain('p = 1.2e-4');
    expect(textOf(group(root, 'c') ?? root)).not.toContain('p =');
  });

  it('draws a shared gate once and a transfer symbol where it repeats', () => {
    const shared = findAll(root, 'g').filter((g) => g.attrs['data-id'] === 'shared');
    expect(shared).toHaveLength(2);
    // Depth-first, left to right: expanded under "and" first, then repeated as the top's third input.
    expect(shared.map((g) => titles(g)[0]?.includes('repeated gate'))).toEqual([false, true]);
    expect(findAll(shared[1] ?? root, 'circle')).toHaveLength(0);
  });

  it('lists nodes not connected to the top event under the drawing', () => {
    expect(textOf(root)).toContain('Not connected to the top event (ignored): orphan');
  });

  it('refuses an invalid tree', () => {
    expect(() => renderFaultTreeSvg(tree('top', gate('top', 'OR', ['top'])))).toThrow('cycle');
  });

  it('renders the 30-event tree with every basic event', () => {
    const big = parseXml(renderFaultTreeSvg(thirtyEventTree()));
    expect(findAll(big, 'circle')).toHaveLength(30);
    expect(findAll(big, 'g').filter((g) => g.attrs.class === 'gate')).toHaveLength(7);
  });

  it('formats probabilities briefly', () => {
    expect([0, 1, 0.5, 0.001, 0.123456, 0.000999, 1e-9].map(formatProbability)).toEqual([
      '0',
      '1',
      '0.5',
      '0.001',
      '0.123',
      '9.99e-4',
      '1e-9',
    ]);
  });
});
