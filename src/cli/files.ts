import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { invalid } from '../core/shared/errors.js';
import { jsonErrorOffset, lineColumn } from './json-error-offset.js';

/** Reads a file a user named, turning "no such file" into an error that says which. */
export async function readUserFile(path: string): Promise<string> {
  return (await readUserBytes(path)).toString('utf8');
}

async function readUserBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(
      'file_unreadable',
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : String(code)}`,
      [{ path, problem: code === 'ENOENT' ? 'no such file' : `cannot be read (${code})` }],
    );
  }
}

/** Parses a JSON file, naming the line and column of a syntax error. */
export async function parseJsonFile(path: string): Promise<unknown> {
  return parseJsonText(path, await readUserFile(path));
}

/** Parses a JSON file and hashes the bytes it was parsed from (SHA-256, hex), for provenance. */
export async function parseJsonFileWithDigest(path: string): Promise<{ value: unknown; sha256: string }> {
  const bytes = await readUserBytes(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { value: parseJsonText(path, bytes.toString('utf8')), sha256 };
}

function parseJsonText(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'syntax error';
    const offset = jsonErrorOffset(text);
    const where = offset === null ? path : `${path}:${lineColumn(text, offset)}`;
    throw invalid('json_invalid', `${where} is not valid JSON: ${message}`, [
      { path: where, problem: message },
    ]);
  }
}
