import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.js';
import {
  INCIDENT_KINDS,
  MILESTONES,
  SEVERITIES,
  createIncident,
  type IncidentKind,
  type Milestone,
  type Severity,
} from '../api/incidents.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { CheckboxField, SelectField, TextArea, TextField } from '../components/fields.js';
import { fromLocalInput, humanize } from '../format.js';
import { navigate } from '../router.js';

/** Declares an incident; the server allocates its id and checks the milestone order. */
export function NewIncidentPage() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [severity, setSeverity] = useState<Severity>('Medium');
  const [category, setCategory] = useState('');
  const [kind, setKind] = useState<IncidentKind>('incident');
  const [team, setTeam] = useState('');
  const [services, setServices] = useState('');
  const [attackVector, setAttackVector] = useState('');
  const [restricted, setRestricted] = useState(false);
  const [times, setTimes] = useState<Partial<Record<Milestone, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const problem = (path: string) =>
    error instanceof ApiError
      ? error.details.find((d) => d.path === path || d.path.endsWith(`.${path}`))?.problem
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const timestamps = Object.fromEntries(
        Object.entries(times)
          .filter(([, v]) => v)
          .map(([k, v]) => [k, fromLocalInput(v ?? '')]),
      );
      const incident = await createIncident({
        title,
        description,
        severity,
        kind,
        ...(category.trim() ? { category: category.trim() } : {}),
        team: team.trim() || null,
        attack_vector: attackVector.trim() || null,
        affected_services: services
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        restricted,
        timestamps,
      });
      navigate(`/incidents/${incident.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Declare an incident</h1>
      {error !== null && <ErrorNotice error={error} what="The incident was not declared" />}
      <form className="card form-grid" onSubmit={(e) => void submit(e)}>
        <TextField
          label="Title"
          name="title"
          value={title}
          onChange={setTitle}
          required
          problem={problem('title')}
        />
        <TextArea
          label="Description"
          name="description"
          value={description}
          onChange={setDescription}
          rows={4}
          problem={problem('description')}
        />
        <SelectField label="Severity" value={severity} options={SEVERITIES} onChange={setSeverity} required />
        <SelectField
          label="Kind"
          value={kind}
          options={INCIDENT_KINDS}
          onChange={setKind}
          hint="Drills and tests need no review."
        />
        <TextField
          label="Category"
          name="category"
          value={category}
          onChange={setCategory}
          hint="e.g. Data Protection"
          problem={problem('category')}
        />
        <TextField label="Team" name="team" value={team} onChange={setTeam} problem={problem('team')} />
        <TextField
          label="Affected services"
          name="affected_services"
          value={services}
          onChange={setServices}
          hint="Comma-separated"
          problem={problem('affected_services')}
        />
        <TextField
          label="Attack vector"
          name="attack_vector"
          value={attackVector}
          onChange={setAttackVector}
          hint="Security incidents"
        />
        <CheckboxField
          label="Restricted (need to know)"
          checked={restricted}
          onChange={setRestricted}
          hint="Only its members and admins can see a restricted incident."
        />
        <fieldset className="milestones">
          <legend>Timestamps (UTC)</legend>
          {MILESTONES.map((m) => (
            <TextField
              key={m}
              label={humanize(m)}
              name={m}
              type="datetime-local"
              value={times[m] ?? ''}
              onChange={(v) => setTimes((t) => ({ ...t, [m]: v }))}
              problem={problem(`timestamps.${m}`)}
            />
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            Declare incident
          </button>
        </div>
      </form>
    </>
  );
}
