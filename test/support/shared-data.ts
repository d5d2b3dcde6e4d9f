import { resolve } from 'node:path';

/**
 * Where the workplace's shared third-party data lives: `../shared/data` beside the repository (as on CI,
 * which clones the repository next to it), or `HINDSIGHT_SHARED_DATA`. Tests over the full real samples
 * run when it is there; the trimmed copies in test/fixtures (with their licences) always run.
 */
export function sharedDataPath(...parts: string[]): string {
  return resolve(process.env.HINDSIGHT_SHARED_DATA ?? resolve('..', 'shared', 'data'), ...parts);
}
