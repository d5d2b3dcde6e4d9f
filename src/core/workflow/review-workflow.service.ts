import type { FeedbackStore, TokenIssuer } from '../feedback/feedback.ports.js';
import type { FeedbackSummary } from '../feedback/feedback.schema.js';
import { mayKnow } from '../notifications/need-to-know.js';
import type { ReviewMessageData } from '../notifications/notification.data.js';
import { templateFor } from '../reviews/review.view.js';
import { loadReviewSettings, type ReviewSettings } from '../settings/review-settings.js';
import type { SettingsStore } from '../settings/settings.ports.js';
import type { Clock } from '../shared/clock.js';
import type {
  AudienceStore,
  DirectorySnapshot,
  DirectoryStore,
  NotificationSink,
  NotifySettings,
} from './notify.ports.js';
import {
  feedbackDeadline,
  linkTo,
  reminderPeriod,
  reviewNotifications,
  scheduleTimes,
  type ReviewOccasion,
} from './review-workflow.plan.js';
import type {
  OpenWorkflow,
  ResolvedIncident,
  ReviewWorkflowStore,
  StoredReport,
} from './review-workflow.ports.js';
import { ReviewWorkflowSettings } from './review-workflow.settings.js';

export interface ReviewAutomationStores {
  workflows: ReviewWorkflowStore;
  feedback: FeedbackStore;
  outbox: NotificationSink;
}

export interface ReviewAutomationDeps {
  /** For reads outside a transaction. */
  stores: ReviewAutomationStores & {
    directory: Pick<DirectoryStore, 'load'>;
    settings: Pick<SettingsStore, 'get' | 'list'>;
    audience: Pick<AudienceStore, 'restrictedAmong' | 'admins'>;
  };
  /** Inside, use only the stores handed over: the embedded store has one connection. */
  transaction: <T>(work: (stores: ReviewAutomationStores) => Promise<T>) => Promise<T>;
  tokens: TokenIssuer;
  clock: Clock;
  notify?: NotifySettings | undefined;
  workflow?: Partial<ReviewWorkflowSettings> | undefined;
  /** The review report (Markdown and HTML) from src/core/reports, generated as the system. */
  report: (incidentId: string) => Promise<{ markdown: string; html: string }>;
  feedbackSummary: (incidentId: string) => Promise<FeedbackSummary>;
}

export interface AdvanceReport {
  scheduled: number;
  invited: number;
  reminded: number;
  published: number;
  /** Reports stored again after a reopened review was published anew. */
  republished: number;
  [key: string]: number;
}

/**
 * The review workflow of SEC10-BP08 Example 1, advanced by a scheduled job: when an incident is resolved
 * its review is scheduled (+2 business days), participants are invited and sent a feedback request with a
 * single-use link and a deadline (+3 days), reminded every day from the review until it is published, and
 * on publication the report (with the feedback summary) is generated and stored and participants told.
 * Every step is idempotent (unique rows, outbox keys), so several instances may run it.
 */
export class ReviewAutomationService {
  private readonly settings: ReviewWorkflowSettings;

  constructor(private readonly deps: ReviewAutomationDeps) {
    this.settings = ReviewWorkflowSettings.parse(deps.workflow ?? {});
  }

  async advance(): Promise<AdvanceReport> {
    const now = this.deps.clock.now();
    const { stores } = this.deps;
    const [review, snapshot] = await Promise.all([
      loadReviewSettings(stores.settings),
      stores.directory.load(),
    ]);
    const report: AdvanceReport = { scheduled: 0, invited: 0, reminded: 0, published: 0, republished: 0 };
    for (const incident of await stores.workflows.unscheduled(100)) {
      report.invited += await this.schedule(incident, review, snapshot, now, report);
    }
    for (const workflow of await stores.workflows.open()) {
      if (workflow.review_status === 'published') {
        report.published += await this.publish(workflow, snapshot, now);
        continue;
      }
      report.invited += await this.inviteNew(workflow, snapshot, now);
      report.reminded += await this.remind(workflow, snapshot, now);
    }
    for (const workflow of await stores.workflows.republished()) {
      const stored = await this.generate(workflow, now);
      await this.deps.transaction((s) => s.workflows.putReport(stored));
      report.republished += 1;
    }
    return report;
  }

