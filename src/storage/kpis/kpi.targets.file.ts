import { readFileSync } from 'node:fs';
import { parseTargetsYaml, type KpiTargets } from '../../core/kpis/kpi.targets.js';
import { isDomainError } from '../../core/shared/errors.js';

/**
 * Reads a KPI targets file (SEC10-BP08 `learning_metrics` YAML) over the built-in defaults. Throws an Error
 * naming the file and every problem in it, for configuration checks at start.
 */
export function readKpiTargetsFile(path: string): KpiTargets {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the KPI targets file ${path}: ${(error as Error).message}`);
  }
  try {
    return parseTargetsYaml(text);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const problems = error.details.map((d) => `${d.path}: ${d.problem}`);
    throw new Error(`KPI targets file ${path}: ${problems.length > 0 ? problems.join('; ') : error.message}`);
  }
}
