import { useEffect, useState } from 'react';
import { INCIDENT_KINDS, INCIDENT_STATUSES, SEVERITIES, listIncidents } from '../api/incidents.js';
import { canWrite } from '../api/session.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { SelectField, TextField } from '../components/fields.js';
import { formatInstant, humanize } from '../format.js';
import { useAsync } from '../hooks.js';
import { Link, navigate, useLocation } from '../router.js';
import { useSession } from '../session-context.js';

const PAGE_SIZE = 25;
const FILTERS = ['q', 'status', 'severity', 'kind', 'category', 'team', 'service'] as const;
type Filter = (typeof FILTERS)[number];

/** Incidents, searched and filtered on the server and paged; the filters live in the URL so they can be shared. */
export function IncidentsPage() {
  const { user } = useSession();
  const location = useLocation();
  const offset = Number(location.search.get('offset') ?? 0) || 0;
  const applied = Object.fromEntries(FILTERS.map((f) => [f, location.search.get(f) ?? ''])) as Record<
    Filter,
    string
  >;
  const [draft, setDraft] = useState(applied);
  const key = location.search.toString();
  useEffect(() => setDraft(applied), [key]);

  const page = useAsync(() => listIncidents({ ...applied, limit: PAGE_SIZE, offset }), [key]);

  const go = (filters: Record<Filter, string>, nextOffset: number) => {
    const params = new URLSearchParams();
    for (const f of FILTERS) if (filters[f]) params.set(f, filters[f]);
    if (nextOffset > 0) params.set('offset', String(nextOffset));
    const text = params.toString();
    navigate(text ? `/incidents?${text}` : '/incidents');
  };
  const set = (f: Filter) => (value: string) => setDraft((d) => ({ ...d, [f]: value }));

  return (
    <>
      <div className="page-head">
        <h1>Incidents</h1>
        {canWrite(user) && (
          <Link to="/incidents/new" className="button">
            Declare an incident
          </Link>
        )}
      </div>
      <form
        className="filters card"
        role="search"
        aria-label="Search incidents"
        onSubmit={(e) => {
          e.preventDefault();
          go(draft, 0);
        }}
      >
        <TextField label="Search" name="q" value={draft.q} onChange={set('q')} hint="Title and description" />
        <SelectField
          label="Status"
          value={draft.status}
          options={INCIDENT_STATUSES}
          emptyLabel="Any"
          onChange={set('status')}
        />
        <SelectField
          label="Severity"
          value={draft.severity}
          options={SEVERITIES}
          emptyLabel="Any"
          onChange={set('severity')}
        />
        <SelectField
          label="Kind"
          value={draft.kind}
          options={INCIDENT_KINDS}
          emptyLabel="Any"
          onChange={set('kind')}
        />
        <TextField label="Category" name="category" value={draft.category} onChange={set('category')} />
        <TextField label="Team" name="team" value={draft.team} onChange={set('team')} />
        <TextField label="Service" name="service" value={draft.service} onChange={set('service')} />
        <div className="filter-buttons">
          <button type="submit">Search</button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => go(Object.fromEntries(FILTERS.map((f) => [f, ''])) as Record<Filter, string>, 0)}
          >
            Clear
          </button>
        </div>
      </form>
      {page.state === 'loading' && <Loading what="incidents" />}
      {page.state === 'error' && <ErrorNotice error={page.error} what="Loading incidents" />}
      {page.state === 'ok' && (
        <>
          <p className="muted" aria-live="polite">
            {page.data.total === 0
              ? 'No incidents match.'
              : `Showing ${offset + 1}–${offset + page.data.items.length} of ${page.data.total} incidents.`}
          </p>
          {page.data.items.length > 0 && (
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Incidents</caption>
                <thead>
                  <tr>
                    <th scope="col">Incident</th>
                    <th scope="col">Title</th>
                    <th scope="col">Severity</th>
                    <th scope="col">Status</th>
                    <th scope="col">Category</th>
                    <th scope="col">Team</th>
                    <th scope="col">Declared</th>
                  </tr>
                </thead>
                <tbody>
                  {page.data.items.map((incident) => (
                    <tr key={incident.id}>
                      <td>
                        <Link to={`/incidents/${incident.id}`}>{incident.id}</Link>
                      </td>
                      <td>
                        {incident.title}
                        {incident.restricted && <span className="badge badge-restricted">Restricted</span>}
                        {incident.kind !== 'incident' && (
                          <span className="badge">{humanize(incident.kind)}</span>
                        )}
                      </td>
                      <td>
                        <span className={`severity severity-${incident.severity.toLowerCase()}`}>
                          {incident.severity}
                        </span>
                      </td>
                      <td>{humanize(incident.status)}</td>
                      <td>{incident.category}</td>
                      <td>{incident.team ?? '—'}</td>
                      <td>{formatInstant(incident.timestamps.declared ?? incident.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="button-secondary"
              disabled={offset === 0}
              onClick={() => go(applied, Math.max(0, offset - PAGE_SIZE))}
            >
              Previous page
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={offset + PAGE_SIZE >= page.data.total}
              onClick={() => go(applied, offset + PAGE_SIZE)}
            >
              Next page
            </button>
          </nav>
        </>
      )}
    </>
  );
}
