import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json(): any;
}

/** Runs CLI commands in-process against one store (a temp SQLite folder unless env says otherwise). */
export function cliRunner(
  env: NodeJS.ProcessEnv = { HINDSIGHT_DATA: mkdtempSync(join(tmpdir(), 'hindsight-cli-')) },
) {
  return async (...args: Array<string | { stdin: string }>): Promise<CliRun> => {
    const argv = args.filter((a): a is string => typeof a === 'string');
    const stdin = args.find((a): a is { stdin: string } => typeof a !== 'string')?.stdin ?? '';
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env,
      readStdin: () => Promise.resolve(stdin),
    });
    const stdout = out.join('\n');
    return { code, stdout, stderr: err.join('\n'), json: () => JSON.parse(stdout) };
  };
}
