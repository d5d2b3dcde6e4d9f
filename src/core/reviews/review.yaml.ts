import { parseDocument, stringify } from 'yaml';
import { z } from 'zod';
import { invalid } from '../shared/errors.js';
import { problemsOf } from '../shared/validation.js';
import { inferFactorCategory } from './factor-category.infer.js';
import { ReviewDocument, type ContributingFactor } from './review.schema.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const optionalText = scalar.nullable().optional();

/** SEC10-BP08 Step 1 "Post-Incident Review Template" (`incident_review:`), as teams write it. */
const Step1Review = z.strictObject({
  incident_id: scalar.optional(),
  incident_ids: z.array(scalar).optional(),
  incident_date: optionalText,
  review_date: optionalText,
  facilitator: optionalText,
  participants: z.array(scalar).optional(),
  incident_summary: z
    .strictObject({ description: optionalText, impact: optionalText, duration: optionalText })
    .optional(),
  timeline: z
    .array(z.strictObject({ time: scalar, event: scalar, source: optionalText, action: optionalText }))
    .optional(),
  response_analysis: z
    .strictObject({
      what_went_well: z.array(scalar).optional(),
      what_could_improve: z.array(scalar).optional(),
    })
    .optional(),
  root_causes: z.strictObject({ primary: optionalText, contributing: z.array(scalar).optional() }).optional(),
  contributing_factors: z.array(z.unknown()).optional(),
  lessons_learned: z
    .array(
      z.strictObject({
        lesson: scalar,
        category: optionalText,
        priority: scalar,
        owner: optionalText,
        due_date: optionalText,
      }),
    )
    .optional(),
  action_items: z
    .array(
      z.strictObject({
        action: scalar,
        owner: optionalText,
        due_date: optionalText,
        success_criteria: optionalText,
      }),
    )
    .optional(),
});
type Step1Review = z.infer<typeof Step1Review>;

function importedFactors(root: Step1Review['root_causes']): ContributingFactor[] {
  if (!root) return [];
  const factor = (description: string, primary: boolean): ContributingFactor => ({
    category: inferFactorCategory(description),
    description,
    primary,
    evidence: [],
    evidence_ids: [],
    source: { analysis: 'import' },
  });
  return [
    ...(root.primary ? [factor(root.primary, true)] : []),
    ...(root.contributing ?? []).map((d) => factor(d, false)),
  ];
}

/** Maps the Step 1 shape onto a review document (not yet validated against ReviewDocument). */
function fromStep1(step1: Step1Review): unknown {
  return {
    incident_ids: step1.incident_ids ?? (step1.incident_id ? [step1.incident_id] : []),
    incident_date: step1.incident_date ?? null,
    review_date: step1.review_date ?? null,
    facilitator: step1.facilitator ?? null,
    participants: step1.participants ?? [],
    summary: {
      description: step1.incident_summary?.description ?? '',
      impact: step1.incident_summary?.impact ?? '',
      duration: step1.incident_summary?.duration ?? '',
    },
    timeline: (step1.timeline ?? []).map((e) => ({
      time: e.time,
      event: e.event,
      source: e.source ?? null,
      action: e.action ?? null,
    })),
    response_analysis: {
      what_went_well: step1.response_analysis?.what_went_well ?? [],
      what_could_improve: step1.response_analysis?.what_could_improve ?? [],
    },
    contributing_factors: step1.contributing_factors ?? importedFactors(step1.root_causes),
    lessons: (step1.lessons_learned ?? []).map((l) => ({
      lesson: l.lesson,
      category: l.category ?? '',
      priority: l.priority,
      owner: l.owner ?? null,
      due_date: l.due_date ?? null,
    })),
    action_items: step1.action_items ?? [],
  };
}

/**
 * Parses a review written in SEC10-BP08's Step 1 YAML (`incident_review:` at the top) or as a bare
 * review document. Every problem is reported at once, with the YAML line for syntax errors. With `incidentId`
 * (a review written to that incident), a file naming only other incidents is refused at its incident field.
 */
