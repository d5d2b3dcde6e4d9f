import { invalid } from '../../../core/shared/errors.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COLON = 0x3a;
const COMMA = 0x2c;

const BEFORE_ROOT = 0;
const FRAME = 1;
const IN_RECORD = 2;
const AFTER_ROOT = 3;

/** The JSON text of one element of the Records array and where it starts in the (decompressed) stream. */
export interface ScannedRecord {
  text: string;
  index: number;
  byteOffset: number;
}

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Finds each element of a CloudTrail log's top-level `Records` array (or of a bare JSON array of records)
 * in a byte stream fed chunk by chunk, without parsing the whole document: it tracks only string/escape
 * state and bracket depth, so memory is bounded by the largest single record. Each record's text is then
 * handed to `JSON.parse` by the caller.
 *
 * Strings, the bulk of CloudTrail bytes, are skipped with `Buffer.indexOf` (native) and a backslash-run
 * parity check instead of a per-byte loop.
 */
export class RecordsScanner {
  private phase = BEFORE_ROOT;
  private depth = 0;
  private inString = false;
  private escapeNext = false;
  /** Depth of the Records array's elements, or -1 when not inside it. */
  private recordsDepth = -1;
  private recordsSeen = false;
  private expectElement = true;
  /** No element yet in the Records array, so `]` may close it right after `[`. */
  private arrayEmpty = true;
  /** Key text being captured at depth 1 (the wrapper object), so `"Records"` can be recognised. */
  private keyText: string | null = null;
  private lastKey: string | null = null;
  private recordParts: Buffer[] = [];
  private recordStart = 0;
  private recordIndex = 0;
  private consumed = 0;

  constructor(private readonly file: string) {}

  /** Bytes consumed so far. */
  get bytes(): number {
    return this.consumed;
  }

  /** Records completed so far. */
  get records(): number {
    return this.recordIndex;
  }

  /** Feeds the next chunk; returns the records completed within it. */
  push(chunk: Buffer): ScannedRecord[] {
    const out: ScannedRecord[] = [];
    const len = chunk.length;
    let i = 0;
    let partStart = this.phase === IN_RECORD ? 0 : -1;
    while (i < len) {
      if (this.inString) {
        i = this.skipString(chunk, i);
        continue;
      }
      if (this.phase === IN_RECORD) {
        // The hot loop: only quotes and brackets matter inside a record.
        let depth = this.depth;
        const end = this.recordsDepth;
        for (; i < len; i++) {
          const c = chunk[i];
          if (c === QUOTE) break;
          if (c === LBRACE || c === LBRACKET) depth++;
          else if ((c === RBRACE || c === RBRACKET) && --depth === end) break;
        }
        this.depth = depth;
        if (i === len) break;
        if (chunk[i] === QUOTE) {
          this.inString = true;
          i++;
          continue;
        }
        i++;
        out.push(this.finishRecord(chunk, Math.max(partStart, 0), i));
        partStart = -1;
        continue;
      }
      const started = this.frameByte(chunk, i);
      if (started) partStart = i;
      i++;
    }
    if (this.phase === IN_RECORD && partStart >= 0) this.recordParts.push(chunk.subarray(partStart));
    this.consumed += len;
    return out;
  }

  /** Declares the end of input; throws when the document stopped before its records were complete. */
  end(): void {
    if (this.phase === AFTER_ROOT && !this.inString) {
      if (!this.recordsSeen) {
        throw invalid('cloudtrail_not_a_log_file', `${this.file}: JSON object without a "Records" array`, [
          { path: this.file, problem: 'no Records array' },
        ]);
      }
      return;
    }
    if (this.phase === BEFORE_ROOT) {
      throw invalid('cloudtrail_json_invalid', `${this.file}: file is empty`, [
        { path: this.file, problem: 'empty' },
      ]);
    }
    const where =
      this.phase === IN_RECORD
        ? `inside Records[${this.recordIndex}] starting at byte ${this.recordStart}`
        : `after ${this.recordIndex} records`;
    throw this.error('cloudtrail_json_invalid', `JSON ends unexpectedly at byte ${this.consumed}, ${where}`);
  }

  private error(code: string, problem: string) {
    return invalid(code, `${this.file}: ${problem}`, [
      { path: `${this.file}#Records[${this.recordIndex}]`, problem },
    ]);
  }

