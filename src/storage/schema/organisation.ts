import type { Ms } from './columns.js';

// Organisation-wide tables that no single area owns.

/** Organisation settings (working calendar, review templates) as JSON under a key. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_by: string;
  updated_at_ms: Ms;
  version: number;
}

export interface IdCountersTable {
  name: string;
  value: number;
}
