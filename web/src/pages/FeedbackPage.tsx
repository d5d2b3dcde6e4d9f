import { useState, type FormEvent } from 'react';
import { getFeedbackRequest, submitFeedback } from '../api/feedback.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { CheckboxField, SelectField, TextArea } from '../components/fields.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';

const RATINGS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;
type Rating = (typeof RATINGS)[number];

/** The feedback form a participant reaches from the link in the feedback request. */
export function FeedbackPage({ token }: { token: string }) {
  const loaded = useAsync(() => getFeedbackRequest(token), [token]);
  const [response, setResponse] = useState<Rating>('8');
  const [improvement, setImprovement] = useState<Rating>('8');
  const [wentWell, setWentWell] = useState('');
  const [toImprove, setToImprove] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);

  if (loaded.state === 'loading') return <Loading what="the feedback request" />;
  if (loaded.state === 'error') {
    return (
      <>
        <h1>Feedback</h1>
        <ErrorNotice error={loaded.error} what="The feedback request" />
      </>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await submitFeedback(token, {
        response_rating: Number(response),
        improvement_rating: Number(improvement),
        went_well: wentWell,
        to_improve: toImprove,
        anonymous,
      });
      setSent(true);
    } catch (e) {
      setError(e);
    }
  };
  if (sent || loaded.data.submitted) {
    return (
      <>
        <h1>Feedback</h1>
        <p className="notice notice-ok">Thank you: your feedback on {loaded.data.incident_id} is recorded.</p>
      </>
    );
  }
  return (
    <>
      <h1>Feedback on {loaded.data.incident_id}</h1>
      <p>
        {loaded.data.incident_title}
        {loaded.data.deadline && (
          <span className="muted"> — please answer by {formatInstant(loaded.data.deadline)}</span>
        )}
      </p>
      <form className="card" onSubmit={(e) => void submit(e)}>
        <SelectField
          label="How well did the response go? (1–10)"
          value={response}
          options={RATINGS}
          onChange={setResponse}
        />
        <SelectField
          label="How effective are the improvements? (1–10)"
          value={improvement}
          options={RATINGS}
          onChange={setImprovement}
        />
        <TextArea label="What went well?" value={wentWell} onChange={setWentWell} />
        <TextArea label="What should improve?" value={toImprove} onChange={setToImprove} />
        <CheckboxField
          label="Send anonymously"
          checked={anonymous}
          onChange={setAnonymous}
          hint="No identity is stored with anonymous feedback."
        />
        <button type="submit">Send feedback</button>
        {error !== null && <ErrorNotice error={error} what="Your feedback was not sent" />}
      </form>
    </>
  );
}
