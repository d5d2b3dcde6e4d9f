import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.js';
import { MILESTONES, updateIncident, type Incident, type Milestone } from '../api/incidents.js';
import { fromLocalInput, humanize, toLocalInput } from '../format.js';
import { ErrorNotice } from './ErrorNotice.js';
import { TextField } from './fields.js';

/** Edits the milestone timestamps (UTC); the server checks their causal order and keeps an edit history. */
export function TimestampsEditor({
  incident,
  etag,
  onSaved,
}: {
  incident: Incident;
  etag: string | null;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Record<Milestone, string>>(
    () =>
      Object.fromEntries(MILESTONES.map((m) => [m, toLocalInput(incident.timestamps[m])])) as Record<
        Milestone,
        string
      >,
  );
  const [error, setError] = useState<unknown>(null);
  const problem = (m: Milestone) =>
    error instanceof ApiError ? error.details.find((d) => d.path === `timestamps.${m}`)?.problem : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const timestamps = Object.fromEntries(MILESTONES.map((m) => [m, fromLocalInput(values[m])]));
    try {
      await updateIncident(incident.id, { timestamps }, etag);
      onSaved();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Edit timestamps">
      <div className="milestones">
        {MILESTONES.map((m) => (
          <TextField
            key={m}
            label={humanize(m)}
            type="datetime-local"
            value={values[m]}
            onChange={(v) => setValues((all) => ({ ...all, [m]: v }))}
            problem={problem(m)}
          />
        ))}
      </div>
      <button type="submit">Save timestamps</button>
      {error instanceof ApiError && error.code === 'version_conflict' ? (
        <p className="notice notice-error" role="alert">
          Someone changed this incident since you opened it. Reload the page to see their change, then edit
          again.
        </p>
      ) : (
        error !== null && <ErrorNotice error={error} what="The timestamps were not saved" />
      )}
    </form>
  );
}
