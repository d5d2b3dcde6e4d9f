/** Instants travel as ISO strings in the domain and as epoch milliseconds in the stores. */
export const toMs = (iso: string): number => Date.parse(iso);
export const toMsOrNull = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);
export const toIso = (ms: number): string => new Date(ms).toISOString();
export const toIsoOrNull = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms).toISOString();

/** Escapes LIKE wildcards so user text matches literally (used with `escape '\'`). */
export const likePattern = (text: string): string =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
