import { feedbackStatus } from '../api/feedback.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';

/**
 * Who was asked for feedback on the review, who answered by name, and the counts and mean ratings so far.
 * An anonymous answer is only counted: its author is listed like anyone who has not answered.
 */
export function FeedbackStatusSection({ incidentId }: { incidentId: string }) {
  const loaded = useAsync(() => feedbackStatus(incidentId), [incidentId]);
  return (
    <section className="card" aria-labelledby="feedback-title">
      <h2 id="feedback-title">Participant feedback</h2>
      {loaded.state === 'loading' && <Loading what="feedback" />}
      {loaded.state === 'error' && <ErrorNotice error={loaded.error} what="Feedback status" />}
      {loaded.state === 'ok' && (
        <>
          <p>
            {loaded.data.summary.responses} {loaded.data.summary.responses === 1 ? 'response' : 'responses'}{' '}
            from {loaded.data.summary.requested} asked
            {loaded.data.summary.anonymous > 0 && ` (${loaded.data.summary.anonymous} anonymous)`}
            {loaded.data.summary.mean_response_rating !== null &&
              `, response rated ${loaded.data.summary.mean_response_rating.toFixed(1)}/10`}
            {loaded.data.summary.mean_improvement_rating !== null &&
              `, improvements rated ${loaded.data.summary.mean_improvement_rating.toFixed(1)}/10`}
          </p>
          <ul>
            {loaded.data.participants.map((p) => (
              <li key={p.participant}>
                {p.participant}:{' '}
                {p.responded
                  ? 'answered'
                  : p.requested_at
                    ? `asked ${formatInstant(p.requested_at)}, no named answer`
                    : 'not asked yet'}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
