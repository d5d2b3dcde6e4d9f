import { useEffect, useState } from 'react';
import { ApiError } from '../api/http.js';
import {
  ACTIONS_FROM,
  documentOf,
  emptyReview,
  getReview,
  lintReview,
  putReview,
  transitionReview,
  type Review,
  type ReviewAction,
  type ReviewDocument,
  type ReviewLint,
} from '../api/reviews.js';
import { canApprove, canWrite } from '../api/session.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { formatInstant, humanize } from '../format.js';
import { useAsync } from '../hooks.js';
import {
  FactorFields,
  MetadataFields,
  ResponseFields,
  SummaryFields,
  type FormProps,
} from '../review/ReviewForm.js';
import { ActionItemFields, LessonFields, TimelineFields } from '../review/ReviewListFields.js';
import { useLinkableEvidence } from '../review/FactorEvidence.js';
import { FeedbackStatusSection } from '../review/FeedbackStatus.js';
import { Recommendations } from '../review/Recommendations.js';
import { ReviewReport } from '../review/ReviewReport.js';
import { requiredStatus, STANDARD_TEMPLATE } from '../review-template.js';
import { Link } from '../router.js';
import { useSession } from '../session-context.js';

const ACTION_LABELS: Record<ReviewAction, string> = {
  submit: 'Submit for review',
  request_changes: 'Request changes',
  approve: 'Approve',
  publish: 'Publish',
  reopen: 'Reopen',
};

function businessDaysLeft(days: number): string {
  return days >= 0 ? `${days.toFixed(1)} business days left` : `${(-days).toFixed(1)} business days late`;
}