  private async schedule(
    incident: ResolvedIncident,
    review: ReviewSettings,
    snapshot: DirectorySnapshot,
    now: Date,
    report: AdvanceReport,
  ): Promise<number> {
    const template = templateFor(incident, review.templates);
    const times = scheduleTimes(new Date(incident.resolved_at), now, this.settings, review.calendar);
    // A review published before the workflow saw the incident (older data) needs no invitations.
    const status = !template.requires_review
      ? 'not_required'
      : incident.review_status === 'published'
        ? 'published'
        : 'scheduled';
    const may = await this.mayKnowOf(incident.id, snapshot);
    const participants =
      status === 'scheduled'
        ? (await this.deps.stores.workflows.participantsOf(incident.id)).filter(may)
        : [];
    return this.deps.transaction(async (stores) => {
      const inserted = await stores.workflows.insert({
        incident_id: incident.id,
        resolved_at: incident.resolved_at,
        review_at: times.review_at.toISOString(),
        feedback_deadline: times.feedback_deadline.toISOString(),
        status,
        scheduled_at: now.toISOString(),
        published_at: status === 'published' ? now.toISOString() : null,
      });
      if (!inserted || status !== 'scheduled') return 0;
      report.scheduled += 1;
      const workflow = {
        incident_id: incident.id,
        incident_title: incident.title,
        review_at: times.review_at.toISOString(),
      };
      let invited = 0;
      for (const participant of participants)
        invited += await this.invite(stores, workflow, participant, snapshot, now);
      return invited;
    });
  }

  /** Participants who joined after the review was scheduled (new incident members) are invited too. */
  private async inviteNew(workflow: OpenWorkflow, snapshot: DirectorySnapshot, now: Date): Promise<number> {
    const { workflows, feedback } = this.deps.stores;
    // Someone who answered signed in without being asked is still invited (their row then becomes a request).
    const requests = await feedback.requestsOf(workflow.incident_id);
    const asked = new Set(requests.filter((r) => r.invited).map((r) => r.participant));
    const may = await this.mayKnowOf(workflow.incident_id, snapshot);
    const late = (await workflows.participantsOf(workflow.incident_id)).filter(
      (p) => !asked.has(p) && may(p),
    );
    if (late.length === 0) return 0;
    return this.deps.transaction(async (stores) => {
      let invited = 0;
      for (const participant of late)
        invited += await this.invite(stores, workflow, participant, snapshot, now);
      return invited;
    });
  }

  /** Records the feedback request and sends the invitation and the request with its link, once. */
  private async invite(
    stores: ReviewAutomationStores,
    workflow: Pick<OpenWorkflow, 'incident_id' | 'incident_title' | 'review_at'>,
    participant: string,
    snapshot: DirectorySnapshot,
    now: Date,
  ): Promise<number> {
    const { token, hash } = this.deps.tokens.issue();
    const deadline = feedbackDeadline(now, this.settings).toISOString();
    const asked = await stores.feedback.insertRequest({
      token_hash: hash,
      incident_id: workflow.incident_id,
      participant,
      requested_at: now.toISOString(),
      deadline,
      responded: false,
      invited: true,
    });
    if (!asked) return 0;
    const base = {
      incident_id: workflow.incident_id,
      incident_title: workflow.incident_title,
      review_at: workflow.review_at,
    };
    const notify = this.deps.notify ?? {};
    await this.send(
      stores,
      'scheduled',
      participant,
      { ...base, link: linkTo(notify, `/incidents/${workflow.incident_id}/review`) },
      snapshot,
      now,
    );
    await this.send(
      stores,
      'feedback',
      participant,
      { ...base, deadline, link: linkTo(notify, `/feedback/${token}`) },
      snapshot,
      now,
    );
    return 1;
  }

