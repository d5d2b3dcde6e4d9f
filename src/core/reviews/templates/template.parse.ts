import { parseDocument, isMap, isScalar } from 'yaml';
import { invalid, type Problem } from '../../shared/errors.js';
import { problemsOf } from '../../shared/validation.js';
import { templateFromBp2 } from './template.bp2.js';
import { ReviewTemplate, type ReviewTemplateInput } from './template.schema.js';

export interface ParseTemplateOptions {
  /** Id for a template in the seed's shape, which carries none (default: from the name). */
  id?: string;
  /** Name for a template in the seed's shape (default: the comment heading the YAML, else "Custom template"). */
  name?: string;
  /** Settings for a template in the seed's shape, which carries only sections. */
  settings?: Partial<Omit<ReviewTemplateInput, 'id' | 'name' | 'sections'>>;
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'custom';

function headingComment(doc: ReturnType<typeof parseDocument>): string | undefined {
  const contents = doc.contents;
  const firstKey = isMap(contents) ? contents.items[0]?.key : undefined;
  const comment = doc.commentBefore ?? (isScalar(firstKey) ? firstKey.commentBefore : undefined);
  const line = comment?.split('\n').find((l) => l.trim().length > 0);
  return line?.trim();
}

function fail(what: string, problems: Problem[]): never {
  throw invalid(
    'template_invalid',
    `${what} is invalid: ${problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`,
    problems,
  );
}

/**
 * Parses a review template from YAML, in either SEC10-BP08's Best Practice 2 shape (`post_incident_review:`
 * ...) or the full ReviewTemplate shape. Malformed YAML throws `template_yaml_malformed` naming line and
 * column; a well-formed template with bad fields throws `template_invalid` listing every problem.
 */
export function parseTemplateYaml(text: string, options: ParseTemplateOptions = {}): ReviewTemplate {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    // Later errors are mostly knock-on effects of the first; five are plenty to locate the fault.
    const problems = doc.errors.slice(0, 5).map((error) => {
      const pos = error.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}` : 'document';
      return {
        path: where,
        problem: error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '',
      };
    });
    throw invalid(
      'template_yaml_malformed',
      `template YAML is malformed at ${problems[0]?.path}: ${problems[0]?.problem}`,
      problems,
    );
  }
  const value: unknown = doc.toJS();
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    fail('template', [
      { path: '(root)', problem: 'must be a mapping: a ReviewTemplate or `post_incident_review:`' },
    ]);
  }
  if ('post_incident_review' in value) {
    const name = options.name ?? headingComment(doc) ?? 'Custom template';
    const { template, problems } = templateFromBp2(value.post_incident_review, {
      id: options.id ?? slug(name),
      name,
    });
    if (problems.length > 0) fail(`template "${name}"`, problems);
    const result = ReviewTemplate.safeParse({ ...options.settings, ...template });
    if (!result.success) fail(`template "${name}"`, problemsOf(result.error));
    return result.data;
  }
  const result = ReviewTemplate.safeParse(value);
  if (!result.success) fail('template', problemsOf(result.error));
  return result.data;
}
