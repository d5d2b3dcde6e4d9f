import { useState } from 'react';
import {
  EVIDENCE_SOURCE_LABELS,
  SUGGESTED_MILESTONES,
  acceptMilestone,
  suggestedMilestones,
  type SuggestedMilestone,
} from '../api/evidence.js';
import type { Incident } from '../api/incidents.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { formatInstant, humanize } from '../format.js';
import { useAsync } from '../hooks.js';

/**
 * Milestone times the evidence suggests, each with its reason, beside the incident's current value. The
 * reviewer accepts one at a time; nothing changes without that click.
 */
export function MilestoneSuggestionsSection({
  incident,
  canWrite,
  version,
  onAccepted,
}: {
  incident: Incident;
  canWrite: boolean;
  version: number;
  onAccepted: () => void;
}) {
  const suggestions = useAsync(() => suggestedMilestones(incident.id), [incident.id, version]);
  const [busy, setBusy] = useState<SuggestedMilestone | null>(null);
  const [error, setError] = useState<unknown>(null);

  const accept = async (milestone: SuggestedMilestone) => {
    setBusy(milestone);
    setError(null);
    try {
      await acceptMilestone(incident.id, milestone);
      onAccepted();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="card" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title">Milestones suggested by the evidence</h2>
      {suggestions.state === 'loading' && <Loading what="milestone suggestions" />}
      {suggestions.state === 'error' && (
        <ErrorNotice error={suggestions.error} what="Milestone suggestions" />
      )}
      {suggestions.state === 'ok' && (
        <div className="table-wrap">
          <table className="compact">
            <caption className="visually-hidden">Suggested milestone times</caption>
            <thead>
              <tr>
                <th scope="col">Milestone</th>
                <th scope="col">Current</th>
                <th scope="col">Suggested</th>
                <th scope="col">Reason</th>
                {canWrite && (
                  <th scope="col">
                    <span className="visually-hidden">Accept</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {SUGGESTED_MILESTONES.map((m) => {
                const suggestion = suggestions.data[m];
                const current = incident.timestamps[m];
                const same =
                  suggestion !== null &&
                  current !== null &&
                  new Date(current).getTime() === new Date(suggestion.time).getTime();
                return (
                  <tr key={m}>
                    <th scope="row">{humanize(m)}</th>
                    <td>{formatInstant(current)}</td>
                    <td>{suggestion ? formatInstant(suggestion.time) : 'No suggestion'}</td>
                    <td className="break">
                      {suggestion ? (
                        <>
                          {suggestion.reason}
                          <span className="muted">
                            {' '}
                            (
                            {suggestion.evidence
                              .map((e) => `${EVIDENCE_SOURCE_LABELS[e.source]} ${e.source_id}`)
                              .join('; ')}
                            )
                          </span>
                        </>
                      ) : (
                        <span className="muted">The evidence supports no time for this milestone.</span>
                      )}
                    </td>
                    {canWrite && (
                      <td>
                        {suggestion && !same ? (
                          <button
                            type="button"
                            className="button"
                            disabled={busy !== null}
                            aria-label={`Accept ${humanize(m).toLowerCase()} at ${formatInstant(suggestion.time)}`}
                            onClick={() => void accept(m)}
                          >
                            Accept
                          </button>
                        ) : suggestion ? (
                          <span className="muted">Already set</span>
                        ) : null}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} what="The milestone was not accepted" />}
    </section>
  );
}
