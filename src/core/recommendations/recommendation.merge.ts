import { parseInput } from '../shared/validation.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import { PastLesson, type Recommendation, type Suggestion } from './recommendation.schema.js';

export interface MergeOptions {
  /** The factor's category; among equally similar lessons, those from the same category come first. */
  category?: FactorCategory;
  /** Lessons less similar than this are left out (default 0.3). */
  minSimilarity?: number;
  /** At most this many past lessons (default 5). */
  limit?: number;
}

// "Rotate keys automatically." and "rotate keys automatically" are the same lesson.
const normalise = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

type LessonRecommendation = Extract<Recommendation, { source: 'past_lesson' }>;

/**
 * Rule suggestions first (in their order, duplicates removed), then lessons of past incidents with similar
 * factors, most similar first. A lesson taught by several incidents appears once, linked to all of them;
 * a lesson that repeats a rule suggestion is dropped. Throws `validation_failed` for a malformed lesson.
 * @example mergeWithPastLessons(suggestActions(factor), lessonsFromSimilarIncidents, { category: factor.category })
 */
export function mergeWithPastLessons(
  suggestions: readonly Suggestion[],
  pastLessons: readonly unknown[],
  options: MergeOptions = {},
): Recommendation[] {
  const lessons = parseInput(PastLesson.array(), pastLessons, 'past lessons');
  const { category, minSimilarity = 0.3, limit = 5 } = options;
  const seen = new Set<string>();
  const out: Recommendation[] = [];
  for (const suggestion of suggestions) {
    const key = normalise(suggestion.title);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ source: 'rule', ...suggestion });
  }

  const ranked = lessons
    .filter((l) => l.similarity >= minSimilarity)
    .sort(
      (a, b) =>
        b.similarity - a.similarity ||
        Number(b.factor_category === category) - Number(a.factor_category === category) ||
        a.incident_id.localeCompare(b.incident_id),
    );
  const byText = new Map<string, LessonRecommendation>();
  for (const lesson of ranked) {
    const key = normalise(lesson.lesson);
    if (seen.has(key) && !byText.has(key)) continue;
    const existing = byText.get(key);
    if (existing) {
      if (!existing.incident_ids.includes(lesson.incident_id)) existing.incident_ids.push(lesson.incident_id);
      continue;
    }
    seen.add(key);
    byText.set(key, {
      source: 'past_lesson',
      title: lesson.lesson,
      rationale: `Lesson from ${lesson.incident_id}, a past incident with a similar ${lesson.factor_category} factor (similarity ${lesson.similarity.toFixed(2)})`,
      incident_id: lesson.incident_id,
      incident_ids: [lesson.incident_id],
      similarity: lesson.similarity,
      factor_category: lesson.factor_category,
    });
  }
  return [...out, ...[...byText.values()].slice(0, limit)];
}
