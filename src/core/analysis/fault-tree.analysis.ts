import type { FaultTree } from './fault-tree.schema.js';
import { minimalCutSets, type CutSet } from './fault-tree.cut-sets.js';
import { topEventProbability, type TopEventProbability } from './fault-tree.probability.js';
import { validateFaultTree, type FaultTreeProblem } from './fault-tree.validation.js';

/** Everything a review shows about a fault tree. */
export interface FaultTreeResult {
  minimal_cut_sets: CutSet[];
  /** Cut sets of one event: single points of failure, listed separately because reviewers look for them. */
  single_points_of_failure: string[];
  top_event: TopEventProbability;
  warnings: FaultTreeProblem[];
}

/** Validates a fault tree, then computes its minimal cut sets and top-event probability. */
export function analyseFaultTree(tree: FaultTree): FaultTreeResult {
  const warnings = validateFaultTree(tree);
  const cutSets = minimalCutSets(tree);
  return {
    minimal_cut_sets: cutSets,
    single_points_of_failure: cutSets.flatMap((set) => (set.length === 1 ? set : [])),
    top_event: topEventProbability(tree, { cutSets }),
    warnings,
  };
}