export function parseReviewYaml(text: string, options: { incidentId?: string } = {}): ReviewDocument {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const details = doc.errors.map((e) => ({
      path: e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '(yaml)',
      problem: e.message.split('\n')[0] ?? e.code,
    }));
    throw invalid(
      'yaml_invalid',
      `the file is not valid YAML: ${details.map((d) => `${d.path}: ${d.problem}`).join('; ')}`,
      details,
    );
  }
  const data: unknown = doc.toJS();
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw invalid('review_invalid', 'the file must hold a mapping with an `incident_review` key', [
      { path: '(root)', problem: 'expected a mapping' },
    ]);
  }
  const wrapped = 'incident_review' in data;
  const body = wrapped ? data.incident_review : data;
  const prefix = wrapped ? 'incident_review' : '';
  let candidate: unknown = body;
  if (wrapped) {
    const step1 = Step1Review.safeParse(body);
    if (!step1.success) throw reviewInvalid(problemsOf(step1.error, prefix));
    candidate = fromStep1(step1.data);
  }
  const review = ReviewDocument.safeParse(candidate);
  if (!review.success) {
    const problems = problemsOf(review.error, prefix);
    throw reviewInvalid(wrapped ? problems.map((p) => ({ ...p, path: step1Path(p.path) })) : problems);
  }
  const named = review.data.incident_ids;
  if (options.incidentId && named.length > 0 && !named.includes(options.incidentId)) {
    const field = wrapped ? 'incident_review.incident_id' : 'incident_ids';
    throw invalid(
      'incident_mismatch',
      `the file is the review of ${named.join(', ')}, not of ${options.incidentId}: ${field} must name ${options.incidentId} (or be left out)`,
      [{ path: field, problem: `names ${named.join(', ')}, not ${options.incidentId}` }],
    );
  }
  return review.data;
}

// Review document fields whose Step 1 YAML name differs, so a problem names the field as written in the file.
const STEP1_NAMES: Record<string, string> = { lessons: 'lessons_learned', summary: 'incident_summary' };

/** `incident_review.lessons[0].priority` → `incident_review.lessons_learned[0].priority`. */
function step1Path(path: string): string {
  return path.replace(/^incident_review\.([a-z_]+)/, (whole, field: string) => {
    const named = STEP1_NAMES[field];
    return named ? `incident_review.${named}` : whole;
  });
}

function reviewInvalid(details: ReturnType<typeof problemsOf>) {
  return invalid(
    'validation_failed',
    `review is invalid: ${details.map((d) => `${d.path}: ${d.problem}`).join('; ')}`,
    details,
  );
}

/** Writes a review back in SEC10-BP08's Step 1 shape, so exported reviews re-import unchanged. */
export function reviewToStep1Yaml(review: ReviewDocument): string {
  const primary = review.contributing_factors.find((f) => f.primary);
  return stringify({
    incident_review: {
      incident_id: review.incident_ids[0] ?? null,
      ...(review.incident_ids.length > 1 ? { incident_ids: review.incident_ids } : {}),
      incident_date: review.incident_date,
      review_date: review.review_date,
      facilitator: review.facilitator,
      participants: review.participants,
      incident_summary: review.summary,
      timeline: review.timeline.map((e) => ({
        time: e.time,
        event: e.event,
        ...(e.source !== null ? { source: e.source } : {}),
        ...(e.action !== null ? { action: e.action } : {}),
      })),
      response_analysis: review.response_analysis,
      root_causes: {
        primary: primary?.description ?? null,
        contributing: review.contributing_factors.filter((f) => f !== primary).map((f) => f.description),
      },
      contributing_factors: review.contributing_factors,
      lessons_learned: review.lessons,
      action_items: review.action_items,
    },
  });
}
