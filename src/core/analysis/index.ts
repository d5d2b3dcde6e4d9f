/** Root-cause analyses as data: schemas, fault-tree maths, timeline analysis and SVG diagrams. */
export {
  Analysis,
  type AnalysisInput,
  parseAnalysis,
  FiveWhys,
  WhyNode,
  Fishbone,
  FishboneBranch,
  FishboneCause,
  FishboneSubCause,
  FaultTree,
  FaultTreeNode,
  GateType,
} from './analysis.schema.js';
export { MAX_WHY_NODES } from './five-whys.schema.js';
export {
  FISHBONE_BRANCHES,
  DEFAULT_FACTOR_CATEGORY,
  MAX_FISHBONE_CAUSES,
  type FishboneCauseInput,
} from './fishbone.schema.js';
export { MAX_FAULT_TREE_NODES } from './fault-tree.schema.js';

export { AnalysisMethod, PromotedFactor } from './factor-promotion.js';
export { promoteToFactor } from './analysis.promote.js';
export { rootCauses, findWhy, promoteWhyToFactor, type WhyRootCause, type WhyStep } from './five-whys.js';
export { findCause, promoteCauseToFactor, causesByBranch, type LocatedCause } from './fishbone.js';
export { promoteEventToFactor } from './fault-tree.promote.js';

export {
  checkFaultTree,
  validateFaultTree,
  type FaultTreeCheck,
  type FaultTreeProblem,
} from './fault-tree.validation.js';
export { minimalCutSets, absorb, combinations, MAX_MOCUS_ROWS, type CutSet } from './fault-tree.cut-sets.js';
export {
  topEventProbability,
  exactProbability,
  EXACT_EVENT_LIMIT,
  EXACT_CUT_SET_LIMIT,
  type TopEventProbability,
  type ProbabilityOptions,
} from './fault-tree.probability.js';
export { analyseFaultTree, type FaultTreeResult } from './fault-tree.analysis.js';

export {
  MILESTONES,
  Milestones,
  TimelineAnalysisInput,
  TimelineEventInput,
  type Milestone,
} from './timeline-analysis.schema.js';
export {
  analyseTimeline,
  type TimelineAnalysis,
  type TimelineGap,
  type TimelineEventRef,
  type SourceCount,
} from './timeline-analysis.js';
export { PHASES, type Phase, type PhaseDuration } from './timeline-analysis.phases.js';
export type { TimelineFinding } from './timeline-analysis.findings.js';

export { renderFishboneSvg } from './fishbone.svg.js';
export { renderFaultTreeSvg, formatProbability } from './fault-tree.svg.js';
export { renderFiveWhysSvg } from './five-whys.svg.js';
export { escapeXml } from './svg.js';
