import { FACTOR_CATEGORIES, type ContributingFactor, type ReviewDocument } from '../api/reviews.js';
import { CheckboxField, SelectField, StringListField, TextArea, TextField } from '../components/fields.js';
import type { EvidenceItem } from '../api/evidence.js';
import { fieldOf } from '../review-template.js';
import { FactorEvidenceLinks } from './FactorEvidence.js';

export interface FormProps {
  doc: ReviewDocument;
  change: (update: (doc: ReviewDocument) => ReviewDocument) => void;
  /** Problem the server named for a path (validation), if any. */
  problem: (path: string) => string | undefined;
  /** Blameless-language warning for a path, if any. */
  warning: (path: string) => string | undefined;
}

function label(path: string): { label: string; hint: string; required: boolean } {
  const f = fieldOf(path);
  return { label: f.label, hint: f.prompt, required: f.required };
}

export function replaceAt<T>(list: T[], i: number, item: T): T[] {
  return list.map((x, j) => (j === i ? item : x));
}

export function MetadataFields({ doc, change, problem, warning }: FormProps) {
  return (
    <>
      <TextField
        {...label('incident_ids')}
        name="incident_ids"
        value={doc.incident_ids.join(', ')}
        onChange={(v) =>
          change((d) => ({
            ...d,
            incident_ids: v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }))
        }
        problem={problem('incident_ids')}
        hint="Comma-separated; the first is the incident the review is filed under."
      />
      <div className="row">
        <TextField
          {...label('incident_date')}
          type="date"
          name="incident_date"
          value={doc.incident_date ?? ''}
          onChange={(v) => change((d) => ({ ...d, incident_date: v || null }))}
          problem={problem('incident_date')}
        />
        <TextField
          {...label('review_date')}
          type="date"
          name="review_date"
          value={doc.review_date ?? ''}
          onChange={(v) => change((d) => ({ ...d, review_date: v || null }))}
          problem={problem('review_date')}
        />
      </div>
      <TextField
        {...label('facilitator')}
        name="facilitator"
        value={doc.facilitator ?? ''}
        onChange={(v) => change((d) => ({ ...d, facilitator: v || null }))}
        problem={problem('facilitator')}
        warning={warning('facilitator')}
      />
      <StringListField
        {...label('participants')}
        itemLabel="Participant"
        values={doc.participants}
        onChange={(participants) => change((d) => ({ ...d, participants }))}
        problem={problem('participants')}
      />
    </>
  );
}

export function SummaryFields({ doc, change, problem, warning }: FormProps) {
  const set = (key: keyof ReviewDocument['summary']) => (value: string) =>
    change((d) => ({ ...d, summary: { ...d.summary, [key]: value } }));
  return (
    <>
      <TextArea
        {...label('summary.description')}
        name="summary.description"
        rows={5}
        value={doc.summary.description}
        onChange={set('description')}
        problem={problem('summary.description')}
        warning={warning('summary.description')}
      />
      <TextArea
        {...label('summary.impact')}
        name="summary.impact"
        value={doc.summary.impact}
        onChange={set('impact')}
        problem={problem('summary.impact')}
        warning={warning('summary.impact')}
      />
      <TextField
        {...label('summary.duration')}
        name="summary.duration"
        value={doc.summary.duration}
        onChange={set('duration')}
        problem={problem('summary.duration')}
      />
    </>
  );
}

export function ResponseFields({ doc, change, problem }: FormProps) {
  const set = (key: keyof ReviewDocument['response_analysis']) => (values: string[]) =>
    change((d) => ({ ...d, response_analysis: { ...d.response_analysis, [key]: values } }));
  return (
    <>
      <StringListField
        {...label('response_analysis.what_went_well')}
        itemLabel="Went well"
        values={doc.response_analysis.what_went_well}
        onChange={set('what_went_well')}
        problem={problem('response_analysis.what_went_well')}
      />
      <StringListField
        {...label('response_analysis.what_could_improve')}
        itemLabel="Could improve"
        values={doc.response_analysis.what_could_improve}
        onChange={set('what_could_improve')}
        problem={problem('response_analysis.what_could_improve')}
      />
    </>
  );
}

export function FactorFields({
  doc,
  change,
  problem,
  warning,
  linkable,
}: FormProps & { linkable: readonly EvidenceItem[] }) {
  const set = (i: number, patch: Partial<ContributingFactor>) =>
    change((d) => ({
      ...d,
      contributing_factors: replaceAt(d.contributing_factors, i, {
        ...(d.contributing_factors[i] as ContributingFactor),
        ...patch,
      }),
    }));
  return (
    <fieldset className="repeat">
      <legend>Contributing factors</legend>
      <p className="hint">As many as apply; no single root cause is required.</p>
      {doc.contributing_factors.map((f, i) => (
        <div className="repeat-item" key={i}>
          <SelectField
            label={`Category (factor ${i + 1})`}
            value={f.category}
            options={FACTOR_CATEGORIES}
            onChange={(category) => set(i, { category })}
          />
          <TextArea
            label={`Contributing factor ${i + 1}`}
            value={f.description}
            onChange={(description) => set(i, { description })}
            problem={problem(`contributing_factors[${i}].description`)}
            warning={warning(`contributing_factors[${i}].description`)}
          />
          <TextArea
            label={`Evidence (factor ${i + 1})`}
            hint="One link or note per line"
            rows={2}
            value={f.evidence.join('\n')}
            onChange={(v) => set(i, { evidence: v.split('\n').filter((line) => line.trim()) })}
          />
          <FactorEvidenceLinks
            factor={i + 1}
            linkable={linkable}
            selected={f.evidence_ids ?? []}
            onChange={(evidence_ids) => set(i, { evidence_ids })}
          />
          {(f.evidence_ids ?? [])
            .map((_, e) => problem(`contributing_factors[${i}].evidence_ids[${e}]`))
            .filter((text) => text !== undefined)
            .map((text) => (
              <p key={text} className="field-problem" role="alert">
                {text}
              </p>
            ))}
          <CheckboxField
            label={`Primary factor ${i + 1}`}
            checked={f.primary}
            onChange={(primary) => set(i, { primary })}
          />
          {f.source.analysis !== 'manual' && (
            <p className="muted">From the {f.source.analysis.replace('_', ' ')} analysis.</p>
          )}
          <button
            type="button"
            className="button-quiet"
            onClick={() =>
              change((d) => ({
                ...d,
                contributing_factors: d.contributing_factors.filter((_, j) => j !== i),
              }))
            }
          >
            Remove factor {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          change((d) => ({
            ...d,
            contributing_factors: [
              ...d.contributing_factors,
              {
                category: 'process',
                description: '',
                primary: false,
                evidence: [],
                source: { analysis: 'manual' },
              },
            ],
          }))
        }
      >
        Add contributing factor
      </button>
    </fieldset>
  );
}
