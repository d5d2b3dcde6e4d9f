import { useState } from 'react';
import { getAnalysis, timelineAnalysis } from '../api/analyses.js';
import {
  INCIDENT_STATUSES,
  MILESTONES,
  getIncident,
  similarIncidents,
  updateIncident,
  type Incident,
  type IncidentStatus,
} from '../api/incidents.js';
import { getReview, type Review } from '../api/reviews.js';
import { canWrite } from '../api/session.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { SelectField } from '../components/fields.js';
import { TimestampsEditor } from '../components/TimestampsEditor.js';
import { TimelineChart, type TimelinePoint } from '../components/TimelineChart.js';
import { formatInstant, formatMinutes, humanize } from '../format.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session-context.js';

function timelinePoints(incident: Incident, review: Review | null): TimelinePoint[] {
  const points: TimelinePoint[] = [];
  for (const m of MILESTONES) {
    const at = incident.timestamps[m];
    if (at) points.push({ time: new Date(at), label: humanize(m), lane: 'Milestones' });
  }
  for (const event of review?.timeline ?? []) {
    const time = new Date(event.time);
    if (!Number.isNaN(time.getTime())) points.push({ time, label: event.event, lane: 'Timeline events' });
  }
  return points;
}

/** One incident: details, timestamps, the timeline on a time axis, "seen before", the review and its analyses. */
export function IncidentPage({ id }: { id: string }) {
  const { user } = useSession();
  const loaded = useAsync(async () => {
    const [{ incident, etag }, review] = await Promise.all([getIncident(id), getReview(id)]);
    return { incident, etag, review: review?.review ?? null };
  }, [id]);
  const [statusError, setStatusError] = useState<unknown>(null);

  if (loaded.state === 'loading') return <Loading what="the incident" />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what={`Loading ${id}`} />;
  const { incident, etag, review } = loaded.data;
  const points = timelinePoints(incident, review);

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
          {canWrite(user) && (
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
          {canWrite(user) && (
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
          <p className="muted">No timestamps or timeline events with a parseable time yet.</p>
        ) : (
          <TimelineChart points={points} />
        )}
      </section>

      <TimelineAnalysisSection id={id} />
      <SimilarSection id={id} />

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

function TimelineAnalysisSection({ id }: { id: string }) {
  const analysis = useAsync(() => timelineAnalysis(id), [id]);
  return (
    <section className="card" aria-labelledby="ta-title">
      <h2 id="ta-title">Timeline analysis</h2>
      {analysis.state === 'loading' && <Loading what="the timeline analysis" />}
      {analysis.state === 'error' && <ErrorNotice error={analysis.error} what="Timeline analysis" />}
      {analysis.state === 'ok' && (
        <>
          <table className="compact">
            <caption className="visually-hidden">Phase durations</caption>
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col">Duration</th>
                <th scope="col">Definition</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(analysis.data.phases).map(([phase, d]) => (
                <tr key={phase}>
                  <th scope="row">{humanize(phase)}</th>
                  <td>{formatMinutes(d.minutes)}</td>
                  <td>
                    {d.definition}
                    {d.note && <span className="muted"> — {d.note}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {analysis.data.gaps.length > 0 && (
            <>
              <h3>Gaps longer than {formatMinutes(analysis.data.gap_threshold_minutes)}</h3>
              <ul>
                {analysis.data.gaps.map((g, i) => (
                  <li key={i}>
                    {formatMinutes(g.minutes)} between “{g.after.event}” and “{g.before.event}”
                  </li>
                ))}
              </ul>
            </>
          )}
          {analysis.data.findings.length > 0 && (
            <>
              <h3>For the reviewer to fix</h3>
              <ul className="findings">
                {analysis.data.findings.map((f, i) => (
                  <li key={i} className={`finding-${f.severity}`}>
                    <strong>{humanize(f.severity)}:</strong> {f.problem}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function SimilarSection({ id }: { id: string }) {
  const similar = useAsync(() => similarIncidents(id), [id]);
  return (
    <section className="card" aria-labelledby="similar-title">
      <h2 id="similar-title">Seen before</h2>
      {similar.state === 'loading' && <Loading what="similar incidents" />}
      {similar.state === 'error' && <ErrorNotice error={similar.error} what="Similar incidents" />}
      {similar.state === 'ok' &&
        (similar.data.length === 0 ? (
          <p className="muted">No similar earlier incidents.</p>
        ) : (
          <ol className="similar">
            {similar.data.map((s) => (
              <li key={s.incident_id}>
                <Link to={`/incidents/${s.incident_id}`}>{s.incident_id}</Link> {s.title}{' '}
                <span className="muted">
                  (score {s.score.toFixed(2)}, {formatInstant(s.occurred_at)})
                </span>
                {s.same_signature && <span className="badge">Same signature</span>}
                {s.recurrence && <span className="badge">Recurrence {s.recurrence}</span>}
                {s.explanation.shared_services.length > 0 && (
                  <p className="muted">Shared services: {s.explanation.shared_services.join(', ')}</p>
                )}
                {s.lessons.length > 0 && (
                  <ul>
                    {s.lessons.map((l, i) => (
                      <li key={i}>
                        <strong>{l.priority}:</strong> {l.lesson}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
        ))}
    </section>
  );
}
