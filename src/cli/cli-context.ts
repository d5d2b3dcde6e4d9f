import { userInfo } from 'node:os';
import { loadConfig, type Config } from '../config.js';
import { systemActor, type Actor } from '../core/shared/actor.js';
import { systemClock } from '../core/shared/clock.js';
import { buildServices, type Services } from '../services.js';
import { openStore, type Store } from '../storage/store.js';

/** Where a command writes: injected so tests run commands in-process and read what they printed. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Reads standard input to its end (for secrets, which never belong in arguments). */
  readStdin(): Promise<string>;
  /** Rewrites one status line in place; present only when standard error is a terminal. */
  status?: (text: string) => void;
}

/** Exit 1 after a command printed its own report of what failed. */
export class FailedAfterReport extends Error {}

export interface CliContext {
  config: Config;
  store: Store;
  services: Services;
  /**
   * Whoever runs the CLI on the server's machine can read its data store directly: an operator; or, when
   * HINDSIGHT_TOKEN is set, the user of that API token.
   */
  actor: Actor;
}

/** Opens the configured store for one command and closes it afterwards, whatever happens. */
export async function withContext<T>(
  io: CliIo,
  work: (context: CliContext) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig(io.env);
  const store = await openStore(config.store, options);
  try {
    const services = buildServices(store, systemClock, {
      kpiTargets: config.kpiTargets,
      signatureFields: config.signatureFields,
    });
    // With HINDSIGHT_TOKEN (from the environment: secrets never go in arguments) a command acts as that
    // token's user, under their role and need to know: an export made for someone shows what they may see.
    const token = io.env.HINDSIGHT_TOKEN;
    const actor: Actor = token
      ? await services.auth.authenticateToken(token)
      : { ...systemActor, id: 'cli', name: `cli:${operatorName()}`, via: 'cli' };
    return await work({ config, store, services, actor });
  } finally {
    await store.close();
  }
}

function operatorName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

/** Prints a value as JSON or as human text, as the `--json` flag asks. */
export function print(io: CliIo, json: boolean | undefined, value: unknown, human: () => string): void {
  io.out(json ? JSON.stringify(value, null, 2) : human());
}
