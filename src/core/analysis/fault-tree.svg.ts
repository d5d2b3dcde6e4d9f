import { layoutFaultTree, type PlacedNode } from './fault-tree.layout.js';
import type { FaultTree, GateType } from './fault-tree.schema.js';
import { validateFaultTree } from './fault-tree.validation.js';
import { charsThatFit, el, num, svgDocument, textBlock, truncate, withTitle, wrapText } from './svg.js';

const SLOT = 170;
const LEVEL = 150;
const BOX_W = 150;
const BOX_H = 50;
const GATE_W = 44;
const GATE_H = 36;
const MARGIN = 24;
const FOOTER = 28;
const INK = '#1f4e79';
const STROKE = { stroke: INK, 'stroke-width': 1.5, fill: 'none' } as const;

/**
 * Draws a fault tree top-down: event boxes with their labels, distinct gate symbols (AND: flat-bottomed
 * dome; OR: curved shield; k-of-n: the OR shield marked "k/n"), basic events as circles with their
 * probability when known, and connectors. Gates shared by several parents are drawn once and marked with a
 * transfer triangle elsewhere. Validates the tree first (throws its rule violations).
 */
export function renderFaultTreeSvg(tree: FaultTree): string {
  validateFaultTree(tree);
  const layout = layoutFaultTree(tree);
  const footer = layout.unreachable.length > 0 ? FOOTER : 0;
  const width = Math.max(2 * MARGIN + layout.slots * SLOT, 360);
  const height = 2 * MARGIN + (layout.levels - 1) * LEVEL + BOX_H + 70 + footer;
  const body = [drawNode(layout.root, true)];
  if (footer > 0) {
    const list = truncate(
      `Not connected to the top event (ignored): ${layout.unreachable.join(', ')}`,
      charsThatFit(width - 2 * MARGIN, 11),
    );
    body.push(textBlock([list], MARGIN, height - MARGIN / 2 - 4, { fontSize: 11, fill: '#757575' }));
  }
  return svgDocument({ width, height, title: `Fault tree: ${layout.root.node.label}`, body: body.join('') });
}

function centreX(placed: PlacedNode): number {
  return MARGIN + (placed.slot + 0.5) * SLOT;
}

function topY(placed: PlacedNode): number {
  return MARGIN + placed.depth * LEVEL;
}

function drawNode(placed: PlacedNode, isTop: boolean): string {
  const { node } = placed;
  const x = centreX(placed);
  const y = topY(placed);
  const label = wrapText(node.label, charsThatFit(BOX_W - 12, 11), 3);
  const box =
    el('rect', {
      x: x - BOX_W / 2,
      y,
      width: BOX_W,
      height: BOX_H,
      rx: 3,
      fill: isTop ? INK : node.type === 'gate' ? '#e8f0fa' : '#ffffff',
      stroke: INK,
      'stroke-width': 1.5,
    }) +
    textBlock(label.lines, x, y + (BOX_H - label.lines.length * 13) / 2 + 10, {
      fontSize: 11,
      anchor: 'middle',
      lineHeight: 13,
      fill: isTop ? '#ffffff' : '#1a1a1a',
    });
  const below =
    node.type === 'basic'
      ? basicSymbol(x, y, node.probability)
      : placed.transfer
        ? transferSymbol(x, y)
        : gateSymbol(x, y, node.gate ?? 'OR', node.k, placed.children.length);
  const title = [
    `${node.label} (${node.id})`,
    node.type === 'basic'
      ? node.probability === undefined
        ? 'probability not set'
        : `probability ${node.probability}`
      : '',
    placed.transfer ? 'repeated gate: its inputs are drawn where it first appears' : '',
  ]
    .filter(Boolean)
    .join(' — ');
  const self = withTitle(title, box + below, {
    class: node.type === 'basic' ? 'basic-event' : 'gate',
    'data-id': node.id,
  });
  return self + connectors(placed) + placed.children.map((child) => drawNode(child, false)).join('');
}

