import { similarIncidents } from '../api/incidents.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';

/** "Seen before": earlier incidents like this one, with why they match and what they taught. */
export function SimilarSection({ id }: { id: string }) {
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
