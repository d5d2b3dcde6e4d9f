import type { Kysely } from 'kysely';
import type { AuditLog } from '../core/audit/audit.ports.js';
import type { CredentialStore } from '../core/auth/auth.ports.js';
import type { IncidentStore } from '../core/incidents/incident.ports.js';
import type { LessonStore } from '../core/lessons/lesson.ports.js';
import type { RedactedLessonStore } from '../core/lessons/redacted-lesson.js';
import type { RecurrenceStore } from '../core/similarity/recurrence.js';
import type { AnalysisStore, ReviewStore } from '../core/reviews/review.ports.js';
import type { SettingsStore } from '../core/settings/settings.ports.js';
import type { ActionStore } from '../core/actions/action.ports.js';
import type { AudienceStore, DirectoryStore } from '../core/workflow/notify.ports.js';
import type { FeedbackStore } from '../core/feedback/feedback.ports.js';
import type { ReviewWorkflowStore } from '../core/workflow/review-workflow.ports.js';
import type { JobRunStore } from '../core/workflow/schedule.ports.js';
import type { EvidenceStore } from '../core/evidence/evidence.store.js';
import { openDatabase, type StoreConfig, type StoreKind } from './database.js';
import { migrateToLatest } from './migrate.js';
import { AuditRepository } from './repositories/audit.repository.js';
import { RedactedLessonRepository } from './repositories/redacted-lesson.repository.js';
import { RecurrenceRepository } from './repositories/recurrence.repository.js';
import { CredentialRepository } from './repositories/credential.repository.js';
import { IncidentRepository } from './repositories/incident.repository.js';
import { LessonRepository } from './repositories/lesson.repository.js';
import { ReviewRepository } from './repositories/review.repository.js';
import { AnalysisRepository } from './repositories/analysis.repository.js';
import { SettingsRepository } from './repositories/settings.repository.js';
import { ActionRepository } from './repositories/action.repository.js';
import { OutboxRepository } from './repositories/outbox.repository.js';
import { DirectoryRepository } from './repositories/outbox.directory.repository.js';
import { FeedbackRepository } from './repositories/feedback.repository.js';
import { ReviewWorkflowRepository } from './repositories/schedule.review-workflow.repository.js';
import { ScheduleRepository } from './repositories/schedule.repository.js';
import { EvidenceRepository } from './repositories/evidence.repository.js';
import { AudienceRepository } from './repositories/audience.repository.js';
import type { Database } from './schema.js';

/** Every port implementation, bound to one executor (the database or a transaction). */
export interface Stores {
  incidents: IncidentStore;
  reviews: ReviewStore;
  analyses: AnalysisStore;
  settings: SettingsStore;
  lessons: LessonStore;
  credentials: CredentialStore;
  audit: AuditLog;
  redacted: RedactedLessonStore;
  recurrences: RecurrenceStore;
  actions: ActionStore;
  outbox: OutboxRepository;
  directory: DirectoryStore;
  feedback: FeedbackStore;
  workflows: ReviewWorkflowStore;
  jobRuns: JobRunStore;
  evidence: EvidenceStore;
  audience: AudienceStore;
}

export interface Store {
  kind: StoreKind;
  db: Kysely<Database>;
  stores: Stores;
  /** Runs `work` in one transaction with every store bound to it. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function bind(db: Kysely<Database>, kind: StoreKind): Stores {
  return {
    incidents: new IncidentRepository(db),
    reviews: new ReviewRepository(db),
    analyses: new AnalysisRepository(db),
    settings: new SettingsRepository(db),
    lessons: new LessonRepository(db),
    credentials: new CredentialRepository(db),
    audit: new AuditRepository(db),
    redacted: new RedactedLessonRepository(db),
    recurrences: new RecurrenceRepository(db),
    actions: new ActionRepository(db),
    outbox: new OutboxRepository(db, kind),
    directory: new DirectoryRepository(db),
    feedback: new FeedbackRepository(db),
    workflows: new ReviewWorkflowRepository(db),
    jobRuns: new ScheduleRepository(db),
    evidence: new EvidenceRepository(db),
    audience: new AudienceRepository(db),
  };
}

/** Opens a store and, unless told otherwise, brings its schema up to date. */
export async function openStore(config: StoreConfig, options: { migrate?: boolean } = {}): Promise<Store> {
  const { db, kind, close } = openDatabase(config);
  try {
    if (options.migrate ?? true) await migrateToLatest(db);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    kind,
    db,
    stores: bind(db, kind),
    transaction: (work) => db.transaction().execute((trx) => work(bind(trx, kind))),
    close,
  };
}
