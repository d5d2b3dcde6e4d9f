import { useState, type FormEvent } from 'react';
import {
  ACTION_TYPES,
  EVIDENCE_KINDS,
  createAction,
  recordProgress,
  verifyAction,
  type Action,
  type ActionType,
  type EvidenceKind,
} from '../api/actions.js';
import { ApiError } from '../api/http.js';
import { PRIORITIES, type Priority } from '../api/reviews.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { SelectField, TextArea, TextField } from '../components/fields.js';

function problemOf(error: unknown, path: string): string | undefined {
  return error instanceof ApiError ? error.details.find((d) => d.path === path)?.problem : undefined;
}

const SCORES = ['1', '2', '3', '4', '5'] as const;

/** Creates an improvement action (SEC10-BP08 Step 4) from one or more incidents. */
export function NewActionForm({ onCreated }: { onCreated: (action: Action) => void }) {
  const [incidents, setIncidents] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<ActionType>('preventive');
  const [category, setCategory] = useState('');
  const [ownerKind, setOwnerKind] = useState<'user' | 'team'>('team');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<Priority>('High');
  const [risk, setRisk] = useState<(typeof SCORES)[number]>('3');
  const [feasibility, setFeasibility] = useState<(typeof SCORES)[number]>('3');
  const [criteria, setCriteria] = useState('');
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const action = await createAction({
        incident_ids: incidents
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        title,
        description,
        type,
        category,
        owner: { kind: ownerKind, id: owner },
        due_date: due,
        priority,
        risk_reduction: Number(risk),
        feasibility: Number(feasibility),
        success_criteria: criteria,
      });
      setTitle('');
      setDescription('');
      setCriteria('');
      onCreated(action);
    } catch (e) {
      setError(e);
    }
  };
  const p = (path: string) => problemOf(error, path);
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} aria-label="New action">
      <TextField
        label="Incidents"
        name="incident_ids"
        hint="Comma-separated incident ids"
        required
        value={incidents}
        onChange={setIncidents}
        problem={p('incident_ids')}
      />
      <TextField
        label="Action title"
        name="title"
        required
        value={title}
        onChange={setTitle}
        problem={p('title')}
      />
      <TextArea
        label="Action description"
        name="description"
        value={description}
        onChange={setDescription}
        problem={p('description')}
      />
      <SelectField label="Type" value={type} options={ACTION_TYPES} onChange={setType} />
      <TextField
        label="Action category"
        name="category"
        required
        value={category}
        onChange={setCategory}
        problem={p('category')}
      />
      <SelectField
        label="Owner is a"
        value={ownerKind}
        options={['team', 'user'] as const}
        onChange={setOwnerKind}
      />
      <TextField
        label="Action owner"
        name="owner"
        required
        value={owner}
        onChange={setOwner}
        problem={p('owner.id')}
      />
      <TextField
        label="Due date"
        name="due_date"
        type="date"
        required
        value={due}
        onChange={setDue}
        problem={p('due_date')}
      />
      <SelectField label="Action priority" value={priority} options={PRIORITIES} onChange={setPriority} />
      <SelectField label="Risk reduction (1–5)" value={risk} options={SCORES} onChange={setRisk} />
      <SelectField label="Feasibility (1–5)" value={feasibility} options={SCORES} onChange={setFeasibility} />
      <TextArea
        label="Success criteria"
        name="success_criteria"
        required
        value={criteria}
        onChange={setCriteria}
        problem={p('success_criteria')}
      />
      <div className="form-actions">
        <button type="submit">Create action</button>
      </div>
      {error !== null && <ErrorNotice error={error} what="The action was not created" />}
    </form>
  );
}

/** Progress updates (reaching 100 completes the action) and verification with evidence. */
export function ActionUpdateForms({
  action,
  onChanged,
}: {
  action: Action;
  onChanged: (action: Action) => void;
}) {
  const [progress, setProgress] = useState(String(action.progress));
  const [note, setNote] = useState('');
  const [kind, setKind] = useState<EvidenceKind>('test');
  const [evidence, setEvidence] = useState('');
  const [recheck, setRecheck] = useState('');
  const [error, setError] = useState<unknown>(null);

  const run = async (work: () => Promise<Action>) => {
    setError(null);
    try {
      onChanged(await work());
      setNote('');
      setEvidence('');
    } catch (e) {
      setError(e);
    }
  };
  const closed = action.status === 'verified' || action.status === 'wont_do';
  return (
    <div className="action-forms">
      {!closed && action.status !== 'completed' && (
        <form
          aria-label={`Progress of ${action.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => recordProgress(action.id, Number(progress), note));
          }}
        >
          <TextField
            label="Progress (%)"
            type="number"
            name="progress"
            value={progress}
            onChange={setProgress}
            hint="100 marks the action completed"
          />
          <TextField label="Progress note" name="note" value={note} onChange={setNote} />
          <button type="submit">Record progress</button>
        </form>
      )}
      {action.status === 'completed' && (
        <form
          aria-label={`Verify ${action.id}`}
          onSubmit={(e) => {
            e.preventDefault();
            void run(() =>
              verifyAction(action.id, {
                evidence_kind: kind,
                evidence,
                ...(recheck ? { recheck_on: recheck } : {}),
              }),
            );
          }}
        >
          <SelectField label="Evidence kind" value={kind} options={EVIDENCE_KINDS} onChange={setKind} />
          <TextArea
            label="Evidence"
            name="evidence"
            value={evidence}
            onChange={setEvidence}
            hint="What shows the action works: a test result, an exercise, a link"
            required
          />
          <TextField
            label="Re-check on"
            type="date"
            name="recheck_on"
            value={recheck}
            onChange={setRecheck}
          />
          <button type="submit">Verify action</button>
        </form>
      )}
      {action.verification && (
        <p className="notice notice-ok">
          Verified by {action.verification.verified_by} ({action.verification.evidence_kind}):{' '}
          {action.verification.evidence}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} what={`${action.id} was not updated`} />}
    </div>
  );
}
