import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../../src/storage/database.js';
import { raiseCounter } from '../../src/storage/repositories/id-allocator.js';
import { mulberry32 } from '../lib/rng.js';
import { IncidentRows, type IncidentBundle } from './generate.rows.js';

export interface LoadOptions {
  incidents: number;
  seed: number;
  /** Mean actions per reviewed incident (the large set: 5M actions for 1M incidents). */
  actionsPerIncident?: number;
  /** Incidents per transaction. */
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface LoadReport {
  incidents: number;
  reviews: number;
  factors: number;
  lessons: number;
  actions: number;
  feedback: number;
  /** Why actions or feedback were not loaded (their tables are missing or have columns we cannot fill). */
  skipped: string[];
  ms: number;
}

/** Tables the actions module may create, and the table names we look for. */
const ACTION_TABLES = ['actions'];
const FEEDBACK_TABLES = ['feedback', 'review_feedback', 'participant_feedback'];

/** Parameters per multi-row INSERT stay well below SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMS = 30_000;

interface Target {
  table: string;
  columns: Set<string>;
}

/**
 * Loads a generated data set into an empty, migrated store in bulk: multi-row INSERTs, one transaction
 * per batch of incidents. Actions and feedback go in only when their tables exist and every required
 * column is one the generator fills (matched by name); otherwise the report says why they were skipped.
 */
export async function loadDataSet(
  db: Kysely<any>,
  kind: StoreKind,
  options: LoadOptions,
): Promise<LoadReport> {
  const started = Date.now();
  const skipped: string[] = [];
  const tables = await db.introspection.getTables();
  const find = (names: string[]) => tables.find((t) => names.includes(t.name));
  const targetOf = (names: string[], sample: string[], label: string): Target | null => {
    const table = find(names);
    if (!table) {
      skipped.push(`${label}: no ${names.join('/')} table in this schema`);
      return null;
    }
    const have = new Set(sample);
    const missing = table.columns
      .filter((c) => !c.isNullable && !c.hasDefaultValue && !c.isAutoIncrementing && !have.has(c.name))
      .map((c) => c.name);
    if (missing.length > 0) {
      skipped.push(`${label}: required columns the generator does not fill: ${missing.join(', ')}`);
      return null;
    }
    return { table: table.name, columns: new Set(table.columns.map((c) => c.name)) };
  };

  const rows = new IncidentRows(mulberry32(options.seed), options.incidents, options.actionsPerIncident ?? 5);
  const probe = new IncidentRows(mulberry32(options.seed), 1000);
  let sample: IncidentBundle | undefined;
  for (let n = 0; n < 1000 && !sample?.actions.length; n++) sample = probe.next();
  const actions = targetOf(ACTION_TABLES, Object.keys(sample?.actions[0] ?? {}), 'actions');
  const feedback = targetOf(FEEDBACK_TABLES, Object.keys(sample?.feedback[0] ?? {}), 'feedback');

  if (kind === 'sqlite') {
    // Bulk load only: a crash means regenerating, so skip the per-commit fsync the product insists on.
    await sql`pragma synchronous = off`.execute(db);
  }
  const report: LoadReport = {
    incidents: 0,
    reviews: 0,
    factors: 0,
    lessons: 0,
    actions: 0,
    feedback: 0,
    skipped,
    ms: 0,
  };
  const batch = options.batch ?? 2000;
  for (let done = 0; done < options.incidents; done += batch) {
    const bundles: IncidentBundle[] = [];
    for (let n = done; n < Math.min(options.incidents, done + batch); n++) bundles.push(rows.next());
    await db.transaction().execute(async (trx) => {
      await insertMany(
        trx,
        'incidents',
        bundles.map((b) => b.incident),
      );
      await insertMany(
        trx,
        'incident_services',
        bundles.flatMap((b) => b.services),
      );
      const reviews = bundles.flatMap((b) => (b.review ? [b.review] : []));
      await insertMany(trx, 'reviews', reviews);
      await insertMany(
        trx,
        'review_incidents',
        bundles.flatMap((b) => b.reviewIncidents),
      );
      const factors = bundles.flatMap((b) => b.factors);
      await insertMany(trx, 'contributing_factors', factors);
      const lessons = bundles.flatMap((b) => (b.lesson ? [b.lesson] : []));
      await insertMany(trx, 'lesson_records', lessons);
      report.incidents += bundles.length;
      report.reviews += reviews.length;
      report.factors += factors.length;
      report.lessons += lessons.length;
      if (actions) {
        const list = bundles.flatMap((b) => b.actions).map((a) => only(a, actions.columns));
        await insertMany(trx, actions.table, list);
        report.actions += list.length;
      }
      if (feedback) {
        const list = bundles.flatMap((b) => b.feedback).map((f) => only(f, feedback.columns));
        await insertMany(trx, feedback.table, list);
        report.feedback += list.length;
      }
    });
    options.onProgress?.(report.incidents, options.incidents);
  }
  for (const [year, value] of rows.counters) await raiseCounter(db, `incident:${year}`, value);
  if (kind === 'sqlite') {
    await sql`pragma synchronous = full`.execute(db);
    await sql`analyze`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
  report.ms = Date.now() - started;
  return report;
}

function only(row: Record<string, unknown>, columns: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => columns.has(k)));
}

async function insertMany(
  db: Kysely<any>,
  table: string,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  if (rows.length === 0) return;
  const perRow = Object.keys(rows[0] as object).length || 1;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (let n = 0; n < rows.length; n += chunk) {
    await db
      .insertInto(table)
      .values(rows.slice(n, n + chunk))
      .execute();
  }
}
