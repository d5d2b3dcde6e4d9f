import type { RecommendationRule } from './recommendation.schema.js';

const process = (rule: Omit<RecommendationRule, 'category'>): RecommendationRule => ({
  ...rule,
  category: 'process',
});

export const PROCESS_RULES: readonly RecommendationRule[] = [
  process({
    id: 'process.runbook',
    keywords: /runbooks?|playbooks?|procedures?|undocumented|documentation/i,
    type: 'corrective',
    title: (m) =>
      `Write and exercise a runbook for this scenario (${m} gap), with the exact commands and decision points`,
    rationale: 'Responders under pressure follow what is written; an exercised runbook cuts time to contain.',
  }),
  process({
    id: 'process.change_review',
    keywords:
      /change\s+(?:management|review|approval|control)|peer\s+review|code\s+review|approvals?|unreviewed/i,
    type: 'preventive',
    title: (m) =>
      `Strengthen ${m}: require a second reviewer and an automated pre-apply check for risky changes`,
    rationale: 'A second look and an automated check catch what the author cannot see.',
  }),
  process({
    id: 'process.escalation',
    keywords: /escalat\w*|paging|pages?|on-?call|hand-?offs?|notif\w*/i,
    type: 'corrective',
    title: (m) => `Define ${m} paths: who is paged, when it escalates, and test the paging policy`,
    rationale: 'Unclear escalation adds minutes to every incident at the moment they matter most.',
  }),
  process({
    id: 'process.validation',
    keywords: /validation|validat\w*|verif\w*|testing|untested|staging/i,
    type: 'preventive',
    title: (m) => `Add ${m} to the pipeline so the faulty input or change is rejected before production`,
    rationale: 'Checks that run on every change do not depend on anyone remembering to run them.',
  }),
  process({
    id: 'process.communication',
    keywords: /communicat\w*|status\s+page|stakeholders?|customer\s+updates?/i,
    type: 'corrective',
    title: (m) => `Prepare ${m} templates and name a communications lead role in the incident process`,
    rationale: 'A dedicated role and ready templates keep updates flowing without distracting responders.',
  }),
  process({
    id: 'process.manual_step',
    keywords: /manual(?:ly)?\s+(?:steps?|process\w*|changes?)|manually|checklists?|toil/i,
    type: 'preventive',
    title: (m) => `Automate the ${m}, or at least turn it into a checklist enforced by the tooling`,
    rationale: 'Manual steps fail under time pressure; automation makes the right way the easy way.',
  }),
];
