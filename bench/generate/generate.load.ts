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
  verifications: number;
  feedbackRequests: number;
  feedback: number;
  ms: number;
}

/** Parameters per multi-row INSERT stay well below SQLite's 32766 and PostgreSQL's 65535. */
const MAX_PARAMS = 30_000;

/**
 * Loads a generated data set into an empty, migrated store in bulk: multi-row INSERTs into the product's
 * tables, one transaction per batch of incidents, then the id counters raised past the generated ids so
 * the API never allocates one of them again.
 */
export async function loadDataSet(
  db: Kysely<any>,
  kind: StoreKind,
  options: LoadOptions,
): Promise<LoadReport> {
  const started = Date.now();
  const rows = new IncidentRows(mulberry32(options.seed), options.incidents, options.actionsPerIncident ?? 5);
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
    verifications: 0,
    feedbackRequests: 0,
    feedback: 0,
    ms: 0,
  };
  const batch = options.batch ?? 2000;
  for (let done = 0; done < options.incidents; done += batch) {
    const bundles: IncidentBundle[] = [];
    for (let n = done; n < Math.min(options.incidents, done + batch); n++) bundles.push(rows.next());
    await db.transaction().execute(async (trx) => {
      // A bulk load into a store whose derived tables have never been built: they derive everything on first
      // use, so the change-log triggers (and the foreign-key checks) have nothing to add. 1M incidents with
      // 5M actions loaded in 706 s without them, 1 919 s with them (at 04b7219).
      if (kind === 'postgres') await sql`set local session_replication_role = replica`.execute(trx);
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
      const actions = bundles.map((b) => b.actions);
      await insertMany(
        trx,
        'actions',
        actions.flatMap((a) => a.actions),
      );
      await insertMany(
        trx,
        'action_incidents',
        actions.flatMap((a) => a.actionIncidents),
      );
      await insertMany(
        trx,
        'action_history',
        actions.flatMap((a) => a.history),
      );
      const verifications = actions.flatMap((a) => a.verifications);
      await insertMany(trx, 'action_verifications', verifications);
      const requests = actions.flatMap((a) => a.feedbackRequests);
      await insertMany(trx, 'feedback_requests', requests);
      const feedback = actions.flatMap((a) => a.feedback);
      await insertMany(trx, 'feedback', feedback);
      report.actions += actions.reduce((n, a) => n + a.actions.length, 0);
      report.verifications += verifications.length;
      report.feedbackRequests += requests.length;
      report.feedback += feedback.length;
    });
    options.onProgress?.(report.incidents, options.incidents);
  }
  for (const [year, value] of rows.counters) await raiseCounter(db, `incident:${year}`, value);
  if (rows.actionCount > 0) await raiseCounter(db, 'action', rows.actionCount);
  if (kind === 'sqlite') {
    await sql`pragma synchronous = full`.execute(db);
    await sql`analyze`.execute(db);
  } else {
    await sql`analyze`.execute(db);
  }
  report.ms = Date.now() - started;
  return report;
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
