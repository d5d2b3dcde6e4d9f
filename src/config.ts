import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { StoreConfig } from './storage/database.js';
import type { KpiTargets } from './core/kpis/kpi.targets.js';
import { SignatureField } from './core/similarity/signature.js';
import { readKpiTargetsFile } from './storage/kpis/kpi.targets.file.js';
import type { ChannelName } from './core/notifications/notification.schema.js';
import { DEFAULT_DERIVED_REFRESH_HOUR } from './core/workflow/derived-refresh.service.js';
import type { ClockSettings } from './jobs/scaled.clock.js';
import type { WorkerConfig } from './jobs/worker.config.js';

const flag = (fallback: 'true' | 'false') => z.enum(['true', 'false']).default(fallback);
const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);
const MINUTE = 60_000;

/**
 * The worker role: scheduler, notification channels, reminder and review-workflow timing. A channel is
 * used only when its variables are set; recipients without a preference hear over HINDSIGHT_NOTIFY_CHANNELS.
 */
const NotificationEnvironment = z.object({
  HINDSIGHT_ROLES: z
    .string()
    .default('web,worker')
    .pipe(z.string().regex(/^(web|worker)(,(web|worker))*$/, 'must be web, worker or web,worker'))
    .describe('What this instance does: web (API and UI), worker (scheduler and delivery), or both.'),
  HINDSIGHT_WORKER_ID: z
    .string()
    .min(1)
    .optional()
    .describe('Names this instance in leases; host:pid by default.'),
  HINDSIGHT_PUBLIC_URL: z.url().optional().describe('Public base URL, for links in notifications.'),
  HINDSIGHT_NOTIFY_CHANNELS: z
    .string()
    .default('email')
    .pipe(
      z
        .string()
        .regex(
          /^(email|slack|webhook|sns)(,(email|slack|webhook|sns))*$/,
          'must list email, slack, webhook or sns',
        ),
    )
    .describe('Default channels, comma-separated, for recipients without preferences.'),
  HINDSIGHT_SMTP_HOST: z.string().min(1).optional().describe('SMTP server for email notifications.'),
  HINDSIGHT_SMTP_PORT: int(1, 65535, 587),
  HINDSIGHT_SMTP_SECURE: flag('false').describe(
    'TLS from the first byte (port 465); else STARTTLS if offered.',
  ),
  HINDSIGHT_SMTP_USER: z.string().min(1).optional(),
  HINDSIGHT_SMTP_PASSWORD: z.string().min(1).optional(),
  HINDSIGHT_SMTP_FROM: z
    .string()
    .min(3)
    .optional()
    .describe('Sender, e.g. "Hindsight <hindsight@example.com>".'),
  HINDSIGHT_SLACK_WEBHOOK_URL: z.url().optional().describe('Slack incoming webhook URL.'),
  HINDSIGHT_WEBHOOK_URL: z.url().optional().describe('Generic webhook: JSON POST signed with HMAC-SHA256.'),
  HINDSIGHT_WEBHOOK_SECRET: z.string().min(16).optional().describe('Shared secret of X-Hindsight-Signature.'),
  HINDSIGHT_SNS_TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[\w-]*:sns:/, 'must be an SNS topic ARN')
    .optional(),
  HINDSIGHT_SNS_REGION: z
    .string()
    .min(1)
    .optional()
    .describe('AWS region of the topic (default: from the ARN).'),
  HINDSIGHT_SNS_ENDPOINT: z
    .url()
    .optional()
    .describe('Override the SNS endpoint (VPC endpoint, LocalStack).'),
  HINDSIGHT_REMINDER_DUE_SOON_DAYS: int(0, 60, 3).describe('Days before the due date a reminder goes out.'),
  HINDSIGHT_REMINDER_REPEAT_DAYS: int(1, 60, 1).describe('Overdue reminders repeat every this many days.'),
  HINDSIGHT_ESCALATE_AFTER_DAYS: int(1, 365, 3).describe(
    "Days overdue before the owner's team lead is told.",
  ),
  HINDSIGHT_DIGEST_HOUR: int(0, 23, 8).describe('Local hour (working calendar time zone) digests go out.'),
  HINDSIGHT_DERIVED_REFRESH_HOUR: int(0, 23, DEFAULT_DERIVED_REFRESH_HOUR).describe(
    'Local hour (working calendar time zone) from which the worker brings derived data (similarity index, signatures, KPI facts, action days, overdue groups) up to date each day, emptying their change logs.',
  ),
  HINDSIGHT_REVIEW_AFTER_BUSINESS_DAYS: int(0, 30, 2).describe(
    'Review scheduled this many business days after resolution.',
  ),
  HINDSIGHT_FEEDBACK_DEADLINE_DAYS: int(1, 60, 3).describe(
    'Feedback requested by this many days after asking.',
  ),
  HINDSIGHT_REVIEW_REMINDER_DAYS: int(1, 30, 1).describe(
    'Participants reminded every this many days until publication.',
  ),
  HINDSIGHT_SCHEDULER_POLL_MS: int(10, 3_600_000, 15_000).describe(
    'Real milliseconds between scheduler passes.',
  ),
  HINDSIGHT_REMINDERS_EVERY_MS: int(1_000, 86_400_000, 15 * MINUTE),
  HINDSIGHT_DIGEST_EVERY_MS: int(1_000, 86_400_000, 15 * MINUTE),
  HINDSIGHT_WORKFLOW_EVERY_MS: int(1_000, 86_400_000, 5 * MINUTE),
  HINDSIGHT_DELIVERY_LEASE_MS: int(1_000, 86_400_000, 5 * MINUTE).describe(
    "How long a claimed batch of notifications is one worker's, in real milliseconds (on a fast test clock too).",
  ),
  HINDSIGHT_DELIVERY_MAX_ATTEMPTS: int(1, 100, 6),
  HINDSIGHT_DELIVERY_BASE_DELAY_MS: int(0, 86_400_000, 30_000).describe(
    'First retry delay; each next one is 4 times longer.',
  ),
  HINDSIGHT_CLOCK_OFFSET_MS: z.coerce
    .number()
    .int()
    .default(0)
    .describe('Test/demo only: shift the clock by this much.'),
  HINDSIGHT_CLOCK_SPEED: z.coerce
    .number()
    .min(1)
    .max(1_000_000)
    .default(1)
    .describe('Test/demo only: run the clock this many times faster.'),
  HINDSIGHT_CLOCK_ANCHOR_MS: z.coerce
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      'Test/demo only: wall-clock epoch ms from which the clock runs, standing still before it (share it between instances); the start time by default.',
    ),
});

