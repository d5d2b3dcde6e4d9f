import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/shared/errors.js';
import { RecordsScanner, type ScannedRecord } from './records.scanner.js';

/** Feeds `text` in chunks of `size` bytes and returns every record found. */
function scanAll(text: string, size: number): ScannedRecord[] {
  const bytes = Buffer.from(text, 'utf8');
  const scanner = new RecordsScanner('test.json');
  const out: ScannedRecord[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(...scanner.push(bytes.subarray(i, i + size)));
  scanner.end();
  return out;
}

const tricky = [
  { eventID: 'a', s: 'brace } and bracket ] in a string', q: 'quote \\" escaped' },
  { eventID: 'b', nested: { deep: [1, { x: '\\\\' }] }, t: 'ends with backslash \\\\' },
  { eventID: 'c', u: 'unicode é ✓ 😀 and \u0000 escapes', empty: {} },
];

describe('RecordsScanner', () => {
  const wrapped = JSON.stringify({ Records: tricky, other: { Records: ['not these'] } });
  const bare = JSON.stringify(tricky, null, 2);

  for (const size of [1, 2, 3, 7, 64, 100_000]) {
    it(`finds every record of a {"Records":[...]} document in ${size}-byte chunks`, () => {
      const found = scanAll(wrapped, size);
      expect(found.map((r) => JSON.parse(r.text) as unknown)).toEqual(tricky);
      expect(found.map((r) => r.index)).toEqual([0, 1, 2]);
      // byte offsets point at each record's opening brace
      const bytes = Buffer.from(wrapped);
      for (const r of found) expect(bytes[r.byteOffset]).toBe(0x7b);
      expect(found[0]?.byteOffset).toBe('{"Records":['.length);
    });

    it(`finds every record of a bare pretty-printed array in ${size}-byte chunks`, () => {
      expect(scanAll(bare, size).map((r) => JSON.parse(r.text) as unknown)).toEqual(tricky);
    });
  }

  it('accepts empty record arrays and keys before Records', () => {
    expect(scanAll('{"Records":[]}', 4)).toEqual([]);
    expect(scanAll(' [ ] ', 1)).toEqual([]);
    const found = scanAll('{"meta":{"a":[1,2]},"x":"Records","Records":[{"eventID":"z"}]}', 5);
    expect(found.map((r) => r.text)).toEqual(['{"eventID":"z"}']);
  });

  it('reports a document cut inside a record with the record index and its start byte', () => {
    const text = '{"Records":[{"eventID":"a"},{"eventID":"b","x":"unterminated';
    expect(() => scanAll(text, 8)).toThrow(
      /test\.json: JSON ends unexpectedly at byte 60, inside Records\[1\] starting at byte 28/,
    );
  });

  it('refuses a non-object element, trailing commas, garbage after the root and a missing Records array', () => {
    const codeOf = (text: string): string => {
      try {
        scanAll(text, 3);
      } catch (error) {
        return error instanceof DomainError ? error.code : 'other';
      }
      return 'none';
    };
    expect(codeOf('{"Records":[1]}')).toBe('cloudtrail_json_invalid');
    expect(codeOf('{"Records":[{"a":1},]}')).toBe('cloudtrail_json_invalid');
    expect(codeOf('[{"a":1}{"b":2}]')).toBe('cloudtrail_json_invalid');
    expect(codeOf('[{"a":1}] x')).toBe('cloudtrail_json_invalid');
    expect(codeOf('{"records":[]}')).toBe('cloudtrail_not_a_log_file');
    expect(codeOf('"just a string"')).toBe('cloudtrail_not_a_log_file');
    expect(codeOf('')).toBe('cloudtrail_json_invalid');
  });
});