  /** Advances past string content from `i`; returns the index after the closing quote or the chunk end. */
  private skipString(chunk: Buffer, from: number): number {
    let i = from;
    if (this.escapeNext) {
      this.escapeNext = false;
      i++;
    }
    const start = i;
    for (;;) {
      const q = chunk.indexOf(QUOTE, i);
      if (q === -1) {
        let run = 0;
        for (let k = chunk.length - 1; k >= start && chunk[k] === BACKSLASH; k--) run++;
        this.escapeNext = run % 2 === 1;
        this.captureKey(chunk, start, chunk.length);
        return chunk.length;
      }
      let run = 0;
      for (let k = q - 1; k >= start && chunk[k] === BACKSLASH; k--) run++;
      if (run % 2 === 1) {
        i = q + 1;
        continue;
      }
      this.inString = false;
      this.captureKey(chunk, start, q);
      return q + 1;
    }
  }

  private captureKey(chunk: Buffer, start: number, end: number): void {
    if (this.keyText === null) return;
    if (this.keyText.length + end - start > 64) this.keyText = '';
    else this.keyText += chunk.toString('latin1', start, end);
  }

  /** Handles one byte outside any record; returns true when it opens a record. */
  private frameByte(chunk: Buffer, i: number): boolean {
    const c = chunk[i];
    if (isSpace(c)) return false;
    if (this.phase === BEFORE_ROOT) return this.rootByte(c, i);
    if (this.phase === AFTER_ROOT) {
      throw this.error(
        'cloudtrail_json_invalid',
        `unexpected data after the end of the JSON at byte ${this.at(i)}`,
      );
    }
    if (this.recordsDepth >= 0 && this.depth === this.recordsDepth) return this.arrayByte(c, i);
    if (c === QUOTE) {
      this.inString = true;
      this.keyText = this.depth === 1 ? '' : null;
    } else if (c === COLON) {
      if (this.depth === 1) this.lastKey = this.keyText;
      this.keyText = null;
    } else if (c === COMMA) {
      if (this.depth === 1) this.lastKey = null;
    } else if (c === LBRACKET && this.depth === 1 && this.lastKey === 'Records' && !this.recordsSeen) {
      this.depth = 2;
      this.recordsDepth = 2;
      this.recordsSeen = true;
      this.expectElement = true;
    } else if (c === LBRACE || c === LBRACKET) {
      this.depth++;
    } else if (c === RBRACE || c === RBRACKET) {
      if (--this.depth === 0) this.phase = AFTER_ROOT;
    }
    return false;
  }

  private rootByte(c: number | undefined, i: number): boolean {
    // A UTF-8 byte-order mark before the root is tolerated.
    if (this.consumed + i < 3 && (c === 0xef || c === 0xbb || c === 0xbf)) return false;
    this.phase = FRAME;
    this.depth = 1;
    if (c === LBRACKET) {
      this.recordsDepth = 1;
      this.recordsSeen = true;
      return false;
    }
    if (c === LBRACE) return false;
    throw this.error('cloudtrail_not_a_log_file', `expected a JSON object or array at byte ${this.at(i)}`);
  }

  /** A byte between elements of the Records array. */
  private arrayByte(c: number | undefined, i: number): boolean {
    if (c === COMMA && !this.expectElement) {
      this.expectElement = true;
      return false;
    }
    if (c === RBRACKET && (!this.expectElement || this.arrayEmpty)) {
      this.recordsDepth = -1;
      if (--this.depth === 0) this.phase = AFTER_ROOT;
      return false;
    }
    if (c === LBRACE && this.expectElement) {
      this.phase = IN_RECORD;
      this.depth++;
      this.recordStart = this.at(i);
      this.expectElement = false;
      this.arrayEmpty = false;
      return true;
    }
    throw this.error(
      'cloudtrail_json_invalid',
      `expected a record object at byte ${this.at(i)} (Records[${this.recordIndex}])`,
    );
  }

  private at(i: number): number {
    return this.consumed + i;
  }

  private finishRecord(chunk: Buffer, partStart: number, end: number): ScannedRecord {
    let text: string;
    if (this.recordParts.length === 0) {
      text = chunk.toString('utf8', partStart, end);
    } else {
      this.recordParts.push(chunk.subarray(partStart, end));
      text = Buffer.concat(this.recordParts).toString('utf8');
    }
    this.recordParts = [];
    this.phase = FRAME;
    const record = { text, index: this.recordIndex, byteOffset: this.recordStart };
    this.recordIndex++;
    return record;
  }
}
