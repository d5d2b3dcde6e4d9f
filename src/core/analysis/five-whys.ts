import { notFound } from '../shared/errors.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import { promotedFactor, type PromotedFactor } from './factor-promotion.js';
import type { FiveWhys, WhyNode } from './five-whys.schema.js';

/** One step of a why chain, without its children. */
export interface WhyStep {
  id: string;
  question?: string;
  answer: string;
}

/** A leaf of the five-whys tree (where the team stopped asking why) with the chain that led to it. */
export interface WhyRootCause {
  id: string;
  answer: string;
  /** From the first why down to this answer; its length is the depth of the root cause. */
  chain: WhyStep[];
}

/** The root causes of a five-whys analysis: every leaf, left to right, with its chain from the problem. */
export function rootCauses(analysis: FiveWhys): WhyRootCause[] {
  const out: WhyRootCause[] = [];
  const walk = (node: WhyNode, above: WhyStep[]): void => {
    const chain = [...above, step(node)];
    if (node.children.length === 0) out.push({ id: node.id, answer: node.answer, chain });
    for (const child of node.children) walk(child, chain);
  };
  for (const node of analysis.whys) walk(node, []);
  return out;
}

/** Finds an answer anywhere in the tree, or undefined. */
export function findWhy(analysis: FiveWhys, nodeId: string): WhyNode | undefined {
  const search = (nodes: readonly WhyNode[]): WhyNode | undefined => {
    for (const node of nodes) {
      const found = node.id === nodeId ? node : search(node.children);
      if (found) return found;
    }
    return undefined;
  };
  return search(analysis.whys);
}

/**
 * Turns any answer (not only a leaf) into a contributing-factor input that links back to it. Throws
 * `analysis_node_not_found` for an unknown id.
 */
export function promoteWhyToFactor(
  analysis: FiveWhys,
  nodeId: string,
  category: FactorCategory,
): PromotedFactor {
  const node = findWhy(analysis, nodeId);
  if (!node) throw notFound('analysis_node', nodeId);
  return promotedFactor('five_whys', node.id, category, node.answer);
}

function step(node: WhyNode): WhyStep {
  return node.question === undefined
    ? { id: node.id, answer: node.answer }
    : { id: node.id, question: node.question, answer: node.answer };
}
