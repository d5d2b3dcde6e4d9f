/**
 * `npm run bench [-- --quick] [--store sqlite|postgres] [--only api,startup,cloudtrail,similarity,kpis]
 *   [--size small|medium|large|N] [--seed N] [--cloudtrail-mb N] [--label NAME] [--file DB | --url URL]`
 *
 * Generates a seeded data set into a fresh store (or, with --file/--url, uses one that `bench:generate` loaded
 * before, so the large set is generated once and kept), runs the benchmarks, prints median/p95 with the baseline
 * measured in the same run and the ratio, and writes bench/results/<date>-<store>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { StoreConfig } from '../src/storage/database.js';
import type { Database } from '../src/storage/schema.js';
import { openStore } from '../src/storage/store.js';
import { loadDataSet } from './generate/generate.load.js';
import { parseFlags, parseSize, parseStore } from './lib/args.js';
import { startCpuMeter } from './lib/cpu-meter.js';
import { describeMachine, loadNow } from './lib/machine.js';
import { DIST } from './lib/processes.js';
import { markdownTable, type RunResults } from './lib/report.js';
import type { BenchFigure, SuiteContext } from './lib/result.js';
import { freshBenchStore, type BenchStore } from './lib/stores.js';
import { apiBench } from './suites/api.bench.js';
import { cloudTrailBench } from './suites/cloudtrail.bench.js';
import { kpiBench } from './suites/kpis.bench.js';
import { similarityBench } from './suites/similarity.bench.js';
import { startupBench } from './suites/startup.bench.js';

const SUITES = ['kpis', 'similarity', 'cloudtrail', 'api', 'startup'] as const;
type SuiteName = (typeof SUITES)[number];

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2), {
    quick: 'boolean',
    store: 'value',
    only: 'value',
    size: 'value',
    seed: 'value',
    'cloudtrail-mb': 'value',
    label: 'value',
    file: 'value',
    url: 'value',
  });
  const quick = flags.has('quick');
  const kind = parseStore(String(flags.get('store') ?? (flags.has('url') ? 'postgres' : 'sqlite')));
  const only = flags.has('only') ? String(flags.get('only')).split(',') : [...SUITES];
  for (const name of only) {
    if (!(SUITES as readonly string[]).includes(name))
      throw new Error(`--only: unknown benchmark "${name}"; known: ${SUITES.join(', ')}`);
  }
  const selected = SUITES.filter((s) => only.includes(s));
  let incidents = parseSize(String(flags.get('size') ?? (quick ? 'small' : 'large')));
  const cloudTrailMb = Number(flags.get('cloudtrail-mb') ?? (quick ? 50 : 512));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const machine = describeMachine();
  const started = Date.now();
  const loads: Record<string, number> = { start: machine.load_start };
  const othersCpu: Record<string, number> = {};

  const fresh: BenchStore & { existing?: true } = existingStore(flags) ?? (await freshBenchStore(kind));
  const figures: BenchFigure[] = [];
  try {
    const store = await openStore(fresh.config);
    try {
      // The CloudTrail import writes to a counting store: it needs no data set (the large one takes minutes).
      const needsData = selected.some((suite) => suite !== 'cloudtrail');
      if (fresh.existing) incidents = await countIncidents(store.db);
      else if (!needsData) incidents = 0;
      log(
        fresh.existing
          ? `using the ${incidents} incidents already in the store`
          : needsData
            ? `generating ${incidents} incidents into ${kind} …`
            : 'no data set needed',
      );
      const loaded =
        fresh.existing || !needsData
          ? null
          : await loadDataSet(store.db, store.kind, {
              incidents,
              seed: Number(flags.get('seed') ?? 42),
            });
      if (loaded) log(`  loaded in ${loaded.ms} ms: ${JSON.stringify({ ...loaded, ms: undefined })}`);
      if (loaded)
        figures.push({
          benchmark: 'generate',
          metric: 'bulk_load',
          value: loaded.ms,
          unit: 'ms',
          note: `${loaded.incidents} incidents, ${loaded.reviews} reviews, ${loaded.factors} factors, ${loaded.lessons} lessons, ${loaded.actions} actions (${loaded.verifications} verified), ${loaded.feedbackRequests} feedback requests, ${loaded.feedback} feedback answers`,
        });
      const ctx: SuiteContext = {
        kind,
        quick,
        incidents,
        serveEnv: { ...fresh.env, HINDSIGHT_DB_POOL: '10' },
        log,
      };
      const ids = (
        await store.db.selectFrom('incidents').select('id').orderBy('id').limit(5000).execute()
      ).map((r) => r.id);
      for (const suite of selected) {
        log(`${suite} …`);
        const before = loadNow();
        const meter = startCpuMeter();
        figures.push(...(await runSuite(suite, ctx, store, ids, cloudTrailMb)));
        loads[suite] = before;
        const others = meter.othersCores();
        if (others !== null) othersCpu[suite] = others;
      }
    } finally {
      await store.close();
    }
  } finally {
    await fresh.cleanup();
  }
  machine.load_end = loadNow();
  const date = new Date().toISOString().slice(0, 10);
  const results: RunResults = {
    date,
    store: kind,
    quick,
    incidents,
    machine,
    // A quarter of a core used by others during a suite is enough to move its figures.
    shared_cpu: Object.values(othersCpu).some((cores) => cores > 0.25),
    load: loads,
    others_cpu_cores: othersCpu,
    figures,
    duration_s: Math.round((Date.now() - started) / 1000),
  };
  const dir = join(DIST, '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  // A focused or labelled run (--only, --label before) never overwrites the full run of the day.
  const suffix = [
    ...(selected.length < SUITES.length ? [selected.join('+')] : []),
    ...(flags.has('label') ? [String(flags.get('label'))] : []),
  ];
  const file = join(dir, `${[date, kind, ...(quick ? ['quick'] : []), ...suffix].join('-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`${markdownTable(results)}\n\nwritten ${file} in ${results.duration_s} s\n`);
}

/** The store named by --file or --url, kept afterwards (it was generated by `bench:generate`). */
function existingStore(flags: Map<string, string | true>): (BenchStore & { existing: true }) | null {
  const file = flags.get('file');
  const url = flags.get('url');
  if (file === undefined && url === undefined) return null;
  const config: StoreConfig =
    url === undefined
      ? { kind: 'sqlite', file: String(file) }
      : { kind: 'postgres', url: String(url), poolSize: 10 };
  const env: Record<string, string> =
    config.kind === 'sqlite' ? { HINDSIGHT_DATA: dirname(config.file) } : { DATABASE_URL: config.url };
  return { config, env, existing: true, cleanup: () => Promise.resolve() };
}

async function countIncidents(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('incidents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function runSuite(
  suite: SuiteName,
  ctx: SuiteContext,
  store: Awaited<ReturnType<typeof openStore>>,
  ids: string[],
  cloudTrailMb: number,
): Promise<BenchFigure[]> {
  switch (suite) {
    case 'kpis':
      return kpiBench(ctx, store.db, store.kind);
    case 'similarity':
      return similarityBench(ctx, store.db);
    case 'cloudtrail':
      return cloudTrailBench(ctx, cloudTrailMb);
    case 'api':
      return apiBench(ctx, ids);
    case 'startup':
      return startupBench(ctx);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
