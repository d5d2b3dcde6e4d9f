import type { Kysely } from 'kysely';

/*
 * Frozen: feedback_requests.invited tells a request the review workflow sent (1) from the one recorded when
 * someone not asked answered signed in (0), so the feedback status lists who was asked without showing an
 * uninvited participant who answered anonymously. Existing rows were all sent by the workflow or answered
 * signed in; they count as invited, as the status showed them before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('feedback_requests')
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
