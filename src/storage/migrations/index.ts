import type { Migration } from 'kysely';
import * as initial from './2026-11-28T0001-initial.js';
import * as accessAudit from './2026-11-28T0002-access-audit.js';
import * as reviewsAnalyses from './2026-11-28T0003-reviews-analyses.js';
import * as actionsNotifications from './2026-11-28T0004-actions-notifications.js';
import * as kpisRecurrence from './2026-11-28T0005-kpis-recurrence.js';
import * as evidence from './2026-11-28T0006-evidence.js';
import * as kpiIndexes from './2026-11-28T0007-kpi-indexes.js';
import * as feedbackInvited from './2026-11-28T0008-feedback-invited.js';
import * as lessonPriority from './2026-11-28T0008-lesson-priority.js';
import * as actionDueIndex from './2026-11-28T0009-action-due-index.js';
import * as similarityVectors from './2026-11-28T0010-similarity-vectors.js';
import * as overdueActionsIndex from './2026-11-29T0011-overdue-actions-index.js';
import * as actionDueStatusIndex from './2026-11-29T0012-action-due-status-index.js';
import * as kpiIncidentFacts from './2026-11-29T0013-kpi-incident-facts.js';
import * as kpiActionDays from './2026-11-29T0014-kpi-action-days.js';
import * as kpiRepeatFacts from './2026-11-29T0015-kpi-repeat-facts.js';
import * as kpiDayRollups from './2026-11-29T0016-kpi-day-rollups.js';
import * as kpiOverdueGroups from './2026-11-29T0017-kpi-overdue-groups.js';
import * as signatureDeclared from './2026-11-29T0018-signature-declared.js';
import * as restrictedIncidents from './2026-11-29T0019-restricted-incidents.js';
import * as incidentListFacets from './2026-11-29T0020-incident-list-facets.js';
import * as similarityRevisions from './2026-11-29T0021-similarity-revisions.js';
import * as restrictedIncidentsCovering from './2026-11-29T0022-restricted-incidents-covering.js';

/** Every migration, in order. Names sort by time; the migrator refuses unknown or out-of-order ones. */
export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-28T0001-initial': initial,
  '2026-11-28T0002-access-audit': accessAudit,
  '2026-11-28T0003-reviews-analyses': reviewsAnalyses,
  '2026-11-28T0004-actions-notifications': actionsNotifications,
  '2026-11-28T0005-kpis-recurrence': kpisRecurrence,
  '2026-11-28T0006-evidence': evidence,
  '2026-11-28T0007-kpi-indexes': kpiIndexes,
  '2026-11-28T0008-feedback-invited': feedbackInvited,
  '2026-11-28T0008-lesson-priority': lessonPriority,
  '2026-11-28T0009-action-due-index': actionDueIndex,
  '2026-11-28T0010-similarity-vectors': similarityVectors,
  '2026-11-29T0011-overdue-actions-index': overdueActionsIndex,
  '2026-11-29T0012-action-due-status-index': actionDueStatusIndex,
  '2026-11-29T0013-kpi-incident-facts': kpiIncidentFacts,
  '2026-11-29T0014-kpi-action-days': kpiActionDays,
  '2026-11-29T0015-kpi-repeat-facts': kpiRepeatFacts,
  '2026-11-29T0016-kpi-day-rollups': kpiDayRollups,
  '2026-11-29T0017-kpi-overdue-groups': kpiOverdueGroups,
  '2026-11-29T0018-signature-declared': signatureDeclared,
  '2026-11-29T0019-restricted-incidents': restrictedIncidents,
  '2026-11-29T0020-incident-list-facets': incidentListFacets,
  '2026-11-29T0021-similarity-revisions': similarityRevisions,
  '2026-11-29T0022-restricted-incidents-covering': restrictedIncidentsCovering,
};
