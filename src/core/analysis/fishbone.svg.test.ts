import { describe, expect, it } from 'vitest';
import { Fishbone } from './fishbone.schema.js';
import { renderFishboneSvg } from './fishbone.svg.js';
import { escapeXml } from './svg.js';
import { findAll, parseXml, textOf, titles } from './xml.test-support.js';

const HOSTILE = `<script>alert(1)</script> &"'`;
const LONG =
  'The bucket policy allowed public read access after a Terraform module refactor changed its defaults';

const analysis = Fishbone.parse({
  method: 'fishbone',
  problem: `Customer records exposed ${HOSTILE}`,
  causes: [
    {
      id: 'c1',
      branch: 'Technology',
      text: LONG,
      sub_causes: [
        {
          id: 's1',
          text: 'Module default changed',
          sub_causes: [{ id: 's2', text: 'Release notes not read' }],
        },
        { id: 's3', text: 'No policy check in CI' },
      ],
    },
    {
      id: 'c2',
      branch: 'Process',
      text: HOSTILE,
      sub_causes: [{ id: 's4', text: 'Security not a reviewer' }],
    },
    { id: 'c3', branch: 'People', text: 'New on-call engineer' },
    { id: 'c4', branch: 'Process', text: 'No data classification' },
  ],
});

describe('renderFishboneSvg', () => {
  const svg = renderFishboneSvg(analysis);
  const root = parseXml(svg);

  it('is a well-formed standalone SVG', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.viewBox).toBe(`0 0 ${root.attrs.width} ${root.attrs.height}`);
    expect(root.children[0]).toMatchObject({ name: 'title' });
  });

  it('shows every cause and sub-cause, escaped, with its full text in a title', () => {
    const texts = ['c1', 'c2', 'c3', 'c4', 's1', 's2', 's3', 's4'].map((id) => {
      const group = findAll(root, 'g').find((g) => g.attrs['data-id'] === id);
      expect(group, id).toBeDefined();
      return group ? titles(group)[0] : undefined;
    });
    expect(texts).toEqual([
      LONG,
      HOSTILE,
      'New on-call engineer',
      'No data classification',
      'Module default changed',
      'Release notes not read',
      'No policy check in CI',
      'Security not a reviewer',
    ]);
    expect(svg).toContain(escapeXml(HOSTILE));
    expect(svg).not.toContain('<script');
  });

  it('shortens long causes on the drawing only', () => {
    const group = findAll(root, 'g').find((g) => g.attrs['data-id'] === 'c1');
    const drawn = textOf(findAll(group ?? root, 'text')[0] ?? root);
    expect(drawn.endsWith('…')).toBe(true);
    expect(LONG.startsWith(drawn.slice(0, -1))).toBe(true);
  });

  it('draws all six branches, the empty ones in grey, causes and sub-causes as ribs', () => {
    const branches = findAll(root, 'g').filter((g) => g.attrs.class === 'branch');
    expect(branches.map((b) => b.attrs['data-branch'])).toEqual([
      'People',
      'Process',
      'Technology',
      'Environment',
      'Materials',
      'Methods',
    ]);
    const grey = branches
      .filter((b) => findAll(b, 'rect')[0]?.attrs.fill === '#eeeeee')
      .map((b) => b.attrs['data-branch']);
    expect(grey).toEqual(['Environment', 'Materials', 'Methods']);
    expect(findAll(root, 'g').filter((g) => g.attrs.class === 'cause')).toHaveLength(4);
    expect(findAll(root, 'g').filter((g) => g.attrs.class === 'sub-cause')).toHaveLength(4);
  });

  it('puts the problem in the head box', () => {
    const head = findAll(root, 'g').find((g) => g.attrs.class === 'problem');
    expect(titles(head ?? root)).toEqual([`Customer records exposed ${HOSTILE}`]);
  });

  it('hangs each sub-cause from its own cause, left of the branch line', () => {
    const two = parseXml(
      renderFishboneSvg(
        Fishbone.parse({
          method: 'fishbone',
          problem: 'p',
          causes: [
            { id: 'a', branch: 'Process', text: 'first', sub_causes: [{ id: 'a1', text: 'under first' }] },
            { id: 'b', branch: 'Process', text: 'second', sub_causes: [{ id: 'b1', text: 'under second' }] },
          ],
        }),
      ),
    );
    const lines = (id: string) =>
      findAll(findAll(two, 'g').find((g) => g.attrs['data-id'] === id) ?? two, 'line');
    for (const [parent, child] of [
      ['a', 'a1'],
      ['b', 'b1'],
    ] as const) {
      const rib = lines(parent)[0];
      const [connector, subRib] = lines(child);
      // The connector starts on the parent's rib and ends on the sub-cause's rib, inside the parent's span.
      expect(connector?.attrs.y1).toBe(rib?.attrs.y1);
      expect(connector?.attrs.y2).toBe(subRib?.attrs.y1);
      expect(Number(connector?.attrs.x1)).toBeLessThan(Number(rib?.attrs.x2));
      expect(Number(connector?.attrs.x1)).toBeGreaterThan(Number(rib?.attrs.x1));
    }
  });

  it('renders a fishbone without causes', () => {
    const empty = parseXml(
      renderFishboneSvg(Fishbone.parse({ method: 'fishbone', problem: 'p', causes: [] })),
    );
    expect(findAll(empty, 'g').filter((g) => g.attrs.class === 'branch')).toHaveLength(6);
  });
});
