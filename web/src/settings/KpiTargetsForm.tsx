import { useState } from 'react';
import { ApiError } from '../api/http.js';
import { getKpiTargets, putKpiTargets, type KpiTargetSource, type KpiTargetsView } from '../api/settings.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { TextField } from '../components/fields.js';
import { formatInstant } from '../format.js';
import { useAsync } from '../hooks.js';
import { usePersonName } from '../people.js';

const SOURCE: Record<KpiTargetSource, string> = {
  stored: 'set here',
  configured: 'start-up file',
  built_in: 'built in',
};

/**
 * KPI targets in force, editable by administrators. A target left as it came from the start-up file or
 * the built-in defaults is not stored, so a later change of those still applies to it.
 */
export function KpiTargetsForm({ editable }: { editable: boolean }) {
  const loaded = useAsync(() => getKpiTargets(), []);
  // Kept here: the editor starts afresh from each saved version, and the confirmation must outlive it.
  const [saved, setSaved] = useState(false);
  if (loaded.state === 'loading') return <Loading what="KPI targets" />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what="KPI targets" />;
  return (
    <Editor
      key={loaded.data.view.version}
      {...loaded.data}
      editable={editable}
      saved={saved}
      onSaved={(done) => {
        setSaved(done);
        if (done) loaded.reload();
      }}
    />
  );
}

function Editor(props: {
  view: KpiTargetsView;
  etag: string | null;
  editable: boolean;
  saved: boolean;
  onSaved: (done: boolean) => void;
}) {
  const { view, editable, saved } = props;
  const nameOf = usePersonName();
  const initial = Object.fromEntries(view.items.map((i) => [i.id, i.target.text]));
  const [texts, setTexts] = useState<Record<string, string>>(initial);
  const [error, setError] = useState<unknown>(null);
  const problems = error instanceof ApiError ? error.details : [];
  const problemOf = (id: string) => problems.find((p) => p.path === `targets.${id}`)?.problem;

  const save = async (reset: boolean) => {
    setError(null);
    props.onSaved(false);
    // Only targets that differ from the file or built-in one, or were stored before, are stored.
    const targets = reset
      ? {}
      : Object.fromEntries(
          view.items
            .filter((i) => i.source === 'stored' || texts[i.id]?.trim() !== i.target.text)
            .map((i) => [i.id, texts[i.id]?.trim() ?? '']),
        );
    try {
      await putKpiTargets(targets, props.etag);
      props.onSaved(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <form
      aria-label="KPI targets"
      onSubmit={(e) => {
        e.preventDefault();
        void save(false);
      }}
    >
      <p className="muted">
        Write a target as “&gt; 90%”, “&lt; 5 business days”, “&gt; 8/10”, “&lt; 30 minutes” or “Decreasing
        trend”.{' '}
        {view.version === 0
          ? 'None stored yet.'
          : `Stored version ${view.version}, by ${nameOf(view.updated_by)} at ${formatInstant(view.updated_at)}.`}
      </p>
      <div className="form-grid">
        {view.items.map((item) =>
          editable ? (
            <TextField
              key={item.id}
              label={item.name}
              name={item.id}
              value={texts[item.id] ?? ''}
              onChange={(text) => setTexts((t) => ({ ...t, [item.id]: text }))}
              hint={`From: ${SOURCE[item.source]}`}
              problem={problemOf(item.id)}
            />
          ) : (
            <p key={item.id}>
              <strong>{item.name}</strong>: {item.target.text}{' '}
              <span className="muted">({SOURCE[item.source]})</span>
            </p>
          ),
        )}
      </div>
      {editable && (
        <div className="button-row">
          <button type="submit">Save KPI targets</button>
          <button type="button" className="button-secondary" onClick={() => void save(true)}>
            Reset to file and built-in targets
          </button>
        </div>
      )}
      {saved && (
        <p className="notice notice-ok" role="status">
          KPI targets saved; the dashboard judges every KPI by them now.
        </p>
      )}
      {error !== null && <ErrorNotice error={error} what="KPI targets" />}
    </form>
  );
}
