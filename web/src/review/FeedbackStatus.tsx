import { feedbackStatus, feedbackSummary, type FeedbackSummary } from '../api/feedback.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';

/**
 * Who was asked for feedback on the review, who answered by name, and the counts and mean ratings so far.
 * An anonymous answer is only counted: its author is listed like anyone who has not answered.
 */
export function FeedbackStatusSection({ incidentId }: { incidentId: string }) {
  const loaded = useAsync(
    () =>
      Promise.all([feedbackStatus(incidentId), feedbackSummary(incidentId)]).then(([status, answers]) => ({
        ...status,
        answers,
      })),
    [incidentId],
  );
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
          <FeedbackAnswers answers={loaded.data.answers} />
        </>
      )}
    </section>
  );
}

/** What participants wrote, as text, never tied to who wrote it. */
function FeedbackAnswers({ answers }: { answers: FeedbackSummary }) {
  if (answers.responses === 0) return null;
  const lists: Array<[string, string[]]> = [
    ['What went well', answers.went_well],
    ['What could improve', answers.to_improve],
  ];
  return (
    <>
      {answers.median_response_rating !== null && answers.median_improvement_rating !== null && (
        <p className="muted">
          Medians: response {answers.median_response_rating}/10, improvements{' '}
          {answers.median_improvement_rating}/10.
        </p>
      )}
      {lists.map(([title, items]) => (
        <div key={title}>
          <h3>{title}</h3>
          {items.length === 0 ? (
            <p className="muted">No answers.</p>
          ) : (
            <ul aria-label={title}>
              {items.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </>
  );
}
