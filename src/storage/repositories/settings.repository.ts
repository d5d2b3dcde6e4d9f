import type { Kysely } from 'kysely';
import type { SettingsStore, StoredSetting } from '../../core/settings/settings.ports.js';
import { conflict } from '../../core/shared/errors.js';
import type { Database } from '../schema.js';
import { toIso, toMs } from './instants.js';
import { isUniqueViolation } from './sql-errors.js';

type SettingRow = Database['settings'];

export class SettingsRepository implements SettingsStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<StoredSetting | null> {
    const row = await this.db.selectFrom('settings').selectAll().where('key', '=', key).executeTakeFirst();
    return row ? stored(row) : null;
  }

  async list(prefix: string): Promise<StoredSetting[]> {
    const rows = await this.db.selectFrom('settings').selectAll().orderBy('key').execute();
    // Filtered here rather than with LIKE so a prefix never needs escaping; there are few settings.
    return rows.filter((row) => row.key.startsWith(prefix)).map(stored);
  }

  async put(
    key: string,
    value: unknown,
    at: string,
    by: string,
    expectedVersion?: number,
  ): Promise<StoredSetting> {
    const current = await this.db
      .selectFrom('settings')
      .select('version')
      .where('key', '=', key)
      .executeTakeFirst();
    const version = current?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== version) {
      throw conflict(
        'version_conflict',
        `setting ${key} was changed by someone else (you had version ${expectedVersion}, it is now ${version}); reload and retry`,
      );
    }
    const row = {
      key,
      value: JSON.stringify(value),
      updated_by: by,
      updated_at_ms: toMs(at),
      version: version + 1,
    };
    if (current) {
      const result = await this.db
        .updateTable('settings')
        .set(row)
        .where('key', '=', key)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw conflict('version_conflict', `setting ${key} was changed by someone else; reload and retry`);
      }
    } else {
      try {
        await this.db.insertInto('settings').values(row).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw conflict(
          'version_conflict',
          `setting ${key} was just written by someone else; reload and retry`,
        );
      }
    }
    return stored(row);
  }
}

function stored(row: SettingRow): StoredSetting {
  return {
    key: row.key,
    value: JSON.parse(row.value) as unknown,
    version: row.version,
    updated_by: row.updated_by,
    updated_at: toIso(row.updated_at_ms),
  };
}
