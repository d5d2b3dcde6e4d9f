import { useState } from 'react';
import { SEVERITIES } from '../api/incidents.js';
import { listLessons, listRedactedLessons } from '../api/lessons.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { SelectField, TextField } from '../components/fields.js';
import { humanize } from '../format.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';

const PAGE_SIZE = 20;

/** The lessons-learned repository: full-text search over SEC10-BP08 Step 3 records, plus redacted lessons. */
export function LessonsPage() {
  const [draft, setDraft] = useState({ q: '', severity: '', category: '' });
  const [query, setQuery] = useState(draft);
  const [offset, setOffset] = useState(0);
  const lessons = useAsync(() => listLessons({ ...query, limit: PAGE_SIZE, offset }), [query, offset]);
  const redacted = useAsync(() => listRedactedLessons(query.q), [query.q]);

  return (
    <>
      <h1>Lessons learned</h1>
      <form
        role="search"
        aria-label="Search lessons"
        className="filters card"
        onSubmit={(e) => {
          e.preventDefault();
          setOffset(0);
          setQuery(draft);
        }}
      >
        <TextField
          label="Search lessons"
          name="q"
          value={draft.q}
          onChange={(q) => setDraft((d) => ({ ...d, q }))}
        />
        <SelectField
          label="Severity"
          value={draft.severity}
          options={SEVERITIES}
          emptyLabel="Any"
          onChange={(severity) => setDraft((d) => ({ ...d, severity }))}
        />
        <TextField
          label="Category"
          name="category"
          value={draft.category}
          onChange={(category) => setDraft((d) => ({ ...d, category }))}
        />
        <div className="filter-buttons">
          <button type="submit">Search</button>
        </div>
      </form>
      {lessons.state === 'loading' && <Loading what="lessons" />}
      {lessons.state === 'error' && <ErrorNotice error={lessons.error} what="Lessons" />}
      {lessons.state === 'ok' && (
        <>
          <p className="muted" aria-live="polite">
            {lessons.data.total} lesson records
          </p>
          <ul className="lesson-list">
            {lessons.data.items.map(({ record }) => (
              <li key={record.incident_id} className="card">
                <h2>
                  <Link to={`/incidents/${record.incident_id}`}>{record.incident_id}</Link> {record.title}
                </h2>
                <p className="tags">
                  <span className={`severity severity-${record.severity.toLowerCase()}`}>
                    {record.severity}
                  </span>
                  <span className="badge">{record.category}</span>
                  <span className="muted">{record.date}</span>
                </p>
                {record.summary.description && <p className="prose">{record.summary.description}</p>}
                {record.lessons_learned.length > 0 && (
                  <>
                    <h3>Lessons</h3>
                    <ul>
                      {record.lessons_learned.map((l, i) => (
                        <li key={i}>
                          <strong>{l.priority}:</strong> {l.lesson}{' '}
                          <span className="muted">
                            ({l.implementation.owner}, {l.implementation.status}, {l.implementation.progress}
                            %)
                          </span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {record.root_causes.length > 0 && (
                  <>
                    <h3>Root causes</h3>
                    <ul>
                      {record.root_causes.map((c, i) => (
                        <li key={i}>
                          {humanize(c.type)}: {c.description}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </li>
            ))}
          </ul>
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="button-secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Previous page
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={offset + PAGE_SIZE >= lessons.data.total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Next page
            </button>
          </nav>
        </>
      )}
      <section className="card" aria-labelledby="redacted-title">
        <h2 id="redacted-title">Lessons from restricted incidents (redacted)</h2>
        {redacted.state === 'loading' && <Loading what="redacted lessons" />}
        {redacted.state === 'error' && <ErrorNotice error={redacted.error} what="Redacted lessons" />}
        {redacted.state === 'ok' &&
          (redacted.data.length === 0 ? (
            <p className="muted">No approved redacted lessons{query.q ? ' match' : ''}.</p>
          ) : (
            <ul className="lesson-list">
              {redacted.data.map((r) => (
                <li key={r.public_id}>
                  <h3>{r.title}</h3>
                  {r.summary && <p className="prose">{r.summary}</p>}
                  <ul>
                    {r.lessons.map((l, i) => (
                      <li key={i}>
                        <strong>{l.priority}:</strong> {l.lesson}
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          ))}
      </section>
    </>
  );
}
