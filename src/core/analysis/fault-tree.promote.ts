import { notFound } from '../shared/errors.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import { promotedFactor, type PromotedFactor } from './factor-promotion.js';
import type { FaultTree } from './fault-tree.schema.js';

/** Turns a basic event or gate into a contributing-factor input; throws `analysis_node_not_found`. */
export function promoteEventToFactor(
  tree: FaultTree,
  nodeId: string,
  category: FactorCategory,
): PromotedFactor {
  const node = tree.nodes.find((n) => n.id === nodeId);
  if (!node) throw notFound('analysis_node', nodeId);
  return promotedFactor('fault_tree', node.id, category, node.label);
}
