import { Command } from 'commander';
import { parseReviewYaml } from '../../core/reviews/review.yaml.js';
import { print, withContext, type CliIo } from '../cli-context.js';
import { readUserFile } from '../files.js';

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
      const { review, created } = await withContext(io, ({ services, actor }) =>
        services.reviews.put(actor, incidentId, document),
      );
      print(
        io,
        options.json,
        review,
        () =>
          `${created ? 'created' : 'replaced'} the review of ${review.incident_id} (version ${review.version})`,
      );
    });

  command
    .command('lint <file>')
    .description('validate a review YAML without importing it; exit 1 listing every problem')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }) => {
      const document = parseReviewYaml(await readUserFile(file));
      print(
        io,
        options.json,
        { valid: true, problems: [] },
        () => `${file}: valid review of ${document.incident_ids.join(', ') || '(no incident named)'}`,
      );
    });

  return command;
}
