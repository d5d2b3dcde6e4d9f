import { invalid } from '../shared/errors.js';

/**
 * Splits CSV text into records of fields (RFC 4180): fields may be quoted, quoted fields may hold commas,
 * line breaks and doubled quotes; records end with CRLF or LF; a leading byte-order mark is dropped.
 * A fully empty line yields no record. Throws `csv_invalid` for an unterminated quote or a quote in the
 * middle of an unquoted field, naming the line.
 */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  let line = 1;
  let quoteLine = 1;
  let i = 0;
  const endField = (): void => {
    record.push(field);
    field = '';
    fieldStarted = false;
  };
  const endRecord = (): void => {
    endField();
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
  };
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = src[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw invalid('csv_invalid', `line ${line}: unexpected character after a closing quote`, [
            { path: `line ${line}`, problem: 'a quoted field must end at a comma or the end of the line' },
          ]);
        }
        continue;
      }
      if (ch === '\n') line += 1;
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"') {
      if (fieldStarted) {
        throw invalid('csv_invalid', `line ${line}: a quote inside an unquoted field`, [
          { path: `line ${line}`, problem: 'quote the whole field and double the quotes inside it' },
        ]);
      }
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
      i += 1;
    } else if (ch === ',') {
      endField();
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line += 1;
    } else {
      field += ch;
      fieldStarted = true;
      i += 1;
    }
  }
  if (quoted) {
    throw invalid('csv_invalid', `line ${quoteLine}: a quoted field is never closed`, [
      { path: `line ${quoteLine}`, problem: 'unterminated quoted field' },
    ]);
  }
  if (fieldStarted || record.length > 0) endRecord();
  return records;
}

/** Quotes a field only when it must be: it holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Joins records into CSV text with CRLF line ends, as RFC 4180 asks. */
export function formatCsv(records: readonly (readonly string[])[]): string {
  return records.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
