import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { DomainError, invalid } from '../../../core/shared/errors.js';
import { RecordsScanner, type ScannedRecord } from './records.scanner.js';

/** One parsed record and where it sat in its file. */
export interface RecordAt {
  record: unknown;
  index: number;
  byteOffset: number;
}

const CHUNK = 256 * 1024;

const isLogFile = (name: string): boolean => name.endsWith('.json') || name.endsWith('.json.gz');

/**
 * The CloudTrail log files under `path` (a file or a folder walked recursively), in sorted order so
 * imports are repeatable. Digest files (`CloudTrail-Digest/`) hold hashes, not events, and are skipped.
 */
export async function listCloudTrailFiles(path: string): Promise<string[]> {
  const root = resolve(path);
  let info;
  try {
    info = await stat(root);
  } catch (error) {
    throw invalid('evidence_path_unreadable', `${root}: ${(error as Error).message}`);
  }
  if (info.isFile()) return [root];
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'CloudTrail-Digest') await walk(full);
      } else if (entry.isFile() && isLogFile(entry.name)) {
        out.push(full);
      }
    }
  };
  await walk(root);
  return out;
}

/** SHA-256 of a file's bytes as stored (compressed for .gz), read as a stream. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Passes bytes through while hashing them and counting them. */
function hashingTap(hash: Hash, counter: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      counter.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

/**
 * Streams the records of one CloudTrail log file (`.json` or `.json.gz`; `{"Records":[...]}` or a bare
 * array), feeding the stored bytes to `hash` as they are read. Records come in the groups completed by each
 * decompressed chunk (one await per chunk rather than per record); memory is bounded by a chunk and the
 * largest record. Throws a DomainError naming the file and position for a truncated gzip, invalid JSON or a
 * bad layout.
 */
export async function* streamCloudTrailFile(path: string, hash: Hash): AsyncGenerator<RecordAt[]> {
  const scanner = new RecordsScanner(path);
  const counter = { bytes: 0 };
  const source = createReadStream(path, { highWaterMark: CHUNK });
  const tap = hashingTap(hash, counter);
  const gzip = path.endsWith('.gz');
  const output = gzip ? createGunzip({ chunkSize: CHUNK }) : tap;
  const flowing = gzip ? pipeline(source, tap, output) : pipeline(source, tap);
  // Errors surface through iteration below; this keeps an early stop from becoming an unhandled rejection.
  flowing.catch(() => undefined);
  try {
    for await (const chunk of output) {
      const found = scanner.push(chunk as Buffer);
      if (found.length > 0) yield found.map((record) => parsed(path, record));
    }
    await flowing;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw streamError(path, error as NodeJS.ErrnoException, scanner, counter.bytes, gzip);
  } finally {
    source.destroy();
  }
  scanner.end();
}

function parsed(path: string, found: ScannedRecord): RecordAt {
  try {
    return { record: JSON.parse(found.text) as unknown, index: found.index, byteOffset: found.byteOffset };
  } catch (error) {
    const problem = `invalid JSON in Records[${found.index}] at byte ${found.byteOffset}: ${(error as Error).message}`;
    throw invalid('cloudtrail_json_invalid', `${path}: ${problem}`, [
      { path: `${path}#Records[${found.index}]`, problem },
    ]);
  }
}

function streamError(
  path: string,
  error: NodeJS.ErrnoException,
  scanner: RecordsScanner,
  storedBytes: number,
  gzip: boolean,
): DomainError {
  const position = `after ${scanner.records} complete records, at decompressed byte ${scanner.bytes}`;
  if (gzip && typeof error.code === 'string' && error.code.startsWith('Z_')) {
    const problem = `gzip data is truncated or corrupt (${error.message}) ${position} (stored byte ${storedBytes})`;
    return invalid('cloudtrail_gzip_corrupt', `${path}: ${problem}`, [
      { path: `${path}#Records[${scanner.records}]`, problem },
    ]);
  }
  return invalid('evidence_file_unreadable', `${path}: cannot read file (${error.message}) ${position}`, [
    { path, problem: error.message },
  ]);
}
