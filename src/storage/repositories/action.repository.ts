import { sql, type Kysely } from 'kysely';
import { ACTIVE_STATUSES } from '../../core/actions/action.lifecycle.js';
import type { ActionFilter, ActionListQuery, ActionStore } from '../../core/actions/action.ports.js';
import { summaryFromCounts } from './action.report.sql.js';
import type { ActionSummary } from '../../core/actions/action.report.js';
import type { BurnDownCounts, BurnDownFilter, BurnDownSample } from '../../core/actions/action.burndown.js';
import { formatActionId, type Action, type ActionOwner } from '../../core/actions/action.schema.js';
import type { Actor } from '../../core/shared/actor.js';
import { conflict } from '../../core/shared/errors.js';
import type { Page } from '../../core/shared/ports.js';
import type { Database } from '../schema.js';
import { burnDownCounts } from './action.burndown.sql.js';
import { actionColumns, actionFromRow, loadParts } from './action.mapper.js';
import { actionVisibleTo, filterConditions } from './action.query.js';
import { countsBy } from './action.report.sql.js';
import { nextCounterValue } from './id-allocator.js';
import { toMs } from './instants.js';
import { isUniqueViolation } from './sql-errors.js';

export class ActionRepository implements ActionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async nextId(): Promise<string> {
    return formatActionId(await nextCounterValue(this.db, 'action'));
  }

  async insert(action: Action, team: string | null, createdBy: string): Promise<void> {
    try {
      await this.db
        .insertInto('actions')
        .values({
          id: action.id,
          number: Number(action.id.slice(4)),
          team,
          created_by: createdBy,
          created_at_ms: toMs(action.created_at),
          ...actionColumns(action),
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('action_exists', `action ${action.id} already exists`);
      throw error;
    }
    await this.writeParts(action, 0);
  }

  async findById(id: string, viewer: Actor): Promise<Action | null> {
    const row = await this.db
      .selectFrom('actions')
      .selectAll()
      .where('id', '=', id)
      .where(actionVisibleTo(viewer))
      .executeTakeFirst();
    if (!row) return null;
    return actionFromRow(row, await loadParts(this.db, [row.id]));
  }

  async list(query: ActionListQuery, viewer: Actor, today: string): Promise<Page<Action>> {
    const base = this.db
      .selectFrom('actions')
      .where(actionVisibleTo(viewer))
      .where(filterConditions(query, today));
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('due_date')
        .orderBy('number')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
      base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    ]);
    const parts = await loadParts(
      this.db,
      rows.map((r) => r.id),
    );
    return {
      items: rows.map((r) => actionFromRow(r, parts)),
      total: Number(count.total),
      limit: query.limit,
      offset: query.offset,
    };
  }

  async listAll(filter: ActionFilter, viewer: Actor, today: string): Promise<Action[]> {
    const rows = await this.db
      .selectFrom('actions')
      .selectAll()
      .where(actionVisibleTo(viewer))
      .where(filterConditions(filter, today))
      .orderBy('number')
      .execute();
    const parts = await loadParts(
      this.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => actionFromRow(r, parts));
  }

  async save(next: Action, expectedVersion: number, team?: string | null): Promise<void> {
    const result = await this.db
      .updateTable('actions')
      .set({ ...actionColumns(next), ...(team === undefined ? {} : { team }) })
      .where('id', '=', next.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw conflict('version_conflict', `action ${next.id} was changed by someone else; reload and retry`);
    }
    const stored = await this.db
      .selectFrom('action_history')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action_id', '=', next.id)
      .executeTakeFirstOrThrow();
    await this.db.deleteFrom('action_incidents').where('action_id', '=', next.id).execute();
    await this.db.deleteFrom('action_verifications').where('action_id', '=', next.id).execute();
    await this.writeParts(next, Number(stored.n));
  }

  async report(filter: ActionFilter, viewer: Actor, today: string): Promise<ActionSummary> {
    const counts = await countsBy(this.db, actionVisibleTo(viewer), filterConditions(filter, today), today);
    return summaryFromCounts(counts);
  }

  async burnDown(
    filter: BurnDownFilter,
    samples: readonly BurnDownSample[],
    viewer: Actor,
  ): Promise<BurnDownCounts[]> {
    // filterConditions only needs `today` for the overdue filter, which a burn-down never carries.
    return burnDownCounts(this.db, actionVisibleTo(viewer), filterConditions(filter, ''), samples);
  }

  async unknownOwners(owners: readonly ActionOwner[]): Promise<ActionOwner[]> {
    const users = owners.filter((o) => o.kind === 'user').map((o) => o.id);
    if (users.length === 0) return [];
    const known = await this.db
      .selectFrom('users')
      .select('username')
      .where('username', 'in', users)
      .execute();
    const names = new Set(known.map((u) => u.username));
    return owners.filter((o) => o.kind === 'user' && !names.has(o.id));
  }

  async teamOfUser(username: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('team_members as tm')
      .innerJoin('users as u', 'u.id', 'tm.user_id')
      .select('tm.team_id')
      .where('u.username', '=', username)
      .orderBy('tm.team_id')
      .executeTakeFirst();
    return row?.team_id ?? null;
  }

  async *listForReminders(changedSince: string, pageSize: number): AsyncIterable<Action[]> {
    const since = toMs(changedSince);
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('actions')
        .selectAll()
        .where('number', '>', after)
        .where((eb) =>
          eb.or([
            eb('status', 'in', [...ACTIVE_STATUSES]),
            eb('assigned_at_ms', '>=', since),
            eb.exists(
              eb
                .selectFrom('action_verifications as v')
                .select(sql`1`.as('one'))
                .whereRef('v.action_id', '=', 'actions.id')
                .where('v.verified_at_ms', '>=', since),
            ),
          ]),
        )
        .orderBy('number')
        .limit(pageSize)
        .execute();
      const last = rows.at(-1);
      if (!last) return;
      const parts = await loadParts(
        this.db,
        rows.map((r) => r.id),
      );
      yield rows.map((r) => actionFromRow(r, parts));
      if (rows.length < pageSize) return;
      after = last.number;
      // A turn per page whatever the store: SQLite's driver also takes turns (sqlite-turns.ts), but only once
      // 10 ms of work have run, and a pass should never be what requests wait behind.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Writes incident links and verification, and the history entries from index `fromSeq` on. */
  private async writeParts(action: Action, fromSeq: number): Promise<void> {
    await this.db
      .insertInto('action_incidents')
      .values(
        action.incident_ids.map((incident_id, position) => ({ action_id: action.id, incident_id, position })),
      )
      .execute();
    const entries = action.history.slice(fromSeq);
    if (entries.length > 0) {
      await this.db
        .insertInto('action_history')
        .values(
          entries.map((h, i) => ({
            action_id: action.id,
            seq: fromSeq + i + 1,
            at_ms: toMs(h.at),
            by_id: h.by,
            kind: h.kind,
            from_status: h.from_status,
            to_status: h.to_status,
            progress: h.progress,
            note: h.note ?? null,
          })),
        )
        .execute();
    }
    const v = action.verification;
    if (v) {
      await this.db
        .insertInto('action_verifications')
        .values({
          action_id: action.id,
          evidence_kind: v.evidence_kind,
          evidence: v.evidence,
          verified_by: v.verified_by,
          verified_at_ms: toMs(v.verified_at),
          recheck_on: v.recheck_on ?? null,
        })
        .execute();
    }
  }
}
