import type { FiveWhys, WhyNode } from './five-whys.schema.js';
import { charsThatFit, el, svgDocument, textBlock, truncate, withTitle, wrapText } from './svg.js';

const WIDTH = 900;
const MARGIN = 20;
const INDENT = 32;
const GAP = 10;
const ROW_PLAIN = 32;
const ROW_QUESTION = 48;
const INK = '#1f4e79';
const ROOT_CAUSE = '#b3541e';

interface Line {
  node: WhyNode;
  depth: number;
  y: number;
  height: number;
  parent: number | null;
}

/**
 * Draws a five-whys analysis as an indented tree: the problem on top, each answer (with its question when
 * recorded) one level in from the answer it explains, connectors from parent to child, and the leaves,
 * where the team stopped asking, marked as root causes. Full texts are in each row's <title>.
 */
export function renderFiveWhysSvg(analysis: FiveWhys): string {
  const problem = wrapText(analysis.problem, charsThatFit(WIDTH - 2 * MARGIN - 20, 14), 3);
  const problemH = problem.lines.length * 18 + 16;
  const lines: Line[] = [];
  let y = MARGIN + problemH + GAP;
  const visit = (node: WhyNode, depth: number, parent: number | null): void => {
    const height = node.question === undefined ? ROW_PLAIN : ROW_QUESTION;
    lines.push({ node, depth, y, height, parent });
    const index = lines.length - 1;
    y += height + GAP;
    for (const child of node.children) visit(child, depth + 1, index);
  };
  for (const node of analysis.whys) visit(node, 1, null);

  const header = withTitle(
    analysis.problem,
    el('rect', { x: MARGIN, y: MARGIN, width: WIDTH - 2 * MARGIN, height: problemH, rx: 4, fill: INK }) +
      textBlock(problem.lines, MARGIN + 10, MARGIN + 8 + 14, {
        fontSize: 14,
        weight: 'bold',
        fill: '#ffffff',
        lineHeight: 18,
      }),
    { class: 'problem' },
  );
  const rows = lines.map((line) => drawRow(line, lines, problemH)).join('');
  return svgDocument({
    width: WIDTH,
    height: Math.max(y, MARGIN + problemH + GAP) + MARGIN - GAP,
    title: `Five whys: ${analysis.problem}`,
    body: header + rows,
  });
}

function drawRow(line: Line, lines: readonly Line[], problemH: number): string {
  const x = MARGIN + line.depth * INDENT;
  const width = WIDTH - MARGIN - x;
  const leaf = line.node.children.length === 0;
  const colour = leaf ? ROOT_CAUSE : INK;
  const parent = line.parent === null ? undefined : lines[line.parent];
  const fromX = (parent ? MARGIN + parent.depth * INDENT : MARGIN) + 14;
  const fromY = parent ? parent.y + parent.height : MARGIN + problemH;
  const midY = line.y + line.height / 2;
  const connector = el('path', {
    d: `M ${fromX} ${fromY} L ${fromX} ${midY} L ${x} ${midY}`,
    fill: 'none',
    stroke: '#9e9e9e',
    'stroke-width': 1.2,
  });
  const tag = leaf ? 'root cause' : '';
  const textRoom = width - 20 - (leaf ? 80 : 0);
  const answer = `Why ${line.depth}: ${line.node.answer}`;
  const texts =
    line.node.question === undefined
      ? textBlock([truncate(answer, charsThatFit(textRoom, 12))], x + 10, line.y + 20, { fontSize: 12 })
      : textBlock([truncate(line.node.question, charsThatFit(textRoom, 11))], x + 10, line.y + 17, {
          fontSize: 11,
          fill: '#616161',
        }) + textBlock([truncate(answer, charsThatFit(textRoom, 12))], x + 10, line.y + 36, { fontSize: 12 });
  const full = [line.node.question, line.node.answer, leaf ? '(root cause)' : undefined]
    .filter(Boolean)
    .join(' — ');
  return (
    connector +
    withTitle(
      full,
      el('rect', {
        x,
        y: line.y,
        width,
        height: line.height,
        rx: 4,
        fill: '#ffffff',
        stroke: colour,
        'stroke-width': leaf ? 2 : 1.2,
      }) +
        texts +
        (tag
          ? textBlock([tag], x + width - 10, line.y + 20, {
              fontSize: 10,
              anchor: 'end',
              fill: ROOT_CAUSE,
              weight: 'bold',
            })
          : ''),
      { class: leaf ? 'why root-cause' : 'why', 'data-id': line.node.id },
    )
  );
}