/** The review editor: the template's fields, required-field status, blameless warnings and the lifecycle. */
export function ReviewPage({ id }: { id: string }) {
  const { user } = useSession();
  const loaded = useAsync(() => getReview(id), [id]);
  const [lint, setLint] = useState<ReviewLint | null>(null);
  const refreshLint = () =>
    lintReview(id).then(
      (result) => setLint(result),
      () => setLint(null), // no stored review yet, or a server without the lint endpoint: the local template applies
    );
  const [doc, setDoc] = useState<ReviewDocument | null>(null);
  const [review, setReview] = useState<Review | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // Evidence a factor may cite: pinned on the incidents the stored review covers.
  const linkable = useLinkableEvidence(
    loaded.state === 'ok' && loaded.data ? loaded.data.review.incident_ids : [id],
  );

  useEffect(() => {
    if (loaded.state !== 'ok') return;
    setReview(loaded.data?.review ?? null);
    setEtag(loaded.data?.etag ?? null);
    setDoc(loaded.data ? documentOf(loaded.data.review) : emptyReview(id));
    setDirty(false);
    if (loaded.data) void refreshLint();
  }, [loaded.state, loaded.data, id]);

  if (loaded.state === 'loading' || (loaded.state === 'ok' && !doc)) return <Loading what="the review" />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what="Loading the review" />;
  if (!doc) return null;

  const details = error instanceof ApiError ? error.details : [];
  const problem = (path: string) => details.find((d) => d.path === path)?.problem;
  const findings = lint?.warnings ?? [];
  const warning = (path: string) => {
    const found = findings.filter((x) => x.path === path);
    if (found.length === 0) return undefined;
    return found
      .map((f) => `Blameless language: “${f.phrase}” — ${f.message} Try: ${f.suggestion}`)
      .join(' ');
  };
  const change: FormProps['change'] = (update) => {
    setDoc((d) => (d ? update(d) : d));
    setDirty(true);
  };
  const props: FormProps = { doc, change, problem, warning };
  // The server's template judges what is missing once the review is stored; before that, the standard one.
  const status =
    lint && !dirty
      ? lint.missing.map((m) => ({
          field: { path: m.path, label: m.label, prompt: '', required: true },
          filled: false,
        }))
      : requiredStatus(doc);
  const missing = status.filter((s) => !s.filled);
  const editable = canWrite(user) && (!review || review.status === 'draft');

  const save = async (): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const saved = await putReview(id, doc, review ? etag : null);
      setReview(saved.review);
      setEtag(saved.etag);
      setDoc(documentOf(saved.review));
      setDirty(false);
      setMessage(`Saved at ${formatInstant(saved.review.updated_at)}.`);
      await refreshLint();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const transition = async (action: ReviewAction) => {
    if (dirty && !(await save())) return;
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const { warnings } = await transitionReview(id, action);
      setMessage(
        `${ACTION_LABELS[action]}: done.${warnings.length ? ` ${warnings.length} blameless-language warnings remain.` : ''}`,
      );
      loaded.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const allowed = (review ? (review.available_actions ?? ACTIONS_FROM[review.status]) : []).filter((a) =>
    a === 'approve' || a === 'request_changes' || a === 'publish' ? canApprove(user) : canWrite(user),
  );

  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/incidents/${id}`}>{id}</Link>
          </p>
          <h1>Post-incident review</h1>
          <p className="muted">Template: {review?.template_id ?? STANDARD_TEMPLATE.name}</p>
        </div>
        <div className="head-actions">
          <span className={`badge status-${review?.status ?? 'none'}`}>
            {review ? humanize(review.status) : 'Not saved yet'}
          </span>
        </div>
      </div>

      <section className="card status-panel" aria-labelledby="status-title">
        <h2 id="status-title">Status</h2>
        <p aria-live="polite">
          {missing.length === 0
            ? lint && !dirty
              ? 'All required fields of the template are filled.'
              : `All ${status.length} required fields are filled.`
            : lint && !dirty
              ? `Missing required fields: ${missing.map((m) => m.field.label).join(', ')}.`
              : `${status.length - missing.length} of ${status.length} required fields filled. Missing: ${missing.map((m) => m.field.label).join(', ')}.`}
        </p>
        <ul className="checklist">
          {status.map((s) => (
            <li key={s.field.path} className={s.filled ? 'done' : 'todo'}>
              <span aria-hidden="true">{s.filled ? '✓' : '○'}</span> {s.field.label}
              <span className="visually-hidden">{s.filled ? ' (filled)' : ' (missing)'}</span>
            </li>
          ))}
        </ul>
        {review?.deadline && (
          <p>
            {review.deadline.due_at ? `Due ${formatInstant(review.deadline.due_at)}` : 'No review due'} (
            {humanize(review.deadline.state)}
            {review.deadline.business_days_remaining !== null &&
              `, ${businessDaysLeft(review.deadline.business_days_remaining)}`}
            {review.deadline.time_to_review_business_days !== null &&
              `, time to review ${review.deadline.time_to_review_business_days.toFixed(1)} business days`}
            ){review.deadline.state === 'overdue' && <span className="badge badge-overdue">Overdue</span>}
          </p>
        )}
        <div className="button-row">
          {editable && (
            <button type="button" onClick={() => void save()} disabled={busy}>
              {review ? 'Save review' : 'Create review'}
            </button>
          )}
          {allowed.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'publish' || action === 'approve' ? '' : 'button-secondary'}
              onClick={() => void transition(action)}
              disabled={busy}
            >
              {ACTION_LABELS[action]}
            </button>
          ))}
        </div>
        {dirty && <p className="muted">Unsaved changes.</p>}
        {message && (
          <p className="notice notice-ok" role="status">
            {message}
          </p>
        )}
        {error !== null && <ErrorNotice error={error} what="The review" />}
        {findings.length > 0 && (
          <div className="notice notice-warning" role="status">
            <p>
              <strong>{findings.length} blameless-language warnings.</strong>{' '}
              {lint?.blameless === 'block'
                ? 'This template refuses submission until they are reworded.'
                : 'They do not block saving or submission.'}
            </p>
          </div>
        )}
        {review?.signoffs && review.signoffs.length > 0 && (
          <details>
            <summary>Sign-off history</summary>
            <ul>
              {review.signoffs.map((s, i) => (
                <li key={i}>
                  {humanize(s.action)} by {s.by_name} at {formatInstant(s.at)} ({humanize(s.from)} →{' '}
                  {humanize(s.to)})
                </li>
              ))}
            </ul>
          </details>
        )}
      </section>

      {!editable && review && (
        <p className="notice">This review is {humanize(review.status).toLowerCase()}; reopen it to edit.</p>
      )}
      <fieldset disabled={!editable} className="plain">
        <legend className="visually-hidden">Review fields</legend>
        <section className="card" aria-labelledby="s-metadata">
          <h2 id="s-metadata">Metadata and participants</h2>
          <MetadataFields {...props} />
        </section>
        <section className="card" aria-labelledby="s-overview">
          <h2 id="s-overview">Incident overview</h2>
          <SummaryFields {...props} />
          <TimelineFields {...props} />
        </section>
        <section className="card" aria-labelledby="s-analysis">
          <h2 id="s-analysis">Analysis</h2>
          <ResponseFields {...props} />
          <FactorFields {...props} linkable={linkable} />
          <nav className="link-row" aria-label="Structured analyses">
            <Link to={`/incidents/${id}/analyses/five_whys`}>Five whys</Link>
            <Link to={`/incidents/${id}/analyses/fishbone`}>Fishbone</Link>
            <Link to={`/incidents/${id}/analyses/fault_tree`}>Fault tree</Link>
          </nav>
        </section>
        <section className="card" aria-labelledby="s-lessons">
          <h2 id="s-lessons">Lessons learned</h2>
          <LessonFields {...props} />
        </section>
        <section className="card" aria-labelledby="s-actions">
          <h2 id="s-actions">Action items</h2>
          <ActionItemFields {...props} />
        </section>
      </fieldset>
      {editable && (
        <div className="sticky-save">
          <button type="button" onClick={() => void save()} disabled={busy}>
            {review ? 'Save review' : 'Create review'}
          </button>
        </div>
      )}
      {review && <Recommendations incidentId={id} version={review.version} />}
      {review && <FeedbackStatusSection incidentId={id} />}
      {review && <ReviewReport incidentId={id} />}
    </>
  );
}
