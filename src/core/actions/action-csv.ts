import type { z } from 'zod';
import { invalid, type Problem } from '../shared/errors.js';
import { problemsOf } from '../shared/validation.js';
import { priorityScore } from './action.priority.js';
import { ActionCreate, type Action } from './action.schema.js';
import { formatCsv, parseCsv } from './csv.rfc4180.js';

/** Columns an import reads; `owner` is `user:<id>` or `team:<id>`, `incident_ids` are separated by `;`. */
export const IMPORT_COLUMNS = [
  'title',
  'description',
  'type',
  'category',
  'owner',
  'due_date',
  'priority',
  'risk_reduction',
  'feasibility',
  'success_criteria',
  'incident_ids',
  'lesson_id',
] as const;

const REQUIRED = IMPORT_COLUMNS.filter((c) => c !== 'description' && c !== 'lesson_id');

/** Export adds the tracked state; an import ignores these columns, so an export re-imports as new actions. */
export const EXPORT_COLUMNS = [
  'id',
  ...IMPORT_COLUMNS,
  'priority_score',
  'status',
  'progress',
  'wont_do_reason',
  'completed_at',
  'verified_at',
  'verified_by',
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR) as a formula; a leading apostrophe keeps
 * it text. {@link parseActionsCsv} removes the apostrophe again, so a round trip is exact.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const defuse = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
const restore = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;

/** Actions as CSV: a header row, then one row per action, RFC 4180 quoting, CRLF line ends. */
export function actionsToCsv(actions: readonly Action[]): string {
  const rows = actions.map((a) => {
    const cells: Record<(typeof EXPORT_COLUMNS)[number], string> = {
      id: a.id,
      title: defuse(a.title),
      description: defuse(a.description),
      type: a.type,
      category: defuse(a.category),
      owner: `${a.owner.kind}:${a.owner.id}`,
      due_date: a.due_date,
      priority: a.priority,
      risk_reduction: String(a.risk_reduction),
      feasibility: String(a.feasibility),
      success_criteria: defuse(a.success_criteria),
      incident_ids: a.incident_ids.join(';'),
      lesson_id: a.lesson_id ?? '',
      priority_score: String(priorityScore(a.risk_reduction, a.feasibility)),
      status: a.status,
      progress: String(a.progress),
      wont_do_reason: defuse(a.wont_do_reason ?? ''),
      completed_at: a.completed_at ?? '',
      verified_at: a.verification?.verified_at ?? '',
      verified_by: a.verification?.verified_by ?? '',
    };
    return EXPORT_COLUMNS.map((c) => cells[c]);
  });
  return formatCsv([[...EXPORT_COLUMNS], ...rows]);
}

const toNumber = (cell: string): number | string =>
  /^\s*-?\d+(\.\d+)?\s*$/.test(cell) ? Number(cell) : cell;

function rowToInput(cell: (column: string) => string): Record<string, unknown> {
  const owner = cell('owner');
  const colon = owner.indexOf(':');
  const input: Record<string, unknown> = {
    title: cell('title'),
    description: cell('description'),
    type: cell('type').trim(),
    category: cell('category'),
    owner: colon < 0 ? owner : { kind: owner.slice(0, colon).trim(), id: owner.slice(colon + 1).trim() },
    due_date: cell('due_date').trim(),
    priority: cell('priority').trim(),
    risk_reduction: toNumber(cell('risk_reduction')),
    feasibility: toNumber(cell('feasibility')),
    success_criteria: cell('success_criteria'),
    incident_ids: cell('incident_ids')
      .split(/[;\s]+/)
      .filter((id) => id !== ''),
  };
  const lesson = cell('lesson_id').trim();
  if (lesson !== '') input.lesson_id = lesson;
  return input;
}

function rowProblems(rowNo: number, error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const p of problemsOf(error)) {
    // owner is one cell, so a problem with either half of it is reported against that cell.
    const problem = p.path.startsWith('owner') ? 'must be user:<id> or team:<id>' : p.problem;
    const path = `row ${rowNo}, ${p.path.startsWith('owner') ? 'owner' : p.path}`;
    if (!out.some((o) => o.path === path && o.problem === problem)) out.push({ path, problem });
  }
  return out;
}

/**
 * Reads actions to import. Rows are numbered as a spreadsheet shows them (the header is row 1). Every bad
 * row and field is reported in one `csv_invalid` error (`row 3, due_date: must be ...`), and nothing is
 * returned unless every row is good, so an import is all or nothing.
 */
export function parseActionsCsv(text: string): { rows: ActionCreate[] } {
  const [header, ...records] = parseCsv(text);
  if (header === undefined) throw invalid('csv_invalid', 'the CSV file is empty; it needs a header row');
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw invalid(
      'csv_invalid',
      `the header row lacks ${missing.join(', ')}`,
      missing.map((c) => ({ path: 'row 1', problem: `missing column ${c}` })),
    );
  }
  const problems: Problem[] = [];
  const rows: ActionCreate[] = [];
  records.forEach((record, index) => {
    const rowNo = index + 2;
    if (record.length !== header.length) {
      problems.push({
        path: `row ${rowNo}`,
        problem: `has ${record.length} fields, the header has ${header.length}`,
      });
      return;
    }
    const cell = (column: string): string => {
      const at = names.indexOf(column);
      return at < 0 ? '' : restore(record[at] ?? '');
    };
    const result = ActionCreate.safeParse(rowToInput(cell));
    if (result.success) rows.push(result.data);
    else problems.push(...rowProblems(rowNo, result.error));
  });
  if (problems.length > 0) {
    const badRows = new Set(problems.map((p) => p.path.split(',')[0])).size;
    throw invalid(
      'csv_invalid',
      `${badRows} of ${records.length} rows are invalid; nothing was imported: ` +
        problems.map((p) => `${p.path}: ${p.problem}`).join('; '),
      problems,
    );
  }
  return { rows };
}
