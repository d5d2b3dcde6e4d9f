import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { Command, Option } from 'commander';
import { renderPdf } from '../../api/reviews/report.pdf.js';
import { renderReportHtml } from '../../core/reports/report.html.js';
import { renderReportMarkdown } from '../../core/reports/report.markdown.js';
import { REPORT_FORMATS, type ReportFormat } from '../../core/reports/report.model.js';
import { renderAnalysisSvg } from '../../core/reviews/review.analysis.service.js';
import { lintReview, type ReviewLint } from '../../core/reviews/review.lint.js';
import { parseReviewYaml } from '../../core/reviews/review.yaml.js';
import { DEFAULT_REVIEW_TEMPLATE } from '../../core/reviews/templates/template.standard.js';
import { invalid } from '../../core/shared/errors.js';
import { print, withContext, type CliIo } from '../cli-context.js';
import { readUserFile } from '../files.js';

function lintLines(file: string, lint: ReviewLint): string[] {
  const lines = lint.warnings.map(
    (w) => `${file}: ${w.path}: "${w.phrase}" — ${w.message}\n  suggestion: ${w.suggestion}`,
  );
  const missing = lint.missing.map(
    (m) => `${file}: ${m.path}: ${m.label} is required to submit (not an error yet)`,
  );
  const verdict =
    lint.warnings.length === 0
      ? `${file}: no blameful phrasing found (template ${lint.template_id})`
      : `${file}: ${lint.warnings.length} blameless-language warning(s) (template ${lint.template_id} warns, does not block)`;
  return [...lines, ...missing, verdict];
}

/** Where the diagrams of a report written to `output` go: `report.md` → `report.fishbone.svg`. */
function diagramPath(output: string, method: string): string {
  return join(dirname(output), `${basename(output, extname(output))}.${method}.svg`);
}

function lintCommand(io: CliIo): Command {
  return new Command('lint')
    .argument('<file>')
    .description(
      'check a review YAML: blameless-language warnings (exit 0) and missing required fields; exit 1 only for invalid input or when the template blocks blameful language',
    )
    .option('--template <id>', 'lint against this stored template instead of the built-in standard one')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { template?: string; json?: boolean }) => {
      const document = parseReviewYaml(await readUserFile(file));
      const template = options.template
        ? (
            await withContext(io, ({ services, actor }) =>
              services.settings.getTemplate(actor, options.template ?? ''),
            )
          ).value
        : DEFAULT_REVIEW_TEMPLATE;
      const lint = lintReview(document, template);
      if (template.blameless === 'block' && lint.warnings.length > 0) {
        throw invalid(
          'blameful_language',
          `${file}: template ${template.id} requires blameless language; reword ${lint.warnings.length} phrase(s)`,
          lint.warnings.map((w) => ({ path: w.path, problem: `"${w.phrase}": ${w.suggestion}` })),
        );
      }
      print(io, options.json, lint, () => lintLines(file, lint).join('\n'));
    });
}

function reportCommand(io: CliIo): Command {
  return new Command('report')
    .argument('<incident>', 'incident id, e.g. INC-2024-0042')
    .description('write the post-incident review report (SEC10-BP08 Example 1) as Markdown, HTML or PDF')
    .addOption(new Option('--format <format>', 'md, html or pdf').choices(REPORT_FORMATS).default('md'))
    .option(
      '--output <file>',
      'write to this file (required for pdf); Markdown diagrams go beside it as .svg',
    )
    .action(async (incident: string, options: { format: ReportFormat; output?: string }) => {
      const { format, output } = options;
      if (format === 'pdf' && !output) {
        throw invalid('output_required', 'a PDF report needs --output FILE', [
          { path: '--output', problem: 'is required with --format pdf' },
        ]);
      }
      const report = await withContext(io, ({ services, actor }) => services.reports.build(actor, incident));
      let content: string | Buffer;
      if (format === 'md') {
        const href = (method: string) =>
          output
            ? basename(diagramPath(output, method))
            : `/api/v1/incidents/${incident}/review/analyses/${method}.svg`;
        content = renderReportMarkdown(report, { kind: 'link', href });
        if (output) {
          for (const { analysis } of report.analyses) {
            await writeFile(diagramPath(output, analysis.method), renderAnalysisSvg(analysis));
          }
        }
      } else {
        const html = renderReportHtml(report);
        content = format === 'html' ? html : await renderPdf(html);
      }
      if (!output) {
        io.out(content.toString());
        return;
      }
      await writeFile(output, content);
      const diagrams = format === 'md' ? ` and ${report.analyses.length} diagram(s)` : '';
      io.out(`wrote the ${format} report of ${incident} to ${output}${diagrams}`);
    });
}

export function reviewCommand(io: CliIo): Command {
  const command = new Command('review').description('post-incident reviews');

  command
    .command('import <file>')
    .description("import a review written in SEC10-BP08's Step 1 YAML (incident_review:)")
    .option('--incident <id>', 'file it under this incident (default: the incident_id in the file)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { incident?: string; json?: boolean }) => {
      const document = parseReviewYaml(await readUserFile(file));
      const incidentId = options.incident ?? document.incident_ids[0];
      if (!incidentId) {
        throw new Error(
          `${file} names no incident (incident_review.incident_id); pass --incident INC-YYYY-NNNN`,
        );
      }
      const { review, created, warnings } = await withContext(io, ({ services, actor }) =>
        services.reviews.put(actor, incidentId, document),
      );
      print(io, options.json, review, () =>
        [
          `${created ? 'created' : 'replaced'} the review of ${review.incident_id} (version ${review.version})`,
          ...(warnings.length > 0
            ? [`${warnings.length} blameless-language warning(s); see: hindsight review lint ${file}`]
            : []),
        ].join('\n'),
      );
    });

  command.addCommand(lintCommand(io));
  command.addCommand(reportCommand(io));
  return command;
}
