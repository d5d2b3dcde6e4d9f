import { describe, expect, it } from 'vitest';
import { checkBlamelessLanguage, checkText } from './blameless.check.js';

const rules = (text: string, people: string[] = []): string[] =>
  checkText(text, 'x', people).map((f) => f.rule);
const phrases = (text: string, people: string[] = []): string[] =>
  checkText(text, 'x', people).map((f) => f.phrase);

describe('checkText: blameful phrases', () => {
  it.each([
    ['The outage was caused by human error.', 'human_error', 'human error'],
    ['Human  Errors were made.', 'human_error', 'Human  Errors'],
    ['The on-call engineer should have checked the dashboard.', 'counterfactual', 'should have'],
    ["They shouldn't have deployed on a Friday.", 'counterfactual', "shouldn't have"],
    ['They shouldn’t have deployed.', 'counterfactual', 'shouldn’t have'],
    ['It was a careless change.', 'careless', 'careless'],
    ['The operator failed to rotate the key.', 'failed_to', 'failed to'],
    ['Negligent handling of credentials.', 'negligent', 'Negligent'],
    ['It was the fault of the release manager.', 'fault_of', 'fault of'],
    ['Nobody is to blame here.', 'blame', 'blame'],
    ["He didn't bother to read the alert.", 'didnt_bother', "didn't bother"],
    ['An incompetent change review.', 'incompetent', 'incompetent'],
    ['A mistake by the DBA dropped the table.', 'mistake_by', 'mistake by'],
    ['The engineer forgot to renew the certificate.', 'forgot_to', 'forgot to'],
    ['The page was ignored for an hour.', 'ignored', 'ignored'],
    ['A sloppy rollout.', 'judgemental', 'sloppy'],
  ])('flags %j as %s', (text, rule, phrase) => {
    const findings = checkText(text, 'summary.description');
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({ path: 'summary.description', rule, phrase });
    expect(text.slice(finding?.start, finding?.end)).toBe(phrase);
    expect(finding?.message.length).toBeGreaterThan(10);
    expect(finding?.suggestion.length).toBeGreaterThan(10);
  });

  it('is case-insensitive', () => {
    expect(rules('HUMAN ERROR')).toEqual(['human_error']);
    expect(rules('Should Have')).toEqual(['counterfactual']);
  });

  it('respects word boundaries', () => {
    expect(rules('Shoulder surfing exposed the password; the blameless review found no shouldhave.')).toEqual(
      [],
    );
    expect(rules('Carelessly')).toEqual(['careless']);
    expect(
      rules('The fault tree and fault injection tests ran; the team is unblamed and blameless.'),
    ).toEqual([]);
    expect(rules('The job was unignored.')).toEqual([]);
  });

  it('does not flag text that argues against blame', () => {
    expect(rules('Focus on what happened and why, not on assigning blame.')).toEqual([]);
    expect(rules('Focus on systems and processes, not individual blame; keep reviews blame-free.')).toEqual(
      [],
    );
    expect(rules('We learn without blame.')).toEqual([]);
    expect(rules('They blamed the network team.')).toEqual(['blame']);
  });

  it('gives the systemic rewording for human error', () => {
    const [finding] = checkText('human error');
    expect(finding?.suggestion).toMatch(
      /conditions that made the action possible.*missing guardrail.*unclear runbook/,
    );
  });

  it('reports each occurrence with its offsets', () => {
    const text = 'X should have paged. Y should have paged.';
    expect(checkText(text).map((f) => [f.start, f.end])).toEqual([
      [2, 13],
      [23, 34],
    ]);
  });
});

describe('checkText: people named as causes', () => {
  it('flags capitalised names with a causal verb', () => {
    expect(phrases('Bob caused the outage.')).toEqual(['Bob caused']);
    expect(phrases('At 09:10 Carol Jones accidentally broke the build.')).toEqual([
      'Carol Jones accidentally broke',
    ]);
    expect(phrases('Then Dave took down the primary.')).toEqual(['Dave took down']);
    expect(phrases("It was Erin's mistake.")).toEqual(["Erin's mistake"]);
    expect(rules('He broke production.')).toEqual(['person_as_cause']);
  });

  it('flags @handles as causes', () => {
    expect(phrases('@frank-ops broke the deploy pipeline.')).toEqual(['@frank-ops broke']);
    expect(phrases('Rolled back because @grace.h pushed directly.')).toEqual(['because @grace.h']);
  });

  it('uses the participants list, including "because <name>" and first names of full names', () => {
    const people = ['Alice Smith', 'security_team', 'Will Turner'];
    expect(phrases('The outage happened because Alice did not rotate the key.', people)).toEqual([
      'because Alice',
    ]);
    expect(phrases('Due to alice smith, the deploy stalled.', people)).toEqual(['Due to alice smith']);
    expect(phrases('It happened because of security_team.', people)).toEqual(['because of security_team']);
    expect(phrases("Smith's oversight let it through.", people)).toEqual(["Smith's oversight"]);
    // A part of a full name only counts capitalised: the verb "will" is not the participant Will.
    expect(phrases('because will power alone does not scale', people)).toEqual([]);
  });

  it('does not take systems or sentence words for people', () => {
    expect(rules('The deploy caused the outage.')).toEqual([]);
    expect(rules('Kafka crashed under load and Redis broke replication.')).toEqual([]);
    expect(
      rules('Misconfiguration caused the outage. Throttling caused retries. Traffic caused a spike.'),
    ).toEqual([]);
    expect(rules('On Friday the certificate expired because nothing renewed it.')).toEqual([]);
    expect(rules('Contributing factors: Root causes and contributing conditions.')).toEqual([]);
    expect(rules('Impact\nBob caused')).toEqual(['person_as_cause']);
  });

  it('reports one finding when rules overlap', () => {
    const findings = checkText('The mistake by Alice caused it.', 'x', ['Alice']);
    expect(findings.map((f) => [f.rule, f.phrase])).toEqual([
      ['mistake_by', 'mistake by'],
      ['person_as_cause', 'Alice caused'],
    ]);
  });
});

