import { isDomainError, type Problem } from '../shared/errors.js';
import { parseActionsCsv } from './action-csv.js';
import type { ActionCreate } from './action.schema.js';
import { formatCsv, parseCsv } from './csv.rfc4180.js';

/** One good row of an import, with its row number as a spreadsheet shows it (the header is row 1). */
export interface ImportRow {
  row: number;
  input: ActionCreate;
}

/**
 * Reads a CSV import row by row, so a file with problems in several rows reports all of them and the good
 * rows can still be checked against storage (unknown owners and incidents) before anything is written.
 * Problems of the header (missing columns) are thrown at once: no row can be read without them.
 */
export function readImportRows(text: string): { rows: ImportRow[]; problems: Problem[]; records: number } {
  const [header, ...records] = parseCsv(text);
  // Validates the header the same way a whole-file parse does (an empty file, missing columns).
  parseActionsCsv(formatCsv(header ? [header] : []));
  const rows: ImportRow[] = [];
  const problems: Problem[] = [];
  records.forEach((record, index) => {
    const row = index + 2;
    try {
      const [input] = parseActionsCsv(formatCsv([header ?? [], record])).rows;
      if (input) rows.push({ row, input });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      for (const p of error.details)
        problems.push({ path: p.path.replace(/^row 2\b/, `row ${row}`), problem: p.problem });
    }
  });
  return { rows, problems, records: records.length };
}
