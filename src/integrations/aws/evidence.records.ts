import type { EvidenceRecordsInput } from '../../core/evidence/evidence.inputs.js';
import type { EvidenceItem, Provenance } from '../../core/evidence/evidence.schema.js';
import { invalid, isDomainError, type Problem } from '../../core/shared/errors.js';
import { cloudTrailRecordOf, normaliseCloudTrailRecord } from './cloudtrail/cloudtrail.normalise.js';
import {
  configurationItemOfRuleEvent,
  normaliseConfigurationHistory,
  normaliseConfigurationItem,
  normaliseEvaluationResult,
} from './config/config.normalise.js';
import { normaliseInvestigation } from './detective/detective.normalise.js';
import { normaliseGuardDutyFinding } from './guardduty/guardduty.normalise.js';
import { normaliseInsightsBin, normaliseLogEvent, type InsightsRow } from './logs/logs.normalise.js';
import { normaliseSecurityHubFinding, securityHubFindingsOf } from './securityhub/securityhub.normalise.js';
import type { NormaliseContext } from './shared/normalise.context.js';
import { arrayAt, isObject, stringAt } from './shared/record.read.js';

type Ctx = NormaliseContext;

const isInsightsRow = (value: unknown): value is InsightsRow =>
  Array.isArray(value) && value.every((cell) => isObject(cell) && 'field' in cell);

/** One record of a source: a single item, or a page/event/history that holds several. */
function normaliseOne(input: EvidenceRecordsInput, record: unknown, ctx: Ctx): EvidenceItem[] {
  switch (input.source) {
    case 'guardduty': {
      const page = arrayAt(record, 'Findings').concat(arrayAt(record, 'findings'));
      return page.length > 0
        ? page.map((f, i) => normaliseGuardDutyFinding(f, { ...ctx, where: `${ctx.where}.Findings[${i}]` }))
        : [normaliseGuardDutyFinding(record, ctx)];
    }
    case 'security-hub': {
      const findings = securityHubFindingsOf(record);
      return findings.length > 0
        ? findings.map((f, i) => normaliseSecurityHubFinding(f, { ...ctx, where: `${ctx.where}[${i}]` }))
        : [normaliseSecurityHubFinding(record, ctx)];
    }
    case 'aws-config':
      return normaliseConfig(record, ctx);
    case 'cloudwatch-logs':
      return normaliseLogs(input, record, ctx);
    case 'cloudtrail': {
      const records = arrayAt(record, 'Records');
      return records.length > 0
        ? records.map((r, i) => normaliseCloudTrailRecord(r, { ...ctx, where: `${ctx.where}.Records[${i}]` }))
        : [normaliseCloudTrailRecord(cloudTrailRecordOf(record), ctx)];
    }
    case 'detective':
      return [normaliseInvestigation(record, ctx)];
  }
}

function normaliseConfig(record: unknown, ctx: Ctx): EvidenceItem[] {
  const history = arrayAt(record, 'configurationItems').concat(arrayAt(record, 'ConfigurationItems'));
  if (history.length > 0) return normaliseConfigurationHistory(history, ctx);
  const results = arrayAt(record, 'EvaluationResults');
  if (results.length > 0) return results.map((r) => normaliseEvaluationResult(r, ctx));
  if (isObject(record) && 'EvaluationResultIdentifier' in record) {
    return [normaliseEvaluationResult(record, ctx)];
  }
  if (isObject(record) && 'invokingEvent' in record) {
    const item = configurationItemOfRuleEvent(record);
    if (item === null)
      throw invalid('config_event_invalid', `${ctx.where}: invokingEvent has no configurationItem`);
    return [normaliseConfigurationItem(item, ctx)];
  }
  return [normaliseConfigurationItem(record, ctx)];
}

function normaliseLogs(input: EvidenceRecordsInput, record: unknown, ctx: Ctx): EvidenceItem[] {
  if (isInsightsRow(record)) {
    const logGroups = input.log_group ? [input.log_group] : [];
    return [normaliseInsightsBin(record, { ...ctx, logGroups, queryString: input.query ?? '' })];
  }
  const group = (value: unknown) =>
    stringAt(value, 'logGroupName') ?? stringAt(record, 'logGroupName') ?? input.log_group ?? 'log group';
  const events = arrayAt(record, 'events');
  if (events.length > 0) {
    return events.map((e, i) =>
      normaliseLogEvent(e, { ...ctx, where: `${ctx.where}.events[${i}]`, logGroup: group(e) }),
    );
  }
  return [normaliseLogEvent(record, { ...ctx, logGroup: group(record) })];
}

/**
 * Normalises records posted in their AWS shapes, all or nothing: every bad record is named by its index
 * (`records[3]`) with what is wrong, and none is imported if one is bad.
 */
export function normaliseEvidenceRecords(
  input: EvidenceRecordsInput,
  context: { incidentId: string; provenance: Provenance },
): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  const problems: Problem[] = [];
  input.records.forEach((record, index) => {
    const where = `records[${index}]`;
    try {
      items.push(...normaliseOne(input, record, { ...context, where }));
    } catch (error) {
      if (!isDomainError(error)) {
        problems.push({ path: where, problem: (error as Error).message });
        return;
      }
      const problem = error.message.startsWith(`${where}`)
        ? error.message.slice(error.message.indexOf(':') + 1).trim()
        : error.message;
      problems.push({ path: where, problem });
    }
  });
  if (problems.length > 0) {
    throw invalid(
      'evidence_records_invalid',
      `${problems.length} of ${input.records.length} ${input.source} records cannot be imported, so none was: ${problems
        .slice(0, 5)
        .map((p) => `${p.path}: ${p.problem}`)
        .join('; ')}`,
      problems,
    );
  }
  return items;
}