  private async remind(workflow: OpenWorkflow, snapshot: DirectorySnapshot, now: Date): Promise<number> {
    const period = reminderPeriod(new Date(workflow.review_at), now, this.settings);
    if (period === null) return 0;
    const may = await this.mayKnowOf(workflow.incident_id, snapshot);
    // Only those asked: a message to someone who answered unasked would tell the outbox they answered.
    const requests = (await this.deps.stores.feedback.requestsOf(workflow.incident_id)).filter(
      (r) => r.invited && may(r.participant),
    );
    const data: ReviewMessageData = {
      incident_id: workflow.incident_id,
      incident_title: workflow.incident_title,
      review_at: workflow.review_at,
      link: linkTo(this.deps.notify ?? {}, `/incidents/${workflow.incident_id}/review`),
    };
    let reminded = 0;
    for (const request of requests) {
      reminded += await this.send(
        this.deps.stores,
        `reminder:${period}`,
        request.participant,
        data,
        snapshot,
        now,
      );
    }
    return reminded;
  }

  /** Stores the report with the feedback summary, then tells the participants; once, on one instance. */
  private async publish(workflow: OpenWorkflow, snapshot: DirectorySnapshot, now: Date): Promise<number> {
    const id = workflow.incident_id;
    const stored = await this.generate(workflow, now);
    const may = await this.mayKnowOf(id, snapshot);
    const data: ReviewMessageData = {
      incident_id: id,
      incident_title: workflow.incident_title,
      link: linkTo(this.deps.notify ?? {}, `/incidents/${id}/review`),
    };
    return this.deps.transaction(async (stores) => {
      if (!(await stores.workflows.markPublished(id, now.toISOString()))) return 0;
      await stores.workflows.putReport(stored);
      for (const request of await stores.feedback.requestsOf(id)) {
        if (!request.invited || !may(request.participant)) continue;
        await this.send(stores, 'published', request.participant, data, snapshot, now);
      }
      return 1;
    });
  }

  /**
   * Review messages name the incident and link to its review: for a restricted incident only participants
   * who may see it (its team, its members, admins: need-to-know.ts) are invited, asked for feedback, reminded
   * and told of publication. Someone who was in the meeting but not given access is added as a member first;
   * a member removed later hears nothing more. Read outside any transaction (one connection on SQLite).
   */
  private async mayKnowOf(
    incidentId: string,
    snapshot: DirectorySnapshot,
  ): Promise<(username: string) => boolean> {
    const { audience } = this.deps.stores;
    const restricted = await audience.restrictedAmong([incidentId]);
    if (restricted.length === 0) return () => true;
    const known = { admins: await audience.admins(), teamsOf: snapshot.teamsOf };
    return (username) => mayKnow({ kind: 'user', id: username }, restricted, known);
  }

  /** The review report from src/core/reports (which holds the feedback summary), generated outside any transaction. */
  private async generate(workflow: OpenWorkflow, now: Date): Promise<StoredReport> {
    const id = workflow.incident_id;
    const [summary, generated] = await Promise.all([this.deps.feedbackSummary(id), this.deps.report(id)]);
    return {
      incident_id: id,
      review_version: workflow.review_version ?? 0,
      markdown: generated.markdown,
      html: generated.html,
      feedback_summary: summary,
      generated_at: now.toISOString(),
    };
  }

  private async send(
    stores: Pick<ReviewAutomationStores, 'outbox'>,
    occasion: ReviewOccasion,
    participant: string,
    data: ReviewMessageData,
    snapshot: DirectorySnapshot,
    now: Date,
  ): Promise<number> {
    let recorded = 0;
    const notify = this.deps.notify ?? {};
    for (const n of reviewNotifications(occasion, participant, data, snapshot.directory, notify, now)) {
      if (await stores.outbox.enqueue(n, now)) recorded += 1;
    }
    return recorded;
  }
}
