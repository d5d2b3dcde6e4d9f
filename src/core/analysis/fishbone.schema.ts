import { z } from 'zod';
import { FactorCategory } from '../shared/vocabulary.js';
import { refineUniqueIds } from './analysis.ids.js';

/** The six Ishikawa branches, in the order they are drawn. */
export const FishboneBranch = z.enum([
  'People',
  'Process',
  'Technology',
  'Environment',
  'Materials',
  'Methods',
]);
export type FishboneBranch = z.infer<typeof FishboneBranch>;
export const FISHBONE_BRANCHES = FishboneBranch.options;

/**
 * The factor category a cause on a branch gets unless the reviewer says otherwise. Environment maps to
 * organizational because the surroundings a team works in (staffing, priorities, vendors) are set by the
 * organization, not by one system or person.
 */
export const DEFAULT_FACTOR_CATEGORY: Readonly<Record<FishboneBranch, FactorCategory>> = {
  People: 'human',
  Process: 'process',
  Methods: 'process',
  Technology: 'technical',
  Materials: 'technical',
  Environment: 'organizational',
};

export const MAX_FISHBONE_CAUSES = 500;

/** A sub-cause: the reason behind a cause, itself possibly explained further. */
export const FishboneSubCause = z.object({
  id: z.string().trim().min(1).max(100),
  text: z.string().trim().min(1, 'must say what the sub-cause is').max(500),
  get sub_causes() {
    return z.array(FishboneSubCause).default([]);
  },
});
export type FishboneSubCause = z.infer<typeof FishboneSubCause>;

/** A cause on one branch, mapped to the contributing-factor category it would become. */
export const FishboneCause = z
  .object({
    id: z.string().trim().min(1).max(100),
    branch: FishboneBranch,
    text: z.string().trim().min(1, 'must say what the cause is').max(500),
    factor_category: FactorCategory.optional(),
    sub_causes: z.array(FishboneSubCause).default([]),
  })
  .transform((cause) => ({
    ...cause,
    factor_category: cause.factor_category ?? DEFAULT_FACTOR_CATEGORY[cause.branch],
  }));
export type FishboneCause = z.infer<typeof FishboneCause>;
export type FishboneCauseInput = z.input<typeof FishboneCause>;

/** A fishbone (Ishikawa) analysis: the problem at the head and causes on the six branches. */
export const Fishbone = z
  .object({
    method: z.literal('fishbone'),
    problem: z.string().trim().min(1, 'must state the problem').max(2000),
    causes: z.array(FishboneCause),
  })
  .superRefine((analysis, ctx) => {
    const entries = analysis.causes.flatMap((cause, i) => [
      { id: cause.id, path: ['causes', i] },
      ...subCauseEntries(cause.sub_causes, ['causes', i, 'sub_causes']),
    ]);
    if (entries.length > MAX_FISHBONE_CAUSES) {
      ctx.addIssue({
        code: 'custom',
        path: ['causes'],
        message: `has ${entries.length} causes and sub-causes; at most ${MAX_FISHBONE_CAUSES} are allowed`,
      });
    }
    refineUniqueIds(entries, ctx);
  });
export type Fishbone = z.infer<typeof Fishbone>;

function subCauseEntries(
  subs: readonly FishboneSubCause[],
  path: (string | number)[],
): { id: string; path: (string | number)[] }[] {
  return subs.flatMap((sub, i) => {
    const here = [...path, i];
    return [{ id: sub.id, path: here }, ...subCauseEntries(sub.sub_causes, [...here, 'sub_causes'])];
  });
}
