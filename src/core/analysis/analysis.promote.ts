import { invalid } from '../shared/errors.js';
import type { FactorCategory } from '../shared/vocabulary.js';
import type { Analysis } from './analysis.schema.js';
import type { PromotedFactor } from './factor-promotion.js';
import { promoteEventToFactor } from './fault-tree.promote.js';
import { promoteCauseToFactor } from './fishbone.js';
import { promoteWhyToFactor } from './five-whys.js';

/**
 * Turns an answer (five whys), cause (fishbone) or event (fault tree) into a contributing-factor input that
 * links back to it. Fishbone causes carry a default category; the other methods need one (throws
 * `factor_category_required`). Unknown ids throw `analysis_node_not_found`.
 *
 * @example promoteToFactor(fiveWhys, 'w3', 'process')
 *   // { category: 'process', description: 'No canary stage', primary: false, evidence: [],
 *   //   source: { analysis: 'five_whys', ref: 'w3' } }
 */
export function promoteToFactor(
  analysis: Analysis,
  nodeId: string,
  category?: FactorCategory,
): PromotedFactor {
  if (analysis.method === 'fishbone') return promoteCauseToFactor(analysis, nodeId, category);
  if (category === undefined) {
    throw invalid(
      'factor_category_required',
      'Choose the contributing-factor category (technical, process, human or organizational) for this finding',
      [{ path: 'category', problem: 'is required' }],
    );
  }
  return analysis.method === 'five_whys'
    ? promoteWhyToFactor(analysis, nodeId, category)
    : promoteEventToFactor(analysis, nodeId, category);
}
