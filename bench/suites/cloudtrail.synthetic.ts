import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mulberry32, type Rng } from '../lib/rng.js';

/** Where the real Stratus Red Team detonation logs are (else the trimmed copy in test fixtures). */
const SOURCES = [
  join(
    process.env.HINDSIGHT_SHARED_DATA ?? join('..', 'shared', 'data'),
    'stratus-red-team-cloudtrail',
    'detonation-logs',
  ),
  'test/fixtures/aws/stratus',
];

const uuid = (rng: Rng): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The real recorded events, parsed once. */
export function stratusEvents(): Array<Record<string, unknown>> {
  for (const dir of SOURCES) {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort();
    } catch {
      continue;
    }
    const events = names.flatMap((n) => {
      const parsed = JSON.parse(readFileSync(join(dir, n), 'utf8')) as unknown;
      const list = Array.isArray(parsed) ? parsed : ((parsed as { Records?: unknown[] }).Records ?? []);
      return list as Array<Record<string, unknown>>;
    });
    if (events.length > 0) return events;
  }
  throw new Error(`no Stratus CloudTrail events found in ${SOURCES.join(' or ')}`);
}

export interface SyntheticSet {
  dir: string;
  files: string[];
  uncompressedBytes: number;
  compressedBytes: number;
  records: number;
}

/**
 * Writes SYNTHETIC CloudTrail S3-format files (`AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…json.gz`,
 * `{"Records":[…]}`) by replaying the real Stratus events with shifted times and new event and request ids,
 * until `targetBytes` of uncompressed JSON are written. A SYNTHETIC.txt in the folder says so.
 */
export function writeSyntheticCloudTrail(
  dir: string,
  targetBytes: number,
  fileBytes = 8 * 1024 * 1024,
): SyntheticSet {
  const events = stratusEvents();
  const rng = mulberry32(2026);
  writeFileSync(
    join(dir, 'SYNTHETIC.txt'),
    'Synthetic CloudTrail logs for benchmarks: real Stratus Red Team events replayed with shifted times and new ids.\n',
  );
  const set: SyntheticSet = { dir, files: [], uncompressedBytes: 0, compressedBytes: 0, records: 0 };
  let shift = 0;
  let cursor = 0;
  const base = Date.parse('2026-01-01T00:00:00Z');
  while (set.uncompressedBytes < targetBytes) {
    const records: string[] = [];
    let bytes = 14;
    while (bytes < fileBytes) {
      const event = events[cursor % events.length] as Record<string, unknown>;
      cursor++;
      if (cursor % events.length === 0) shift += 3_600_000;
      const time = typeof event.eventTime === 'string' ? Date.parse(event.eventTime) : 0;
      const shifted = new Date(base + shift + (time % 3_600_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const text = JSON.stringify({ ...event, eventTime: shifted, eventID: uuid(rng), requestID: uuid(rng) });
      records.push(text);
      bytes += text.length + 1;
    }
    const body = Buffer.from(`{"Records":[${records.join(',')}]}`);
    const day = new Date(base + shift);
    const ymd = day.toISOString().slice(0, 10).split('-');
    const folder = join(dir, 'AWSLogs', '123456789012', 'CloudTrail', 'us-east-1', ...ymd);
    mkdirSync(folder, { recursive: true });
    const stamp = day.toISOString().replace(/[-:]/g, '').slice(0, 13);
    const file = join(
      folder,
      `123456789012_CloudTrail_us-east-1_${stamp}Z_${String(set.files.length).padStart(5, '0')}.json.gz`,
    );
    const gz = gzipSync(body, { level: 6 });
    writeFileSync(file, gz);
    set.files.push(file);
    set.uncompressedBytes += body.length;
    set.compressedBytes += gz.length;
    set.records += records.length;
  }
  return set;
}