function gateSymbol(x: number, y: number, gate: GateType, k: number | undefined, n: number): string {
  const gy = y + BOX_H + 10;
  const l = x - GATE_W / 2;
  const r = x + GATE_W / 2;
  const bottom = gy + GATE_H;
  const shape =
    gate === 'AND'
      ? `M ${num(l)} ${num(bottom)} L ${num(l)} ${num(gy + GATE_H / 2)} A ${num(GATE_W / 2)} ${num(GATE_H / 2)} 0 0 1 ${num(r)} ${num(gy + GATE_H / 2)} L ${num(r)} ${num(bottom)} Z`
      : `M ${num(l)} ${num(bottom)} Q ${num(l)} ${num(gy + GATE_H * 0.4)} ${num(x)} ${num(gy)} Q ${num(r)} ${num(gy + GATE_H * 0.4)} ${num(r)} ${num(bottom)} Q ${num(x)} ${num(gy + GATE_H * 0.6)} ${num(l)} ${num(bottom)} Z`;
  const mark = gate === 'KOFN' ? `${k ?? '?'}/${n}` : gate;
  return (
    el('line', { x1: x, y1: y + BOX_H, x2: x, y2: gy, ...STROKE }) +
    el('path', { d: shape, fill: '#ffffff', stroke: INK, 'stroke-width': 1.5 }) +
    textBlock([mark], x, gy + GATE_H * 0.62, { fontSize: 10, anchor: 'middle', weight: 'bold', fill: INK })
  );
}

/** Where a gate's output connector leaves it: the OR shield's bottom is concave. */
function gateBottom(placed: PlacedNode): number {
  const gy = topY(placed) + BOX_H + 10;
  return placed.node.gate === 'AND' ? gy + GATE_H : gy + GATE_H * 0.8;
}

function basicSymbol(x: number, y: number, probability: number | undefined): string {
  const cy = y + BOX_H + 28;
  const circle =
    el('line', { x1: x, y1: y + BOX_H, x2: x, y2: cy - 18, ...STROKE }) +
    el('circle', { cx: x, cy, r: 18, fill: '#ffffff', stroke: INK, 'stroke-width': 1.5 });
  if (probability === undefined) return circle;
  return (
    circle +
    textBlock([`p = ${formatProbability(probability)}`], x, cy + 34, { fontSize: 11, anchor: 'middle' })
  );
}

function transferSymbol(x: number, y: number): string {
  const ty = y + BOX_H + 10;
  return (
    el('line', { x1: x, y1: y + BOX_H, x2: x, y2: ty, ...STROKE }) +
    el('path', {
      d: `M ${num(x)} ${num(ty)} L ${num(x - 18)} ${num(ty + 32)} L ${num(x + 18)} ${num(ty + 32)} Z`,
      fill: '#ffffff',
      stroke: INK,
      'stroke-width': 1.5,
    })
  );
}

function connectors(placed: PlacedNode): string {
  if (placed.children.length === 0) return '';
  const x = centreX(placed);
  const busY = topY(placed) + LEVEL - 22;
  const xs = placed.children.map(centreX);
  const parts = [
    el('line', { x1: x, y1: gateBottom(placed), x2: x, y2: busY, ...STROKE }),
    el('line', { x1: Math.min(x, ...xs), y1: busY, x2: Math.max(x, ...xs), y2: busY, ...STROKE }),
    ...placed.children.map((child) =>
      el('line', { x1: centreX(child), y1: busY, x2: centreX(child), y2: topY(child), ...STROKE }),
    ),
  ];
  return el('g', { class: 'connector' }, parts.join(''));
}

/** 0.05 → "0.05"; 0.000123 → "1.23e-4": short, and exact enough to recognise the input. */
export function formatProbability(p: number): string {
  if (p === 0 || p >= 0.001) return String(Number(p.toPrecision(3)));
  return Number(p.toPrecision(3)).toExponential();
}