/**
 * HINDSIGHT_SIGNATURE_FIELDS as a list of signature fields, or undefined for the built-in default. Every
 * unknown name is reported with the allowed ones, so a typo does not silently change what counts as a repeat.
 */
function signatureFieldsOf(value: string | undefined, ctx: z.RefinementCtx): SignatureField[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const names = value.split(',').map((name) => name.trim());
  const bad = names.filter((name) => !SignatureField.safeParse(name).success);
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown signature field${bad.length === 1 ? '' : 's'} ${bad.map((b) => `"${b}"`).join(', ')}; allowed: ${SignatureField.options.join(', ')}`,
    });
    return undefined;
  }
  if (new Set(names).size !== names.length) {
    ctx.addIssue({ code: 'custom', message: `lists a field twice: "${value}"` });
    return undefined;
  }
  return names as SignatureField[];
}

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
  HINDSIGHT_SIGNATURE_FIELDS: z
    .string()
    .optional()
    .transform((value, ctx) => signatureFieldsOf(value, ctx))
    .describe(
      'Fields of the repeat signature, comma-separated (category, attack_vector, affected_service, severity, team, kind); default category,attack_vector,affected_service.',
    ),
  HINDSIGHT_SIMILARITY_MEMORY: flag('true').describe(
    'Answer similar-incident lookups from an in-memory index of the stored vectors, read lazily on the first lookup and kept in step with the store before each (about 45 MB per 100k incidents); false runs them in SQL.',
  ),
  ...NotificationEnvironment.shape,
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
  /** Repeat-signature fields from HINDSIGHT_SIGNATURE_FIELDS; category-attack_vector-affected_service when absent. */
  signatureFields?: readonly SignatureField[];
  /** Similar-incident lookups from an in-memory index (HINDSIGHT_SIMILARITY_MEMORY); on when absent. */
  similarityMemory?: boolean;
  /** What this instance runs; `loadConfig` defaults to both, a Config built in code without it is web only. */
  roles?: readonly Role[];
  /** The worker role's settings (scheduler, channels, reminder and workflow timing). */
  worker?: WorkerConfig;
  /** Test/demo clock (HINDSIGHT_CLOCK_*); the wall clock when absent. */
  clock?: ClockSettings;
}

export type Role = 'web' | 'worker';

type Env = z.infer<typeof Environment>;

/** The SNS region: the variable, else the one in the topic ARN (`arn:aws:sns:<region>:...`). */
const snsRegion = (e: Env): string | undefined =>
  e.HINDSIGHT_SNS_REGION ?? e.HINDSIGHT_SNS_TOPIC_ARN?.split(':')[3];

/** Settings that only make sense together; each problem names the variable to set. */
function workerProblems(e: Env): string[] {
  const out: string[] = [];
  if (e.HINDSIGHT_SMTP_HOST && !e.HINDSIGHT_SMTP_FROM)
    out.push('HINDSIGHT_SMTP_FROM: required with HINDSIGHT_SMTP_HOST');
  if (Boolean(e.HINDSIGHT_SMTP_USER) !== Boolean(e.HINDSIGHT_SMTP_PASSWORD))
    out.push('HINDSIGHT_SMTP_PASSWORD: HINDSIGHT_SMTP_USER and HINDSIGHT_SMTP_PASSWORD go together');
  if (e.HINDSIGHT_WEBHOOK_URL && !e.HINDSIGHT_WEBHOOK_SECRET)
    out.push('HINDSIGHT_WEBHOOK_SECRET: required with HINDSIGHT_WEBHOOK_URL (at least 16 characters)');
  if (e.HINDSIGHT_SNS_TOPIC_ARN && !snsRegion(e))
    out.push('HINDSIGHT_SNS_REGION: required for the SNS topic');
  return out;
}

function workerConfig(e: Env): WorkerConfig {
  const smtpAuth =
    e.HINDSIGHT_SMTP_USER && e.HINDSIGHT_SMTP_PASSWORD
      ? { user: e.HINDSIGHT_SMTP_USER, pass: e.HINDSIGHT_SMTP_PASSWORD }
      : undefined;
  const region = snsRegion(e);
  return {
    worker_id: e.HINDSIGHT_WORKER_ID ?? `${hostname()}:${process.pid}`,
    channels: {
      email:
        e.HINDSIGHT_SMTP_HOST && e.HINDSIGHT_SMTP_FROM
          ? {
              host: e.HINDSIGHT_SMTP_HOST,
              port: e.HINDSIGHT_SMTP_PORT,
              secure: e.HINDSIGHT_SMTP_SECURE === 'true',
              auth: smtpAuth,
              from: e.HINDSIGHT_SMTP_FROM,
            }
          : undefined,
      slack: e.HINDSIGHT_SLACK_WEBHOOK_URL ? { webhook_url: e.HINDSIGHT_SLACK_WEBHOOK_URL } : undefined,
      webhook:
        e.HINDSIGHT_WEBHOOK_URL && e.HINDSIGHT_WEBHOOK_SECRET
          ? { url: e.HINDSIGHT_WEBHOOK_URL, secret: e.HINDSIGHT_WEBHOOK_SECRET }
          : undefined,
      sns:
        e.HINDSIGHT_SNS_TOPIC_ARN && region
          ? { topic_arn: e.HINDSIGHT_SNS_TOPIC_ARN, region, endpoint: e.HINDSIGHT_SNS_ENDPOINT }
          : undefined,
    },
    notify: {
      due_soon_days: e.HINDSIGHT_REMINDER_DUE_SOON_DAYS,
      overdue_repeat_days: e.HINDSIGHT_REMINDER_REPEAT_DAYS,
      escalate_after_days: e.HINDSIGHT_ESCALATE_AFTER_DAYS,
      digest_hour: e.HINDSIGHT_DIGEST_HOUR,
      default_channels: e.HINDSIGHT_NOTIFY_CHANNELS.split(',') as ChannelName[],
      ...(e.HINDSIGHT_PUBLIC_URL ? { link_base: e.HINDSIGHT_PUBLIC_URL } : {}),
    },
    workflow: {
      review_after_business_days: e.HINDSIGHT_REVIEW_AFTER_BUSINESS_DAYS,
      feedback_deadline_days: e.HINDSIGHT_FEEDBACK_DEADLINE_DAYS,
      reminder_every_days: e.HINDSIGHT_REVIEW_REMINDER_DAYS,
    },
    poll_ms: e.HINDSIGHT_SCHEDULER_POLL_MS,
    every_ms: {
      reminders: e.HINDSIGHT_REMINDERS_EVERY_MS,
      digest: e.HINDSIGHT_DIGEST_EVERY_MS,
      review_workflow: e.HINDSIGHT_WORKFLOW_EVERY_MS,
    },
    derived_refresh_hour: e.HINDSIGHT_DERIVED_REFRESH_HOUR,
    delivery: {
      lease_ms: e.HINDSIGHT_DELIVERY_LEASE_MS,
      batch_size: 50,
      policy: {
        max_attempts: e.HINDSIGHT_DELIVERY_MAX_ATTEMPTS,
        base_delay_ms: e.HINDSIGHT_DELIVERY_BASE_DELAY_MS,
        factor: 4,
        max_delay_ms: 6 * 60 * MINUTE,
      },
    },
  };
}

/** Reads the configuration; every bad setting is reported at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems = workerProblems(e);
  if (problems.length > 0)
    throw new Error(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
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
    ...(e.HINDSIGHT_SIGNATURE_FIELDS ? { signatureFields: e.HINDSIGHT_SIGNATURE_FIELDS } : {}),
    similarityMemory: e.HINDSIGHT_SIMILARITY_MEMORY === 'true',
    roles: [...new Set(e.HINDSIGHT_ROLES.split(',') as Role[])],
    worker: workerConfig(e),
    clock: {
      offset_ms: e.HINDSIGHT_CLOCK_OFFSET_MS,
      speed: e.HINDSIGHT_CLOCK_SPEED,
      anchor_ms: e.HINDSIGHT_CLOCK_ANCHOR_MS ?? Date.now(),
    },
  };
}
