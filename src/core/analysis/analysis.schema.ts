import { z } from 'zod';
import { parseInput } from '../shared/validation.js';
import { FaultTree } from './fault-tree.schema.js';
import { validateFaultTree } from './fault-tree.validation.js';
import { Fishbone } from './fishbone.schema.js';
import { FiveWhys } from './five-whys.schema.js';

export { FiveWhys, WhyNode } from './five-whys.schema.js';
export { Fishbone, FishboneBranch, FishboneCause, FishboneSubCause } from './fishbone.schema.js';
export { FaultTree, FaultTreeNode, GateType } from './fault-tree.schema.js';

/**
 * A root-cause analysis stored as data, told apart by `method`. Timeline analysis is not stored: it is
 * computed from the incident (see `analyseTimeline`).
 */
export const Analysis = z.discriminatedUnion('method', [FiveWhys, Fishbone, FaultTree]);
export type Analysis = z.infer<typeof Analysis>;
export type AnalysisInput = z.input<typeof Analysis>;

/**
 * Parses an analysis from untrusted input (API body, YAML file) and checks the rules the schema cannot
 * express, so a stored analysis is always usable. Throws `validation_failed` listing every schema problem,
 * or the fault tree's rule violations (`fault_tree_cycle`, ...).
 */
export function parseAnalysis(input: unknown): Analysis {
  const analysis = parseInput(Analysis, input, 'The analysis');
  if (analysis.method === 'fault_tree') validateFaultTree(analysis);
  return analysis;
}
