import { formatProbability } from '../analysis/fault-tree.svg.js';
import type { FaultTreeResult } from '../analysis/fault-tree.analysis.js';
import { PHASES } from '../analysis/timeline-analysis.phases.js';
import type { TimelineAnalysis } from '../analysis/timeline-analysis.js';
import { formatDuration } from '../reviews/review.lesson-record.js';
import { escapeInline, escapeParagraphs, table } from './report.escape.js';
import { METHOD_TITLES, type ReportAnalysis } from './report.model.js';

/** How a diagram appears in Markdown: a placeholder fence (for HTML and PDF) or an image link (for .md). */
export type DiagramMode = { kind: 'fence' } | { kind: 'link'; href: (method: string) => string };

/** The fence the HTML renderer swaps for the diagram's SVG; user text cannot open one (backticks are escaped). */
export const DIAGRAM_FENCE = 'hindsight-diagram';

function faultTreeLines(analysis: ReportAnalysis, result: FaultTreeResult): string[] {
  const labels = new Map(
    analysis.analysis.method === 'fault_tree' ? analysis.analysis.nodes.map((n) => [n.id, n.label]) : [],
  );
  const name = (id: string) => `${escapeInline(labels.get(id) ?? id)} (${escapeInline(id)})`;
  const p = result.top_event;
  const method = p.method === 'exact' ? 'exact' : 'rare-event approximation';
  return [
    '**Minimal cut sets**',
    '',
    ...result.minimal_cut_sets.map((set) => `- ${set.map(name).join(' AND ')}`),
    '',
    p.probability === null
      ? `**Top-event probability:** unknown; missing probabilities for ${p.missing_probabilities.map(escapeInline).join(', ')}`
      : `**Top-event probability:** ${escapeInline(formatProbability(p.probability))} (${method})`,
  ];
}

/** The analyses section: each analysis with its diagram, a fault tree with its cut sets and probability. */
export function analysesMarkdown(analyses: readonly ReportAnalysis[], diagrams: DiagramMode): string[] {
  if (analyses.length === 0) return ['No five-whys, fishbone or fault-tree analysis was recorded.'];
  return analyses.flatMap((entry, index) => {
    const { analysis } = entry;
    const title = METHOD_TITLES[analysis.method];
    const heading = analysis.method === 'fault_tree' ? `Top event: ${topLabel(entry)}` : analysis.problem;
    const diagram =
      diagrams.kind === 'fence'
        ? ['```' + DIAGRAM_FENCE, String(index), '```']
        : [`![${escapeInline(`${title} diagram`)}](${diagrams.href(analysis.method)})`];
    return [
      `### ${title}`,
      '',
      escapeParagraphs(heading),
      '',
      ...diagram,
      '',
      ...(entry.result ? [...faultTreeLines(entry, entry.result), ''] : []),
    ];
  });
}

function topLabel(entry: ReportAnalysis): string {
  if (entry.analysis.method !== 'fault_tree') return '';
  const tree = entry.analysis;
  return tree.nodes.find((n) => n.id === tree.top)?.label ?? tree.top;
}

/** Phase durations, silent gaps and the milestone findings a reviewer should fix. */
export function timelineAnalysisMarkdown(analysis: TimelineAnalysis): string[] {
  const phases = PHASES.map((phase) => {
    const d = analysis.phases[phase];
    return [
      phase.replace(/_/g, ' '),
      d.minutes === null ? '—' : formatDuration(d.minutes * 60_000),
      d.definition,
    ];
  });
  const gaps = analysis.gaps.map(
    (g) =>
      `- ${escapeInline(formatDuration(g.minutes * 60_000))} without events after “${escapeInline(g.after.event)}”`,
  );
  const findings = analysis.findings.map(
    (f) => `- ${escapeInline(`${f.severity}: ${f.path}: ${f.problem}`)}`,
  );
  return [
    table(['Phase', 'Duration', 'Measured as'], phases),
    '',
    `**Gaps longer than ${analysis.gap_threshold_minutes} minutes:** ${gaps.length === 0 ? 'none' : ''}`,
    ...(gaps.length > 0 ? ['', ...gaps] : []),
    '',
    `**Findings:** ${findings.length === 0 ? 'none' : ''}`,
    ...(findings.length > 0 ? ['', ...findings] : []),
  ];
}
