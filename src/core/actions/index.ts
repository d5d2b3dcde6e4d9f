export {
  ACTION_STATUSES,
  Action,
  ActionCreate,
  ActionHistoryEntry,
  ActionId,
  ActionOwner,
  ActionPatch,
  ActionStatus,
  ActionType,
  EvidenceKind,
  IncidentId,
  Verification,
  VerificationInput,
  formatActionId,
} from './action.schema.js';
export {
  ACTIVE_STATUSES,
  applyPatch,
  changeStatus,
  createAction,
  recordProgress,
  verify,
} from './action.lifecycle.js';
export type { StatusChangeOptions, VerificationPolicy } from './action.lifecycle.js';
export { priorityScore, suggestedPriority } from './action.priority.js';
export { isOverdue, summariseActions } from './action.report.js';
export type { ActionSummary } from './action.report.js';
export { EXPORT_COLUMNS, IMPORT_COLUMNS, actionsToCsv, parseActionsCsv } from './action-csv.js';
export { csvField, formatCsv, parseCsv } from './csv.rfc4180.js';
