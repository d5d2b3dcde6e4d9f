import { causesByBranch } from './fishbone.js';
import {
  FISHBONE_BRANCHES,
  type Fishbone,
  type FishboneBranch,
  type FishboneSubCause,
} from './fishbone.schema.js';
import { charsThatFit, el, svgDocument, textBlock, truncate, withTitle, wrapText } from './svg.js';

const ROW = 24;
const RIB = 230;
const INDENT = 22;
const MIN_SUB_RIB = 70;
const SLANT = 70;
const COLUMN = RIB + SLANT + 60;
const LABEL_H = 28;
const MARGIN = 24;
const HEAD_W = 220;
const INK = '#1f4e79';
const GREY = '#9e9e9e';

interface Row {
  id: string;
  text: string;
  level: number;
  /** Index of the parent row in the branch's rows. */
  parent: number | null;
  /** Index of the last row of this row's sub-causes (itself when it has none). */
  last: number;
}

interface BranchPlan {
  branch: FishboneBranch;
  above: boolean;
  column: number;
  rows: Row[];
}

/**
 * Draws a fishbone (Ishikawa) diagram: the problem in a head box on the right, a spine, the six branches
 * alternating above and below it (branches without causes in grey), and causes and sub-causes as labelled
 * ribs. Long texts are shortened on the drawing; the full text is in each rib's <title>.
 */
export function renderFishboneSvg(analysis: Fishbone): string {
  const groups = causesByBranch(analysis);
  const plans: BranchPlan[] = FISHBONE_BRANCHES.map((branch, i) => ({
    branch,
    above: i % 2 === 0,
    column: Math.floor(i / 2),
    rows: (groups.get(branch) ?? []).reduce<Row[]>((rows, cause) => flatten(cause, 0, null, rows), []),
  }));
  const maxRows = (above: boolean): number =>
    Math.max(1, ...plans.filter((p) => p.above === above).map((p) => p.rows.length));
  const reachAbove = maxRows(true) * ROW + ROW / 2;
  const reachBelow = maxRows(false) * ROW + ROW / 2;
  const head = wrapText(analysis.problem, charsThatFit(HEAD_W - 20, 13), 6);
  const headH = Math.max(64, head.lines.length * 17 + 24);
  const spineY = MARGIN + Math.max(LABEL_H + reachAbove, headH / 2);
  const headX = MARGIN + 3 * COLUMN + 20;
  const width = headX + HEAD_W + MARGIN;
  const height = spineY + Math.max(reachBelow + LABEL_H, headH / 2) + MARGIN;

  const spine = el('line', { x1: MARGIN, y1: spineY, x2: headX, y2: spineY, stroke: INK, 'stroke-width': 4 });
  const headBox = withTitle(
    analysis.problem,
    el('rect', { x: headX, y: spineY - headH / 2, width: HEAD_W, height: headH, rx: 6, fill: INK }) +
      textBlock(head.lines, headX + HEAD_W / 2, spineY - headH / 2 + 12 + 17 * 0.8, {
        fontSize: 13,
        anchor: 'middle',
        fill: '#ffffff',
        weight: 'bold',
        lineHeight: 17,
      }),
    { class: 'problem' },
  );
  const branches = plans
    .map((plan) => drawBranch(plan, spineY, plan.above ? reachAbove : reachBelow))
    .join('');
  return svgDocument({
    width,
    height,
    title: `Fishbone: ${analysis.problem}`,
    body: spine + branches + headBox,
  });
}

function flatten(
  node: { id: string; text: string; sub_causes: FishboneSubCause[] },
  level: number,
  parent: number | null,
  rows: Row[],
): Row[] {
  const index = rows.length;
  const row: Row = { id: node.id, text: node.text, level, parent, last: index };
  rows.push(row);
  for (const sub of node.sub_causes) flatten(sub, level + 1, index, rows);
  row.last = rows.length - 1;
  return rows;
}

function drawBranch(plan: BranchPlan, spineY: number, reach: number): string {
  const empty = plan.rows.length === 0;
  const colour = empty ? GREY : INK;
  const sign = plan.above ? -1 : 1;
  const bx = MARGIN + (plan.column + 1) * COLUMN;
  const outerY = spineY + sign * reach;
  const xAt = (y: number): number => bx - (SLANT * Math.abs(y - spineY)) / reach;

  const line = el('line', {
    x1: bx - SLANT,
    y1: outerY,
    x2: bx,
    y2: spineY,
    stroke: colour,
    'stroke-width': 2.5,
  });
  const labelY = plan.above ? outerY - LABEL_H : outerY;
  const label =
    el('rect', {
      x: bx - SLANT - 60,
      y: labelY,
      width: 120,
      height: LABEL_H,
      rx: 4,
      fill: empty ? '#eeeeee' : INK,
      stroke: colour,
    }) +
    textBlock([empty ? `${plan.branch} (none)` : plan.branch], bx - SLANT, labelY + 18, {
      fontSize: 13,
      anchor: 'middle',
      fill: empty ? '#757575' : '#ffffff',
      weight: 'bold',
    });

  // Rows run from the label towards the spine above it, and from the spine towards the label below it.
  const ys = plan.rows.map((_, i) => (plan.above ? spineY - reach + (i + 1) * ROW : spineY + (i + 1) * ROW));
  const ends: number[] = [];
  // The sub-causes of one row share a vertical connector, left of the parent's end and of the branch line
  // wherever the sub-causes sit, so neither the branch nor a sibling's text is crossed.
  const connectorX = (parent: number): number => {
    const under = ys.slice(parent + 1, (plan.rows[parent]?.last ?? parent) + 1).map(xAt);
    return Math.min(ends[parent] ?? Infinity, ...under) - INDENT;
  };
  const ribs = plan.rows.map((row, i) => {
    const y = ys[i] ?? spineY;
    const parentY = row.parent === null ? y : (ys[row.parent] ?? y);
    const end = row.parent === null ? xAt(y) : connectorX(row.parent);
    ends.push(end);
    const length = row.level === 0 ? RIB : Math.max(MIN_SUB_RIB, RIB - 10 - row.level * INDENT);
    const fontSize = row.level === 0 ? 12 : 11;
    const connector =
      row.parent === null
        ? ''
        : el('line', { x1: end, y1: parentY, x2: end, y2: y, stroke: colour, 'stroke-width': 1 });
    const rib = el('line', {
      x1: end - length,
      y1: y,
      x2: end,
      y2: y,
      stroke: colour,
      'stroke-width': row.level === 0 ? 1.5 : 1,
    });
    const text = textBlock([truncate(row.text, charsThatFit(length - 8, fontSize))], end - 6, y - 5, {
      fontSize,
      anchor: 'end',
    });
    return withTitle(row.text, connector + rib + text, {
      class: row.level === 0 ? 'cause' : 'sub-cause',
      'data-id': row.id,
    });
  });
  return el('g', { class: 'branch', 'data-branch': plan.branch }, line + label + ribs.join(''));
}
