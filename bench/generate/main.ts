/**
 * `node dist/bench/generate/main.js --size small|medium|large|N [--seed 42] [--store sqlite|postgres]
 *   [--file path.db | --url postgres://…]`: generates a seeded data set into a new store (a temp SQLite
 * file or database when neither --file nor --url is given, kept afterwards) and prints what it loaded.
 */
import { openStore } from '../../src/storage/store.js';
import type { StoreConfig } from '../../src/storage/database.js';
import { parseFlags, parseSize, parseStore } from '../lib/args.js';
import { freshBenchStore } from '../lib/stores.js';
import { loadDataSet } from './generate.load.js';

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    size: 'value',
    seed: 'value',
    store: 'value',
    file: 'value',
    url: 'value',
    actions: 'value',
  });
  const incidents = parseSize(String(flags.get('size') ?? 'small'));
  const seed = Number(flags.get('seed') ?? 42);
  const kind = parseStore(String(flags.get('store') ?? (flags.has('url') ? 'postgres' : 'sqlite')));
  let config: StoreConfig;
  if (flags.has('file')) config = { kind: 'sqlite', file: String(flags.get('file')) };
  else if (flags.has('url')) config = { kind: 'postgres', url: String(flags.get('url')) };
  else config = (await freshBenchStore(kind)).config;
  const store = await openStore(config);
  try {
    const report = await loadDataSet(store.db, store.kind, {
      incidents,
      seed,
      actionsPerIncident: Number(flags.get('actions') ?? 5),
      onProgress: (done, total) => {
        if (done % 50_000 === 0 || done === total) process.stderr.write(`  ${done}/${total} incidents\n`);
      },
    });
    const where = config.kind === 'sqlite' ? config.file : config.url;
    process.stdout.write(`${JSON.stringify({ store: where, seed, ...report }, null, 2)}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`generate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
