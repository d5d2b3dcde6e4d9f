import { useState } from 'react';
import { ACTION_STATUSES, isOverdue, listActions, type Action, type ActionStatus } from '../api/actions.js';
import { PRIORITIES } from '../api/reviews.js';
import { canWrite } from '../api/session.js';
import { ActionUpdateForms, NewActionForm } from '../actions/ActionForms.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { SelectField, TextField } from '../components/fields.js';
import { humanize } from '../format.js';
import { todayUtc, useAsync } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session-context.js';

const STATUS_LABELS: Record<ActionStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  blocked: 'Blocked',
  completed: 'Completed',
  verified: 'Verified',
  wont_do: 'Won’t do',
};

function ActionCard({
  action,
  today,
  selected,
  onSelect,
}: {
  action: Action;
  today: string;
  selected: boolean;
  onSelect: () => void;
}) {
  const overdue = isOverdue(action, today);
  return (
    <article
      className={`action-card${overdue ? ' overdue' : ''}`}
      aria-label={`${action.id} ${action.title}`}
    >
      <h3>
        <button type="button" className="link-button" aria-expanded={selected} onClick={onSelect}>
          {action.title}
        </button>
      </h3>
      <p className="muted">
        {action.id} · {humanize(action.type)} · {action.priority}
      </p>
      <p>
        Owner: {action.owner.id} ({action.owner.kind}) · due {action.due_date}
        {overdue && <span className="badge badge-overdue">Overdue</span>}
      </p>
      <progress max={100} value={action.progress} aria-label={`Progress of ${action.id}`}>
        {action.progress}%
      </progress>
      <p className="muted">
        {action.incident_ids.map((id) => (
          <Link key={id} to={`/incidents/${id}`}>
            {id}{' '}
          </Link>
        ))}
      </p>
    </article>
  );
}

/** Improvement actions as a kanban board by status and as a table, with progress and verification. */
export function ActionsPage() {
  const { user } = useSession();
  const [filters, setFilters] = useState({ owner: '', team: '', priority: '' });
  const [applied, setApplied] = useState(filters);
  const [view, setView] = useState<'board' | 'table'>('board');
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const actions = useAsync(() => listActions({ ...applied, limit: 200 }), [applied]);
  const today = todayUtc();

  if (actions.state === 'error') {
    return (
      <>
        <h1>Actions</h1>
        <ErrorNotice error={actions.error} what="The actions board" />
      </>
    );
  }

  const items = actions.state === 'ok' ? actions.data.items : [];
  const current = items.find((a) => a.id === selected) ?? null;
  const overdueCount = items.filter((a) => isOverdue(a, today)).length;

  return (
    <>
      <div className="page-head">
        <h1>Actions</h1>
        {canWrite(user) && (
          <button type="button" onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
            New action
          </button>
        )}
      </div>
      {creating && (
        <section className="card" aria-labelledby="new-action-title">
          <h2 id="new-action-title">New action</h2>
          <NewActionForm
            onCreated={(a) => {
              setCreating(false);
              setSelected(a.id);
              actions.reload();
            }}
          />
        </section>
      )}
      <form
        className="filters card"
        aria-label="Filter actions"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(filters);
        }}
      >
        <TextField
          label="Filter by owner"
          value={filters.owner}
          onChange={(owner) => setFilters((f) => ({ ...f, owner }))}
        />
        <TextField
          label="Filter by team"
          value={filters.team}
          onChange={(team) => setFilters((f) => ({ ...f, team }))}
        />
        <SelectField
          label="Filter by priority"
          value={filters.priority}
          options={PRIORITIES}
          emptyLabel="Any"
          onChange={(priority) => setFilters((f) => ({ ...f, priority }))}
        />
        <div className="filter-buttons">
          <button type="submit">Filter</button>
        </div>
      </form>
      <div className="toolbar" role="group" aria-label="View">
        <button
          type="button"
          className={view === 'board' ? '' : 'button-secondary'}
          aria-pressed={view === 'board'}
          onClick={() => setView('board')}
        >
          Board
        </button>
        <button
          type="button"
          className={view === 'table' ? '' : 'button-secondary'}
          aria-pressed={view === 'table'}
          onClick={() => setView('table')}
        >
          Table
        </button>
        {actions.state === 'ok' && (
          <span className="muted" aria-live="polite">
            {items.length} actions, {overdueCount} overdue
          </span>
        )}
      </div>
      {actions.state === 'loading' && <Loading what="actions" />}
      {current && (
        <section className="card" aria-labelledby="selected-title">
          <h2 id="selected-title">
            {current.id}: {current.title}
          </h2>
          {current.description && <p className="prose">{current.description}</p>}
          <p>Success criteria: {current.success_criteria}</p>
          <p>
            Status: {STATUS_LABELS[current.status]} · progress {current.progress}%
          </p>
          {canWrite(user) && (
            <ActionUpdateForms
              key={`${current.id}-${current.status}`}
              action={current}
              onChanged={() => actions.reload()}
            />
          )}
          {current.history.length > 0 && (
            <details>
              <summary>History ({current.history.length})</summary>
              <ul>
                {current.history.map((h, i) => (
                  <li key={i}>
                    {h.at.slice(0, 16).replace('T', ' ')} {h.by}: {humanize(h.kind)}{' '}
                    {STATUS_LABELS[h.from_status]} → {STATUS_LABELS[h.to_status]}, {h.progress}%
                    {h.note && ` — ${h.note}`}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
      {actions.state === 'ok' && view === 'board' && (
        <div className="board">
          {ACTION_STATUSES.map((status) => {
            const column = items.filter((a) => a.status === status);
            return (
              <section key={status} className="board-column" aria-labelledby={`col-${status}`}>
                <h2 id={`col-${status}`}>
                  {STATUS_LABELS[status]} <span className="count">{column.length}</span>
                </h2>
                {column.map((a) => (
                  <ActionCard
                    key={a.id}
                    action={a}
                    today={today}
                    selected={selected === a.id}
                    onSelect={() => setSelected(selected === a.id ? null : a.id)}
                  />
                ))}
              </section>
            );
          })}
        </div>
      )}
      {actions.state === 'ok' && view === 'table' && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Actions</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Priority</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id} className={isOverdue(a, today) ? 'overdue' : undefined}>
                  <td>
                    <button type="button" className="link-button" onClick={() => setSelected(a.id)}>
                      {a.id}
                    </button>
                  </td>
                  <td>{a.title}</td>
                  <td>{STATUS_LABELS[a.status]}</td>
                  <td>{a.priority}</td>
                  <td>{a.owner.id}</td>
                  <td>
                    {a.due_date}
                    {isOverdue(a, today) && <span className="badge badge-overdue">Overdue</span>}
                  </td>
                  <td>{a.progress}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
