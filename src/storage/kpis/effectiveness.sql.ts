import { sql, type Kysely, type RawBuilder } from 'kysely';
import type {
  EffectivenessSource,
  FollowedAction,
  RecurrenceAfterVerification,
} from '../../core/kpis/action-effectiveness.report.js';
import type { KpiScope } from '../../core/kpis/kpi.source.js';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from '../../core/similarity/signature.js';
import { actionVisibleTo } from '../repositories/action.query.js';
import { occurredSql, refreshDerivedIndex, signatureKind } from '../repositories/similarity.derived-index.js';
import { incidentVisibleTo } from '../repositories/visibility.js';
import type { Database } from '../schema.js';
import { toMs } from '../repositories/instants.js';
import { scopeCondition } from './kpi.scope.sql.js';

type Count = number | string | null;

/**
 * Effectiveness by recurrence in SQL. An action verified at V "is followed" when one of its incidents O
 * happened again after V: an incident R ≠ O that occurred after V with one of O's repeat signatures (unless a
 * reviewer rejected "R recurs O"), or one a reviewer confirmed recurs O and that occurred after V. Counted
 * with EXISTS per verified action over the (fields_key, signature) index, so a signature shared by thousands
 * of incidents costs a probe, not a pair list. Counts include restricted incidents, as every KPI does; the
 * list names only actions and recurrences the viewer may see.
 */
export class SqlEffectivenessSource implements EffectivenessSource {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly signatureFields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
  ) {}

  async recurrenceAfterVerification(scope: KpiScope, limit: number): Promise<RecurrenceAfterVerification> {
    const key = signatureKind(this.signatureFields);
    await refreshDerivedIndex(this.db, key, this.signatureFields);
    const verified = this.verifiedIn(scope);
    const followed = recurrenceOf(key, 'recurrence');
    const { rows } = await sql<{ verified: Count; followed: Count }>`
      select count(*) as verified,
        sum(case when exists (${followed}) then 1 else 0 end) as followed
      from actions inner join action_verifications v on v.action_id = actions.id
      where ${verified}`.execute(this.db);
    const counts = rows[0];
    return {
      verified: Number(counts?.verified ?? 0),
      followed: Number(counts?.followed ?? 0),
      listed: await this.listFollowed(scope, key, limit),
    };
  }

  private verifiedIn(scope: KpiScope): RawBuilder<boolean> {
    return sql<boolean>`actions.status = 'verified'
      and v.verified_at_ms >= ${toMs(scope.from)} and v.verified_at_ms < ${toMs(scope.to)}
      and exists (select 1 from action_incidents sai inner join incidents i on i.id = sai.incident_id
        where sai.action_id = actions.id and ${scopeCondition(scope, 'i', null)})`;
  }

  private async listFollowed(scope: KpiScope, key: string, limit: number): Promise<FollowedAction[]> {
    const viewer = scope.viewer;
    const rows = await this.db
      .selectFrom('actions')
      .innerJoin('action_verifications as v', 'v.action_id', 'actions.id')
      .select(['actions.id', 'actions.title', 'v.verified_at_ms'])
      .select(
        sql<number | string>`(select count(distinct recurrence.id) from incidents recurrence
          where exists (${recurrenceOfIncident(key, 'recurrence.id')}))`.as('recurrences'),
      )
      .where(sql<boolean>`${this.verifiedIn(scope)}`.$castTo<boolean>())
      .where(sql<boolean>`exists (${recurrenceOf(key, 'recurrence')})`.$castTo<boolean>())
      .$if(viewer !== undefined, (q) => q.where(actionVisibleTo(viewer!)))
      .orderBy('v.verified_at_ms')
      .orderBy('actions.id')
      .limit(limit)
      .execute();
    const out: FollowedAction[] = [];
    for (const row of rows) {
      const first = await this.db
        .selectFrom('incidents')
        .select('incidents.id')
        .where(
          sql<boolean>`exists (${recurrenceOfIncident(key, 'incidents.id', row.id, row.verified_at_ms)})`.$castTo<boolean>(),
        )
        .$if(viewer !== undefined, (q) => q.where(incidentVisibleTo(viewer!, sql.ref('incidents.id'))))
        .orderBy(occurredSql('incidents'))
        .orderBy('incidents.id')
        .limit(1)
        .executeTakeFirst();
      out.push({
        action_id: row.id,
        title: row.title,
        verified_at: new Date(row.verified_at_ms).toISOString(),
        recurrences: Number(row.recurrences),
        first_recurrence_id: first?.id ?? null,
      });
    }
    return out;
  }
}

/** Some incident recurs one of the outer action's incidents after its verification (`actions`, `v`). */
function recurrenceOf(key: string, alias: string): RawBuilder<unknown> {
  return sql`select 1 from incidents ${sql.raw(alias)} where ${recurrenceCondition(key, sql.ref(`${alias}.id`), sql.ref('actions.id'), sql.ref('v.verified_at_ms'))}`;
}

/**
 * `recurrence` recurs one of the action's incidents after its verification; by default the action is the
 * outer `actions`/`v` row, or the given id and verification time.
 */
function recurrenceOfIncident(
  key: string,
  incident: string,
  actionId?: string,
  verifiedAtMs?: number,
): RawBuilder<unknown> {
  const action = actionId === undefined ? sql.ref('actions.id') : sql`${actionId}`;
  const at = verifiedAtMs === undefined ? sql.ref('v.verified_at_ms') : sql`${verifiedAtMs}`;
  return sql`select 1 where ${recurrenceCondition(key, sql.ref(incident), action, at)}`;
}

function recurrenceCondition(
  key: string,
  recurrence: RawBuilder<unknown>,
  action: RawBuilder<unknown>,
  verifiedAt: RawBuilder<unknown>,
): RawBuilder<boolean> {
  return sql<boolean>`exists (
      select 1 from action_incidents o
        inner join incident_signatures so on so.fields_key = ${key} and so.incident_id = o.incident_id
        inner join incident_signatures sr on sr.fields_key = so.fields_key and sr.signature = so.signature
      where o.action_id = ${action} and sr.incident_id = ${recurrence} and sr.incident_id <> o.incident_id
        and sr.occurred_ms > ${verifiedAt}
        and not exists (select 1 from recurrence_links x where x.incident_id = sr.incident_id
          and x.recurs_incident_id = o.incident_id and x.decision = 'rejected')
    ) or exists (
      select 1 from action_incidents o
        inner join recurrence_links l on l.recurs_incident_id = o.incident_id and l.decision = 'confirmed'
        inner join derived_index_state d on d.kind = ${key} and d.incident_id = l.incident_id
      where o.action_id = ${action} and l.incident_id = ${recurrence} and d.occurred_ms > ${verifiedAt}
    )`;
}
