import { useEffect, useState } from 'react';
import {
  approveRedactedLesson,
  getIncidentRedactedLesson,
  submitRedactedLesson,
  type RedactedLessonInput,
} from '../api/lessons.js';
import { PRIORITIES } from '../api/reviews.js';
import { canApprove, canWrite } from '../api/session.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { SelectField, TextArea, TextField } from '../components/fields.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';
import { useSession } from '../session-context.js';

const EMPTY: RedactedLessonInput = {
  title: '',
  summary: '',
  severity: null,
  factor_categories: [],
  lessons: [],
};

/**
 * For a restricted incident: the lesson it shares with everyone, written with only the fields its authors
 * choose, and approved by a reviewer other than its author before anyone else can read it.
 */
export function RedactedLessonSection({ incidentId }: { incidentId: string }) {
  const { user } = useSession();
  const loaded = useAsync(() => getIncidentRedactedLesson(incidentId), [incidentId]);
  const [draft, setDraft] = useState<RedactedLessonInput>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (loaded.state === 'ok' && loaded.data) {
      const { title, summary, severity, factor_categories, lessons } = loaded.data;
      setDraft({ title, summary, severity, factor_categories, lessons });
    }
  }, [loaded.state, loaded.data]);

  const run = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      loaded.reload();
    } catch (e) {
      setError(e);
    }
  };
  const lesson = draft.lessons[0] ?? { lesson: '', category: '', priority: 'Medium' };
  const setLesson = (patch: Partial<typeof lesson>) =>
    setDraft((d) => ({ ...d, lessons: [{ ...lesson, ...patch }] }));

  return (
    <section className="card" aria-labelledby="redacted-title">
      <h2 id="redacted-title">Redacted lesson for everyone</h2>
      <p className="muted">
        This incident is restricted. Share what others should learn without its details.
      </p>
      {loaded.state === 'loading' && <Loading what="the redacted lesson" />}
      {loaded.state === 'error' && <ErrorNotice error={loaded.error} what="Redacted lesson" />}
      {loaded.state === 'ok' && (
        <>
          {loaded.data && (
            <p>
              Status:{' '}
              <strong>
                {loaded.data.status === 'approved'
                  ? 'approved, readable by everyone'
                  : 'waiting for a reviewer'}
              </strong>
              {loaded.data.approved_at && ` (approved ${formatInstant(loaded.data.approved_at)})`}
            </p>
          )}
          {canWrite(user) && (
            <form
              aria-label="Redacted lesson"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => submitRedactedLesson(incidentId, draft));
              }}
            >
              <TextField
                label="Shared title"
                value={draft.title}
                onChange={(title) => setDraft((d) => ({ ...d, title }))}
                required
              />
              <TextArea
                label="Shared summary"
                value={draft.summary}
                onChange={(summary) => setDraft((d) => ({ ...d, summary }))}
              />
              <TextArea
                label="Shared lesson"
                value={lesson.lesson}
                onChange={(text) => setLesson({ lesson: text })}
                required
              />
              <SelectField
                label="Shared lesson priority"
                value={lesson.priority as (typeof PRIORITIES)[number]}
                options={PRIORITIES}
                onChange={(priority) => setLesson({ priority })}
              />
              <button type="submit">{loaded.data ? 'Resubmit for review' : 'Submit for review'}</button>
            </form>
          )}
          {loaded.data?.status === 'pending_review' && canApprove(user) && (
            <button
              type="button"
              className="button-secondary"
              onClick={() => void run(() => approveRedactedLesson(incidentId))}
            >
              Approve for everyone
            </button>
          )}
          {error !== null && <ErrorNotice error={error} what="The redacted lesson" />}
        </>
      )}
    </section>
  );
}
