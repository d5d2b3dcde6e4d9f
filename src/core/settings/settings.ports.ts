/** One stored setting: a JSON value under a key, versioned so concurrent edits are detected. */
export interface StoredSetting {
  key: string;
  value: unknown;
  version: number;
  updated_by: string;
  updated_at: string;
}

/** Organisation settings as stored. Settings are not incident data, so reads take no viewer. */
export interface SettingsStore {
  get(key: string): Promise<StoredSetting | null>;
  /** Settings whose key starts with `prefix`, by key. */
  list(prefix: string): Promise<StoredSetting[]>;
  /**
   * Inserts or replaces a setting. With `expectedVersion` (0 = must not exist yet) a concurrent write is
   * refused with `version_conflict`.
   */
  put(key: string, value: unknown, at: string, by: string, expectedVersion?: number): Promise<StoredSetting>;
}
