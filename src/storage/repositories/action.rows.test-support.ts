import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface ActionRowInput {
  /** `ACT-<number>`. */
  id: string;
  due_date: string;
  status: string;
  owner_id?: string;
  team?: string | null;
}

const at = (iso: string) => Date.parse(iso);

/** Writes an action row as the repository would, for aggregate tests that need exact dates and owners. */
export async function insertActionRow(db: Kysely<Database>, input: ActionRowInput): Promise<void> {
  const { id, due_date, status } = input;
  await db
    .insertInto('actions')
    .values({
      id,
      number: Number(id.slice(4)),
      title: `Action ${id}`,
      description: '',
      type: 'corrective',
      category: 'technical',
      owner_kind: 'user',
      owner_id: input.owner_id ?? 'rita',
      team: input.team === undefined ? 'platform' : input.team,
      due_date,
      priority: 'medium',
      risk_reduction: 3,
      feasibility: 3,
      priority_score: 9,
      success_criteria: 'alarm fires in test',
      lesson_id: null,
      status,
      wont_do_reason: status === 'wont_do' ? 'superseded' : null,
      progress: status === 'verified' ? 100 : 0,
      completed_at_ms: null,
      assigned_at_ms: at('2024-02-01T00:00:00Z'),
      created_by: 'rita',
      created_at_ms: at('2024-02-01T00:00:00Z'),
      updated_at_ms: at('2024-02-01T00:00:00Z'),
      version: 1,
    })
    .execute();
}
