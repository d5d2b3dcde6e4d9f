import { notFound } from '../shared/errors.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import { promotedFactor, type PromotedFactor } from './factor-promotion.js';
import {
  FISHBONE_BRANCHES,
  type Fishbone,
  type FishboneBranch,
  type FishboneCause,
  type FishboneSubCause,
} from './fishbone.schema.js';

/** A cause or sub-cause found by id, with the top-level cause it hangs from. */
export interface LocatedCause {
  node: FishboneCause | FishboneSubCause;
  cause: FishboneCause;
}

/** Finds a cause or sub-cause at any depth. */
export function findCause(analysis: Fishbone, nodeId: string): LocatedCause | undefined {
  const search = (subs: readonly FishboneSubCause[]): FishboneSubCause | undefined => {
    for (const sub of subs) {
      const found = sub.id === nodeId ? sub : search(sub.sub_causes);
      if (found) return found;
    }
    return undefined;
  };
  for (const cause of analysis.causes) {
    const node = cause.id === nodeId ? cause : search(cause.sub_causes);
    if (node) return { node, cause };
  }
  return undefined;
}

/**
 * Turns a cause or sub-cause into a contributing-factor input. The category is the one given, else the
 * cause's `factor_category` (a sub-cause takes its top-level cause's). Throws `analysis_node_not_found`.
 */
export function promoteCauseToFactor(
  analysis: Fishbone,
  nodeId: string,
  category?: FactorCategory,
): PromotedFactor {
  const found = findCause(analysis, nodeId);
  if (!found) throw notFound('analysis_node', nodeId);
  return promotedFactor('fishbone', nodeId, category ?? found.cause.factor_category, found.node.text);
}

/** Causes grouped by branch in drawing order; branches without causes are present with an empty list. */
export function causesByBranch(analysis: Fishbone): Map<FishboneBranch, FishboneCause[]> {
  const groups = new Map<FishboneBranch, FishboneCause[]>(FISHBONE_BRANCHES.map((b) => [b, []]));
  for (const cause of analysis.causes) groups.get(cause.branch)?.push(cause);
  return groups;
}
