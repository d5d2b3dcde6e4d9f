import { reviewRecommendations } from '../api/reviews.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { humanize } from '../format.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';

/** Suggested improvement actions per contributing factor, with links to past incidents that taught them. */
export function Recommendations({ incidentId, version }: { incidentId: string; version: number }) {
  const loaded = useAsync(() => reviewRecommendations(incidentId), [incidentId, version]);
  return (
    <section className="card" aria-labelledby="recommendations-title">
      <h2 id="recommendations-title">Recommended actions</h2>
      {loaded.state === 'loading' && <Loading what="recommendations" />}
      {loaded.state === 'error' && <ErrorNotice error={loaded.error} what="Recommendations" />}
      {loaded.state === 'ok' &&
        (loaded.data.length === 0 ? (
          <p className="muted">Add contributing factors to get suggestions.</p>
        ) : (
          loaded.data.map((f) => (
            <div key={f.factor_id} className="repeat-item">
              <h3>
                {humanize(f.category)}: {f.description}
              </h3>
              <ul>
                {f.recommendations.map((r, i) => (
                  <li key={i}>
                    <strong>{r.title}</strong>
                    {r.source === 'rule' ? ` (${r.type})` : ''} — <span className="muted">{r.rationale}</span>
                    {r.source === 'past_lesson' && (
                      <>
                        {' '}
                        Learned in{' '}
                        {r.incident_ids.slice(0, 3).map((id) => (
                          <Link key={id} to={`/incidents/${id}`}>
                            {id}{' '}
                          </Link>
                        ))}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          ))
        ))}
    </section>
  );
}
