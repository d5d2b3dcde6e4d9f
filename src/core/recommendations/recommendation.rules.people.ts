import type { RecommendationRule } from './recommendation.schema.js';

const human = (rule: Omit<RecommendationRule, 'category'>): RecommendationRule => ({
  ...rule,
  category: 'human',
});
const organizational = (rule: Omit<RecommendationRule, 'category'>): RecommendationRule => ({
  ...rule,
  category: 'organizational',
});

export const HUMAN_RULES: readonly RecommendationRule[] = [
  human({
    id: 'human.training',
    keywords: /training|untrained|unfamiliar\w*|knowledge|inexperience\w*|onboarding|new\s+to/i,
    type: 'corrective',
    title: (m) => `Address ${m} with hands-on practice: a game day or tabletop exercise of this scenario`,
    rationale:
      'Practice in a safe setting builds the familiarity an incident does not leave time to acquire.',
  }),
  human({
    id: 'human.fatigue',
    keywords:
      /fatigue|tired|exhausted|overwork\w*|long\s+shifts?|night|burn-?out|alert\s+noise|noisy\s+alerts?/i,
    type: 'preventive',
    title: (m) => `Reduce ${m}: cap on-call load, remove noisy alerts, and hand over long incidents`,
    rationale:
      'Tired responders make predictable slips; the system should not depend on them not being tired.',
  }),
  human({
    id: 'human.interface_guardrail',
    keywords:
      /confus\w*|ambiguous|unclear|interfaces?|consoles?|typos?|fat[-\s]?finger\w*|wrong\s+(?:environment|account|region)/i,
    type: 'preventive',
    title: (m) =>
      `Add guardrails where the ${m} invited the slip: confirmations, safe defaults, clear environment labels`,
    rationale: 'Design that makes the wrong action hard prevents the slip for everyone, not just this team.',
  }),
  human({
    id: 'human.handover',
    keywords: /handovers?|shift\s+changes?|lost\s+context|context/i,
    type: 'corrective',
    title: (m) => `Standardise ${m}: a written incident state summary at every handover`,
    rationale: 'Context lost between people costs time and repeats work during an incident.',
  }),
  human({
    id: 'human.social_engineering',
    keywords: /phish\w*|social\s+engineering|impersonat\w*|pretext\w*/i,
    type: 'preventive',
    title: (m) =>
      `Counter ${m} with phishing-resistant MFA and a one-click way to report suspicious messages`,
    rationale: 'Anyone can be deceived; controls that hold when someone is deceived are the durable fix.',
  }),
];

export const ORGANIZATIONAL_RULES: readonly RecommendationRule[] = [
  organizational({
    id: 'organizational.ownership',
    keywords: /ownership|unowned|no\s+owner|owners?|accountab\w*|responsib\w*/i,
    type: 'corrective',
    title: (m) =>
      `Clarify ${m}: name an owning team for the affected resources and record it in the service catalogue`,
    rationale: 'Shared or unclear ownership means nobody maintains, monitors or reviews the resource.',
  }),
  organizational({
    id: 'organizational.staffing',
    keywords: /understaff\w*|staffing|headcount|resourc\w*|budget|prioriti[sz]\w*|backlog/i,
    type: 'corrective',
    title: (m) =>
      `Raise the ${m} question with leadership: fund the reliability and security work this incident exposed`,
    rationale: 'Known risks stay open when the work to close them never wins a priority decision.',
  }),
  organizational({
    id: 'organizational.coordination',
    keywords: /silos?|cross-?team|coordinat\w*|between\s+teams|dependencies\s+between/i,
    type: 'corrective',
    title: (m) =>
      `Improve ${m}: a shared incident channel, a joint runbook and a named liaison for each team`,
    rationale: 'Incidents cross team boundaries; the response has to cross them faster.',
  }),
  organizational({
    id: 'organizational.policy',
    keywords: /polic(?:y|ies)|governance|compliance|standards?/i,
    type: 'preventive',
    title: (m) =>
      `Turn the ${m} into an enforced guardrail (service control policy, pipeline gate) with an owner`,
    rationale: 'A written policy without enforcement is advice; an enforced one holds under pressure.',
  }),
  organizational({
    id: 'organizational.pressure',
    keywords: /deadlines?|pressure|incentives?|culture/i,
    type: 'corrective',
    title: (m) =>
      `Review how ${m} shaped decisions, and make safe choices explicitly acceptable even when slower`,
    rationale:
      'People trade safety for speed when the organisation rewards speed; the trade-off must be explicit.',
  }),
];
