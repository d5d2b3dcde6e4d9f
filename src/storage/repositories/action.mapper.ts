import type { Kysely } from 'kysely';
import { priorityScore } from '../../core/actions/action.priority.js';
import type {
  Action,
  ActionHistoryEntry,
  ActionStatus,
  ActionType,
  EvidenceKind,
  Verification,
} from '../../core/actions/action.schema.js';
import type { Priority } from '../../core/shared/vocabulary.js';
import type { ActionRow, ActionsTable, Database } from '../schema.js';
import { toIso, toMs, toMsOrNull } from './instants.js';

/** The columns of an action's current state (everything but id, number, team and creation). */
export function actionColumns(
  a: Action,
): Omit<ActionsTable, 'id' | 'number' | 'team' | 'created_by' | 'created_at_ms'> {
  return {
    title: a.title,
    description: a.description,
    type: a.type,
    category: a.category,
    owner_kind: a.owner.kind,
    owner_id: a.owner.id,
    due_date: a.due_date,
    priority: a.priority,
    risk_reduction: a.risk_reduction,
    feasibility: a.feasibility,
    priority_score: priorityScore(a.risk_reduction, a.feasibility),
    success_criteria: a.success_criteria,
    lesson_id: a.lesson_id ?? null,
    status: a.status,
    wont_do_reason: a.wont_do_reason ?? null,
    progress: a.progress,
    completed_at_ms: toMsOrNull(a.completed_at),
    assigned_at_ms: toMs(a.assigned_at),
    updated_at_ms: toMs(a.updated_at),
    version: a.version,
  };
}

/** What lives beside an action row, loaded for many actions at once. */
interface Parts {
  incidents: Map<string, string[]>;
  history: Map<string, ActionHistoryEntry[]>;
  verifications: Map<string, Verification>;
}

const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Ids per IN list: SQLite allows 32 766 bound values per statement and PostgreSQL 65 535; the reminder pass
 * loads every open action (over 32 766 of them at 100k incidents failed the pass on SQLite).
 */
const IDS_PER_QUERY = 5_000;

/** Loads the incident links, history and verification of the given actions, three queries per 5 000 actions. */
export async function loadParts(db: Kysely<Database>, ids: readonly string[]): Promise<Parts> {
  const parts: Parts = { incidents: new Map(), history: new Map(), verifications: new Map() };
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    await loadPartsInto(db, ids.slice(start, start + IDS_PER_QUERY), parts);
  }
  return parts;
}

async function loadPartsInto(db: Kysely<Database>, list: string[], parts: Parts): Promise<void> {
  const [links, history, verifications] = await Promise.all([
    db
      .selectFrom('action_incidents')
      .selectAll()
      .where('action_id', 'in', list)
      .orderBy('action_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('action_history')
      .selectAll()
      .where('action_id', 'in', list)
      .orderBy('action_id')
      .orderBy('seq')
      .execute(),
    db.selectFrom('action_verifications').selectAll().where('action_id', 'in', list).execute(),
  ]);
  for (const l of links) push(parts.incidents, l.action_id, l.incident_id);
  for (const h of history) {
    push(parts.history, h.action_id, {
      at: toIso(h.at_ms),
      by: h.by_id,
      kind: h.kind as ActionHistoryEntry['kind'],
      from_status: h.from_status as ActionStatus,
      to_status: h.to_status as ActionStatus,
      progress: h.progress,
      ...(h.note === null ? {} : { note: h.note }),
    });
  }
  for (const v of verifications) {
    parts.verifications.set(v.action_id, {
      evidence_kind: v.evidence_kind as EvidenceKind,
      evidence: v.evidence,
      verified_by: v.verified_by,
      verified_at: toIso(v.verified_at_ms),
      ...(v.recheck_on === null ? {} : { recheck_on: v.recheck_on }),
    });
  }
}

/** An action from its row and parts; optional fields absent rather than null, as the schema has them. */
export function actionFromRow(row: ActionRow, parts: Parts): Action {
  const verification = parts.verifications.get(row.id);
  return {
    id: row.id,
    incident_ids: parts.incidents.get(row.id) ?? [],
    ...(row.lesson_id === null ? {} : { lesson_id: row.lesson_id }),
    title: row.title,
    description: row.description,
    type: row.type as ActionType,
    category: row.category,
    owner: { kind: row.owner_kind as 'user' | 'team', id: row.owner_id },
    due_date: row.due_date,
    priority: row.priority as Priority,
    risk_reduction: row.risk_reduction,
    feasibility: row.feasibility,
    success_criteria: row.success_criteria,
    status: row.status as ActionStatus,
    ...(row.wont_do_reason === null ? {} : { wont_do_reason: row.wont_do_reason }),
    progress: row.progress,
    history: parts.history.get(row.id) ?? [],
    ...(row.completed_at_ms === null ? {} : { completed_at: toIso(row.completed_at_ms) }),
    ...(verification ? { verification } : {}),
    assigned_at: toIso(row.assigned_at_ms),
    created_at: toIso(row.created_at_ms),
    updated_at: toIso(row.updated_at_ms),
    version: row.version,
  };
}
