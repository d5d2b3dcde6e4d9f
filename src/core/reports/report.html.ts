import MarkdownIt from 'markdown-it';
import { DIAGRAM_FENCE } from './report.analyses.js';
import { escapeHtml } from './report.escape.js';
import { renderReportMarkdown } from './report.markdown.js';
import type { ReviewReport } from './report.model.js';

const STYLE = `
body { font-family: system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2933;
  max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #d9e2ec; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #d9e2ec; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
figure.diagram { margin: 1rem 0; overflow-x: auto; } figure.diagram svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } figure.diagram { break-inside: avoid; } }
`;

/**
 * The review report as a standalone HTML page: the Markdown report rendered with markdown-it (raw HTML off,
 * so user text can never become markup) and each analysis diagram inlined as SVG in place of its fence.
 */
export function renderReportHtml(report: ReviewReport): string {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const fallback = md.renderer.rules.fence;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (token && token.info.trim() === DIAGRAM_FENCE) {
      const svg = report.analyses[Number(token.content.trim())]?.svg ?? '';
      return `<figure class="diagram">${svg}</figure>\n`;
    }
    return fallback ? fallback(tokens, idx, options, env, self) : self.renderToken(tokens, idx, options);
  };
  const body = md.render(renderReportMarkdown(report, { kind: 'fence' }));
  const title = `Post-incident review: ${report.incident.title}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}
