import { AuditService } from './core/audit/audit.service.js';
import { ActionService } from './core/actions/action.service.js';
import type { NotifySettings } from './core/workflow/notify.ports.js';
import { FeedbackService } from './core/feedback/feedback.service.js';
import { NotificationPreferencesService } from './core/workflow/notification-preferences.service.js';
import {
  NotificationSettingsService,
  type ChannelsSummary,
} from './core/workflow/notification-settings.service.js';
import { ReminderService } from './core/workflow/reminders.service.js';
import { DerivedRefreshService } from './core/workflow/derived-refresh.service.js';
import { ReviewAutomationService } from './core/workflow/review-workflow.service.js';
import type { ReviewWorkflowSettings } from './core/workflow/review-workflow.settings.js';
import { linkTo } from './core/workflow/review-workflow.plan.js';
import { systemActor } from './core/shared/actor.js';
import { feedbackTokens } from './storage/repositories/feedback.tokens.js';
import { AuthService } from './core/auth/auth.service.js';
import { UserService } from './core/auth/user.service.js';
import { IncidentService } from './core/incidents/incident.service.js';
import { LessonService } from './core/lessons/lesson.service.js';
import { RedactedLessonService } from './core/lessons/redacted-lesson.service.js';
import { AnalysisService } from './core/reviews/review.analysis.service.js';
import { ReviewRecommendationService } from './core/reviews/review.recommendations.service.js';
import { ReviewService } from './core/reviews/review.service.js';
import { ReviewWorkflowService } from './core/reviews/review.workflow.service.js';
import { ReportService } from './core/reports/report.service.js';
import { SettingsService } from './core/settings/settings.service.js';
import type { Clock } from './core/shared/clock.js';
import { KpiService } from './core/kpis/kpi.service.js';
import { defaultTargets, type KpiTargets } from './core/kpis/kpi.targets.js';
import { currentKpiTargets } from './core/settings/kpi-targets.setting.js';
import { SimilarityService } from './core/similarity/similarity.service.js';
import { DEFAULT_SIGNATURE_FIELDS, type SignatureField } from './core/similarity/signature.js';
import { SqlEffectivenessSource } from './storage/kpis/effectiveness.sql.js';
import { SqlKpiSource, SqlTrendSource, teamsInScope } from './storage/kpis/index.js';
import { SqlActionAggregates } from './storage/repositories/action.kpi-aggregates.js';
import { SqlDerivedData } from './storage/derived-data.js';
import { SimilarityMemory } from './storage/repositories/similarity.memory.js';
import { SimilarityRepository } from './storage/repositories/similarity.repository.js';
import type { Store } from './storage/store.js';
import { EvidenceService } from './core/evidence/evidence.service.js';
import { normaliseEvidenceRecords } from './integrations/aws/evidence.records.js';

export interface Services {
  auth: AuthService;
  users: UserService;
  audit: AuditService;
  incidents: IncidentService;
  reviews: ReviewService;
  reviewWorkflow: ReviewWorkflowService;
  analyses: AnalysisService;
  recommendations: ReviewRecommendationService;
  reports: ReportService;
  settings: SettingsService;
  lessons: LessonService;
  redactedLessons: RedactedLessonService;
  kpis: KpiService;
  similarity: SimilarityService;
  actions: ActionService;
  feedback: FeedbackService;
  preferences: NotificationPreferencesService;
  notificationSettings: NotificationSettingsService;
  reminders: ReminderService;
  reviewAutomation: ReviewAutomationService;
  evidence: EvidenceService;
  derivedRefresh: DerivedRefreshService;
}

