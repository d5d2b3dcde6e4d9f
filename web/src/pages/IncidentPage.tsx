import { useState } from 'react';
import { getAnalysis } from '../api/analyses.js';
import { RedactedLessonSection } from '../incident/RedactedLessonSection.js';
import { EvidenceSection } from '../incident/EvidenceSection.js';
import { MilestoneSuggestionsSection } from '../incident/MilestoneSuggestionsSection.js';
import { SimilarSection } from '../incident/SimilarSection.js';
import { TimelineAnalysisSection } from '../incident/TimelineAnalysisSection.js';
import { timelinePoints } from '../incident/timeline-points.js';
import { listPinnedEvidence } from '../api/evidence.js';
import {
  INCIDENT_STATUSES,
  MILESTONES,
  getIncident,
  updateIncident,
  type IncidentStatus,
} from '../api/incidents.js';
import { getReview } from '../api/reviews.js';
import { canWrite } from '../api/session.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { SelectField } from '../components/fields.js';
import { TimestampsEditor } from '../components/TimestampsEditor.js';
import { TimelineChart } from '../components/TimelineChart.js';
import { formatInstant, humanize } from '../format.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session-context.js';

/** One incident: details, timestamps, the timeline on a time axis, "seen before", the review and its analyses. */
export function IncidentPage({ id }: { id: string }) {
  const { user } = useSession();
  const loaded = useAsync(async () => {
    const [{ incident, etag }, review] = await Promise.all([getIncident(id), getReview(id)]);
    return { incident, etag, review: review?.review ?? null };
  }, [id]);
  const [statusError, setStatusError] = useState<unknown>(null);
  // Bumped on every evidence change (import, pin, accepted milestone) so each evidence view reloads.
  const [evidenceVersion, setEvidenceVersion] = useState(0);
  const evidenceChanged = () => setEvidenceVersion((v) => v + 1);
  const pinned = useAsync(() => listPinnedEvidence(id), [id, evidenceVersion]);

  if (loaded.state === 'loading') return <Loading what="the incident" />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what={`Loading ${id}`} />;
  const { incident, etag, review } = loaded.data;
  // Without the evidence API (or on an error, shown by the evidence section) the timeline simply has no pins.
  const points = timelinePoints(incident, review, pinned.state === 'ok' ? pinned.data : []);
  const writer = canWrite(user);
  const milestoneAccepted = () => {
    loaded.reload();
    evidenceChanged();
  };

  const changeStatus = async (status: IncidentStatus) => {
    setStatusError(null);
    try {
      await updateIncident(id, { status }, etag);
      loaded.reload();
    } catch (e) {
      setStatusError(e);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">{incident.id}</p>
          <h1>{incident.title}</h1>
          <p className="tags">
            <span className={`severity severity-${incident.severity.toLowerCase()}`}>
              {incident.severity}
            </span>
            <span className="badge">{humanize(incident.status)}</span>
            <span className="badge">{incident.category}</span>
            {incident.kind !== 'incident' && <span className="badge">{humanize(incident.kind)}</span>}
            {incident.restricted && <span className="badge badge-restricted">Restricted</span>}
          </p>
        </div>
        <div className="head-actions">
          <Link to={`/incidents/${id}/review`} className="button">
            {review ? 'Open the review' : 'Start the review'}
          </Link>
        </div>
      </div>

      <div className="columns">
        <section className="card" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          {incident.description ? (
            <p className="prose">{incident.description}</p>
          ) : (
            <p className="muted">No description.</p>
          )}
          <dl className="facts">
            <dt>Team</dt>
            <dd>{incident.team ?? '—'}</dd>
            <dt>Affected services</dt>
            <dd>{incident.affected_services.length ? incident.affected_services.join(', ') : '—'}</dd>
            <dt>Attack vector</dt>
            <dd>{incident.attack_vector ?? '—'}</dd>
            <dt>Declared by</dt>
            <dd>{incident.created_by}</dd>
          </dl>
          {writer && (
            <div className="inline-form">
              <SelectField
                label="Status"
                value={incident.status}
                options={INCIDENT_STATUSES}
                labels={{ open: 'Open', contained: 'Contained', resolved: 'Resolved', closed: 'Closed' }}
                onChange={(s) => void changeStatus(s)}
              />
            </div>
          )}
          {statusError !== null && <ErrorNotice error={statusError} what="The status was not changed" />}
        </section>

        <section className="card" aria-labelledby="timestamps-title">
          <h2 id="timestamps-title">Timestamps</h2>
          <table className="compact">
            <caption className="visually-hidden">Incident milestones</caption>
            <tbody>
              {MILESTONES.map((m) => (
                <tr key={m}>
                  <th scope="row">{humanize(m)}</th>
                  <td>{formatInstant(incident.timestamps[m])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {writer && (
            <details>
              <summary>Edit timestamps</summary>
              <TimestampsEditor
                key={incident.version}
                incident={incident}
                etag={etag}
                onSaved={loaded.reload}
              />
            </details>
          )}
          {incident.timestamp_edits.length > 0 && (
            <details>
              <summary>{incident.timestamp_edits.length} timestamp edits</summary>
              <ul>
                {incident.timestamp_edits.map((e, i) => (
                  <li key={i}>
                    {humanize(e.field)}: {formatInstant(e.previous)} → {formatInstant(e.value)} by {e.by} at{' '}
                    {formatInstant(e.at)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        {points.length === 0 ? (
          <p className="muted">
            No timestamps, timeline events or pinned evidence with a parseable time yet.
          </p>
        ) : (
          <TimelineChart points={points} />
        )}
      </section>

      <MilestoneSuggestionsSection
        incident={incident}
        canWrite={writer}
        version={evidenceVersion}
        onAccepted={milestoneAccepted}
      />
      <EvidenceSection
        incidentId={id}
        canWrite={writer}
        version={evidenceVersion}
        onChanged={evidenceChanged}
      />

      <TimelineAnalysisSection id={id} />
      <SimilarSection id={id} />
      {incident.restricted && <RedactedLessonSection incidentId={id} />}

      <section className="card" aria-labelledby="review-title">
        <h2 id="review-title">Review</h2>
        {review ? (
          <>
            <p>
              Status: <span className={`badge status-${review.status}`}>{humanize(review.status)}</span>
              {review.published_at && <> — published {formatInstant(review.published_at)}</>}
            </p>
            {review.summary.description && <p className="prose">{review.summary.description}</p>}
            <p>
              {review.contributing_factors.length} contributing factors, {review.lessons.length} lessons,{' '}
              {review.action_items.length} action items.
            </p>
          </>
        ) : (
          <p className="muted">No review has been written yet.</p>
        )}
        <AnalysisLinks id={id} />
      </section>
    </>
  );
}

function AnalysisLinks({ id }: { id: string }) {
  const present = useAsync(
    () =>
      Promise.all(
        (['five_whys', 'fishbone', 'fault_tree'] as const).map((m) =>
          getAnalysis(id, m).then(
            (a) => a !== null,
            () => null,
          ),
        ),
      ),
    [id],
  );
  const label = (i: number) => {
    if (present.state !== 'ok') return '';
    const value = present.data[i];
    return value === null ? '' : value ? ' (written)' : ' (none yet)';
  };
  return (
    <nav aria-label="Analyses" className="link-row">
      <Link to={`/incidents/${id}/analyses/five_whys`}>Five whys{label(0)}</Link>
      <Link to={`/incidents/${id}/analyses/fishbone`}>Fishbone{label(1)}</Link>
      <Link to={`/incidents/${id}/analyses/fault_tree`}>Fault tree{label(2)}</Link>
    </nav>
  );
}
