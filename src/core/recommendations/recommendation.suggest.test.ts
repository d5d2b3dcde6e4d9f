import { describe, expect, it } from 'vitest';
import { FACTOR_CATEGORIES, type FactorCategory } from '../shared/vocabulary.js';
import { FALLBACK_SUGGESTIONS, RECOMMENDATION_RULES } from './recommendation.rules.js';
import { suggestActions, suggestForFactors } from './recommendation.suggest.js';

const ids = (category: FactorCategory, description: string): string[] =>
  suggestActions({ category, description }).map((s) => s.rule_id);

describe('rule set', () => {
  it('has at least 20 rules with unique ids, at least three per category', () => {
    expect(RECOMMENDATION_RULES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(RECOMMENDATION_RULES.map((r) => r.id)).size).toBe(RECOMMENDATION_RULES.length);
    for (const category of FACTOR_CATEGORIES) {
      expect(RECOMMENDATION_RULES.filter((r) => r.category === category).length).toBeGreaterThanOrEqual(3);
      expect(RECOMMENDATION_RULES.every((r) => r.id.startsWith(`${r.category}.`))).toBe(true);
    }
  });

  // One description per rule that must trigger it: every rule is reachable.
  const examples: Record<string, [FactorCategory, string]> = {
    'technical.config_policy_as_code': ['technical', 'Publicly accessible bucket'],
    'technical.config_change_alert': ['technical', 'Configuration drift went unnoticed'],
    'technical.monitoring_gap': ['technical', 'Insufficient monitoring'],
    'technical.credentials_least_privilege': ['technical', 'Long-lived access keys in CI'],
    'technical.patching': ['technical', 'Unpatched OpenSSL on the bastion'],
    'technical.capacity': ['technical', 'Connection pool exhausted under peak load'],
    'technical.single_point_of_failure': ['technical', 'Database ran in a single AZ'],
    'technical.backup_restore': ['technical', 'Restore from snapshot took six hours'],
    'technical.safe_deployment': ['technical', 'Bad deploy reached all hosts at once'],
    'technical.certificate_expiry': ['technical', 'TLS certificate expired'],
    'technical.encryption': ['technical', 'Logs stored unencrypted'],
    'technical.dependency_health': ['technical', 'Third-party payment API outage'],
    'process.runbook': ['process', 'Incomplete runbooks'],
    'process.change_review': ['process', 'Change merged without peer review'],
    'process.escalation': ['process', 'Escalation path to the database team was unclear'],
    'process.validation': ['process', 'Lack of configuration validation'],
    'process.communication': ['process', 'Status page was updated late'],
    'process.manual_step': ['process', 'Failover is a manual process'],
    'human.training': ['human', 'Responder had no training on the new console'],
    'human.fatigue': ['human', 'On-call fatigue after a week of night pages'],
    'human.interface_guardrail': ['human', 'Command ran in the wrong account'],
    'human.handover': ['human', 'Handover between shifts lost details'],
    'human.social_engineering': ['human', 'Phishing email harvested a password'],
    'organizational.ownership': ['organizational', 'Unclear ownership of the shared VPC'],
    'organizational.staffing': ['organizational', 'Security backlog never prioritised'],
    'organizational.coordination': ['organizational', 'Silos between platform and app teams'],
    'organizational.policy': ['organizational', 'No governance for tagging'],
    'organizational.pressure': ['organizational', 'Launch deadline pressure'],
  };

  it('has an example for every rule', () => {
    expect(Object.keys(examples).sort()).toEqual(RECOMMENDATION_RULES.map((r) => r.id).sort());
  });

  it.each(Object.entries(examples))('%s fires on its example', (id, [category, description]) => {
    expect(ids(category, description)).toContain(id);
  });
});

describe('suggestActions', () => {
  it('suggests policy-as-code and change alerts for a misconfigured security group (SEC10-BP08 Step 1)', () => {
    const suggestions = suggestActions({
      category: 'technical',
      description: 'Misconfigured security group',
    });
    expect(suggestions).toEqual([
      {
        title:
          'Add an AWS Config rule / policy-as-code check for security group before and after changes are applied',
        type: 'preventive',
        rationale: expect.stringMatching(/recurs/),
        rule_id: 'technical.config_policy_as_code',
      },
      {
        title:
          'Alert on changes to security group (AWS Config change notifications or EventBridge rules on CloudTrail events)',
        type: 'detective',
        rationale: expect.any(String),
        rule_id: 'technical.config_change_alert',
      },
    ]);
  });

  it('suggests writing and exercising a runbook for a process factor', () => {
    const [first] = suggestActions({ category: 'process', description: 'Incomplete runbooks' });
    expect(first).toMatchObject({ type: 'corrective', rule_id: 'process.runbook' });
    expect(first?.title).toMatch(/^Write and exercise a runbook/);
  });

  it('matches several rules in rule order, case-insensitively', () => {
    expect(ids('technical', 'MONITORING missed the expired certificate after the deploy')).toEqual([
      'technical.monitoring_gap',
      'technical.safe_deployment',
      'technical.certificate_expiry',
    ]);
  });

  it('only applies rules of the factor category', () => {
    expect(ids('organizational', 'Incomplete runbooks')).toEqual(['organizational.fallback']);
    expect(ids('process', 'Misconfigured security group')).toEqual(['process.fallback']);
  });

  it('falls back to a generic suggestion per category', () => {
    for (const category of FACTOR_CATEGORIES) {
      expect(suggestActions({ category, description: 'zzz' })).toEqual([FALLBACK_SUGGESTIONS[category]]);
    }
    expect(FALLBACK_SUGGESTIONS.human.title).not.toMatch(/train the person|blame/i);
  });
});

describe('suggestForFactors', () => {
  it('keys suggestions by factor id, or by position', () => {
    const result = suggestForFactors([
      { id: 'CF-1', category: 'technical', description: 'TLS certificate expired' },
      { category: 'process', description: 'zzz' },
    ]);
    expect(result.map((r) => [r.factor_id, r.suggestions.map((s) => s.rule_id)])).toEqual([
      ['CF-1', ['technical.certificate_expiry']],
      ['contributing_factors[1]', ['process.fallback']],
    ]);
  });
});

describe('suggestActions: subjects', () => {
  it('names the configuration item, or a generic subject when only an adjective matched', () => {
    const [first] = suggestActions({
      category: 'technical',
      description: 'Misconfigured load balancer listener',
    });
    expect(first?.title).toBe(
      'Add an AWS Config rule / policy-as-code check for this configuration before and after changes are applied',
    );
  });
});