/** Wires every core service to its ports; shared by the server, the CLI and the tests. */
export function buildServices(
  store: Store,
  clock: Clock,
  options: {
    kpiTargets?: KpiTargets | undefined;
    notify?: NotifySettings | undefined;
    workflow?: Partial<ReviewWorkflowSettings> | undefined;
    /** What counts as a repeat (HINDSIGHT_SIGNATURE_FIELDS); SEC10-BP08's category-attack_vector-affected_service by default. */
    signatureFields?: readonly SignatureField[] | undefined;
    /** The configured channels with secrets left out, for the read-only settings view. */
    channels?: ChannelsSummary | undefined;
    /** Whether this instance runs the worker role. */
    worker?: boolean | undefined;
    /**
     * Answer similar-incident lookups from an in-memory index kept in step with the store (a server,
     * HINDSIGHT_SIMILARITY_MEMORY); without it they run in SQL, as suits the CLI's one-off commands.
     */
    similarityMemory?: boolean | undefined;
  } = {},
): Services {
  const { stores } = store;
  const transaction = store.transaction.bind(store);
  const feedback = new FeedbackService({ stores, clock, tokens: feedbackTokens, transaction });
  const reports = new ReportService({
    stores,
    evidence: stores.evidence,
    clock,
    feedbackSummary: (id) => feedback.summaryOf(id),
  });
  const actionAggregates = new SqlActionAggregates(store.db, store.kind);
  const signatureFields = options.signatureFields ?? DEFAULT_SIGNATURE_FIELDS;
  const similarityMemory = options.similarityMemory ? new SimilarityMemory(store.db) : undefined;
  return {
    auth: new AuthService({ credentials: stores.credentials, clock }),
    users: new UserService({ credentials: stores.credentials, clock, transaction }),
    audit: new AuditService({ audit: stores.audit, incidents: stores.incidents, actions: stores.actions }),
    incidents: new IncidentService({ incidents: stores.incidents, clock, transaction }),
    reviews: new ReviewService({ stores, clock, transaction }),
    reviewWorkflow: new ReviewWorkflowService({ clock, transaction }),
    analyses: new AnalysisService({ stores, clock, transaction }),
    recommendations: new ReviewRecommendationService({ stores }),
    reports,
    settings: new SettingsService({
      settings: stores.settings,
      clock,
      transaction,
      kpiTargets: options.kpiTargets,
    }),
    lessons: new LessonService({ lessons: stores.lessons, clock, transaction }),
    redactedLessons: new RedactedLessonService({
      redacted: stores.redacted,
      incidents: stores.incidents,
      clock,
      transaction,
    }),
    kpis: new KpiService({
      kpis: new SqlKpiSource(store.db, store.kind, actionAggregates, signatureFields),
      trends: new SqlTrendSource(store.db, store.kind, actionAggregates, signatureFields),
      effectiveness: new SqlEffectivenessSource(store.db, signatureFields),
      signatureFields,
      teams: (scope) => teamsInScope(store.db, scope),
      clock,
      targets: () => currentKpiTargets(stores.settings, options.kpiTargets ?? defaultTargets()),
    }),
    similarity: new SimilarityService({
      incidents: stores.incidents,
      similarity: (viewer) => new SimilarityRepository(store.db, viewer, signatureFields, similarityMemory),
      recurrences: stores.recurrences,
      clock,
      transaction,
    }),
    actions: new ActionService({ stores, clock, transaction, notify: options.notify }),
    feedback,
    preferences: new NotificationPreferencesService({ directory: stores.directory, clock, transaction }),
    notificationSettings: new NotificationSettingsService({
      settings: stores.settings,
      channels: options.channels,
      notify: options.notify,
      workflow: options.workflow,
      worker: options.worker,
    }),
    reminders: new ReminderService({ ...stores, notify: options.notify, clock }),
    reviewAutomation: new ReviewAutomationService({
      stores,
      transaction,
      tokens: feedbackTokens,
      clock,
      notify: options.notify,
      workflow: options.workflow,
      report: async (id) => ({
        markdown: await reports.markdown(systemActor, id, (method) =>
          linkTo(options.notify ?? {}, `/api/v1/incidents/${id}/review/analyses/${method}.svg`),
        ),
        html: await reports.html(systemActor, id),
      }),
      feedbackSummary: (id) => feedback.summaryOf(id),
    }),
    evidence: new EvidenceService({
      evidence: stores.evidence,
      incidents: stores.incidents,
      clock,
      normalise: normaliseEvidenceRecords,
      transaction,
    }),
    derivedRefresh: new DerivedRefreshService({
      derived: new SqlDerivedData(store.db, store.kind, signatureFields),
      settings: stores.settings,
    }),
  };
}