describe('checkBlamelessLanguage', () => {
  const neutral =
    'At 09:02 a configuration change removed the ingress rule from the payments security group. ' +
    'The deployment pipeline had no policy-as-code check for security group changes, and the alarm on ' +
    '5xx rates routed to a shared channel with no paging, so the on-call engineer learned of the impact ' +
    'from a customer report at 09:40. The runbook for payments did not cover security group rollbacks; ' +
    'responders reconstructed the previous rule from CloudTrail, which took 25 minutes. Contributing factors: ' +
    'no validation of network configuration before apply, alert routing that depended on someone watching a ' +
    'channel, and unclear ownership of the shared security group between two teams. Alice restored the rule ' +
    'at 10:07 and Bob confirmed recovery from the dashboards. The team agreed the blameless review should ' +
    'lead to a Config rule, paging for sustained 5xx, and a named owner for shared network resources.';

  it('passes a neutral systemic account with zero findings', () => {
    const document = {
      participants: ['Alice', 'Bob'],
      facilitator: 'Carol',
      summary: {
        description: neutral,
        impact: 'Card payments failed for 65 minutes.',
        duration: '65 minutes',
      },
      response_analysis: {
        what_went_well: ['Rollback was fast once the rule was identified', 'Clear status page updates'],
        what_could_improve: ['Alert routing for 5xx rates', 'Runbook coverage for network changes'],
      },
    };
    expect(checkBlamelessLanguage(document)).toEqual([]);
  });

  it('walks the whole document and reports JSON paths', () => {
    const document = {
      incident_ids: ['INC-1'],
      participants: ['Alice', 'Bob'],
      facilitator: 'Carol',
      summary: { description: 'Payments failed.', impact: 'High', duration: '1h' },
      timeline: [
        { time: '09:00', event: 'Deploy', source: null, action: null },
        { time: '09:10', event: 'Alarm ignored', source: 'CloudWatch', action: null },
      ],
      response_analysis: {
        what_went_well: ['Fast rollback'],
        what_could_improve: ['Runbook coverage', 'Bob should have paged the DBA'],
      },
      contributing_factors: [
        {
          id: 'CF-1',
          category: 'human',
          description: 'Human error by Carol',
          primary: true,
          evidence: ['https://github.com/acme/app/blame/main/deploy.ts'],
          source: { analysis: 'five_whys' },
        },
      ],
      lessons: [
        {
          lesson: 'Alice forgot to check',
          category: 'process',
          priority: 'High',
          owner: null,
          due_date: null,
        },
      ],
    };
    expect(checkBlamelessLanguage(document).map((f) => `${f.path} ${f.rule} ${f.phrase}`)).toEqual([
      'timeline[1].event ignored ignored',
      'response_analysis.what_could_improve[1] counterfactual should have',
      'contributing_factors[0].description human_error Human error',
      'lessons[0].lesson forgot_to forgot to',
    ]);
  });

  it('uses the facilitator and participants as names', () => {
    const document = {
      facilitator: 'Dana',
      participants: ['Eve'],
      summary: { description: 'because Dana and because Eve' },
    };
    expect(checkBlamelessLanguage(document).map((f) => f.phrase)).toEqual(['because Dana', 'because Eve']);
  });

  it('accepts any value', () => {
    expect(checkBlamelessLanguage(null)).toEqual([]);
    expect(checkBlamelessLanguage('human error')).toMatchObject([{ path: '(root)', rule: 'human_error' }]);
    expect(checkBlamelessLanguage([1, true, 'careless'])).toMatchObject([{ path: '[2]', rule: 'careless' }]);
  });
});
