import { resolve } from 'node:path';
import { z } from 'zod';
import type { StoreConfig } from './storage/database.js';
import type { KpiTargets } from './core/kpis/kpi.targets.js';
import { readKpiTargetsFile } from './storage/kpis/kpi.targets.file.js';

/** Every setting Hindsight reads from the environment, validated once at start. */
const Environment = z.object({
  HINDSIGHT_DATA: z.string().min(1).default('./data').describe('Folder of the embedded store.'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional()
    .describe('Use PostgreSQL instead of the embedded store.'),
  HINDSIGHT_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HINDSIGHT_HOST: z.string().min(1).default('127.0.0.1'),
  HINDSIGHT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HINDSIGHT_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  HINDSIGHT_DB_POOL: z.coerce.number().int().min(1).max(100).default(10),
  HINDSIGHT_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .describe('Mark session cookies Secure (serve behind HTTPS).'),
  HINDSIGHT_KPI_TARGETS: z
    .string()
    .min(1)
    .optional()
    .describe('YAML file of KPI targets in SEC10-BP08 learning_metrics shape; built-in defaults otherwise.'),
});

export interface Config {
  store: StoreConfig;
  port: number;
  host: string;
  logLevel: z.infer<typeof Environment>['HINDSIGHT_LOG_LEVEL'];
  bodyLimit: number;
  secureCookies: boolean;
  /** KPI targets from HINDSIGHT_KPI_TARGETS; the built-in defaults when absent. */
  kpiTargets?: KpiTargets;
}

/** Reads the configuration; every bad setting is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  let kpiTargets: KpiTargets | undefined;
  if (e.HINDSIGHT_KPI_TARGETS) {
    try {
      kpiTargets = readKpiTargetsFile(e.HINDSIGHT_KPI_TARGETS);
    } catch (error) {
      throw new Error(`invalid configuration:\n  HINDSIGHT_KPI_TARGETS: ${(error as Error).message}`);
    }
  }
  return {
    store: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.HINDSIGHT_DB_POOL }
      : { kind: 'sqlite', file: resolve(e.HINDSIGHT_DATA, 'hindsight.db') },
    port: e.HINDSIGHT_PORT,
    host: e.HINDSIGHT_HOST,
    logLevel: e.HINDSIGHT_LOG_LEVEL,
    bodyLimit: e.HINDSIGHT_BODY_LIMIT,
    secureCookies: e.HINDSIGHT_SECURE_COOKIES === 'true',
    ...(kpiTargets ? { kpiTargets } : {}),
  };
}
