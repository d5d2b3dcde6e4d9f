import { useId, type ReactNode } from 'react';

interface Common {
  label: string;
  hint?: string | undefined;
  required?: boolean | undefined;
  /** A problem the server named for this field. */
  problem?: string | undefined;
  /** A non-blocking note (e.g. blameless-language warning). */
  warning?: string | undefined;
  name?: string | undefined;
}

function Describe({
  id,
  hint,
  problem,
  warning,
}: {
  id: string;
  hint?: string | undefined;
  problem?: string | undefined;
  warning?: string | undefined;
}) {
  return (
    <>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {problem && (
        <span id={`${id}-problem`} className="field-problem">
          {problem}
        </span>
      )}
      {warning && (
        <span id={`${id}-warning`} className="field-warning">
          {warning}
        </span>
      )}
    </>
  );
}

function describedBy(id: string, c: Common): string | undefined {
  const ids = [c.hint && `${id}-hint`, c.problem && `${id}-problem`, c.warning && `${id}-warning`].filter(
    Boolean,
  );
  return ids.length ? ids.join(' ') : undefined;
}

/** The label, and outside it a visual required marker (the input's `required` tells assistive technology). */
function LabelLine({ id, label, required }: { id: string; label: string; required?: boolean | undefined }) {
  return (
    <div className="label-line">
      <label htmlFor={id}>{label}</label>
      {required && (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </div>
  );
}

function LabelText({ label, required }: { label: string; required?: boolean | undefined }) {
  return (
    <span className="label-text">
      {label}
      {required && (
        <span className="required" aria-hidden="true">
          {' '}
          *
        </span>
      )}
    </span>
  );
}

export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    type?: string;
    placeholder?: string;
    autoComplete?: string;
  },
) {
  const id = useId();
  return (
    <div className={`field${props.problem ? ' has-problem' : ''}`}>
      <LabelLine id={id} label={props.label} required={props.required} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <Describe id={id} hint={props.hint} problem={props.problem} warning={props.warning} />
    </div>
  );
}

export function TextArea(
  props: Common & { value: string; onChange: (value: string) => void; rows?: number; readOnly?: boolean },
) {
  const id = useId();
  return (
    <div className={`field${props.problem ? ' has-problem' : ''}`}>
      <LabelLine id={id} label={props.label} required={props.required} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 3}
        readOnly={props.readOnly}
        value={props.value}
        required={props.required}
        aria-invalid={props.problem ? true : undefined}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <Describe id={id} hint={props.hint} problem={props.problem} warning={props.warning} />
    </div>
  );
}

export function SelectField<T extends string>(
  props: Common & {
    value: T | '';
    options: readonly T[];
    onChange: (value: T) => void;
    emptyLabel?: string;
    labels?: Partial<Record<T, string>>;
  },
) {
  const id = useId();
  return (
    <div className={`field${props.problem ? ' has-problem' : ''}`}>
      <LabelLine id={id} label={props.label} required={props.required} />
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-describedby={describedBy(id, props)}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.labels?.[option] ?? option}
          </option>
        ))}
      </select>
      <Describe id={id} hint={props.hint} problem={props.problem} warning={props.warning} />
    </div>
  );
}

export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint && <span className="hint">{props.hint}</span>}
    </div>
  );
}

/** A list of short texts (participants, what went well) with add and remove buttons. */
export function StringListField(
  props: Common & { values: string[]; onChange: (values: string[]) => void; itemLabel: string },
) {
  const id = useId();
  const set = (i: number, value: string) => props.onChange(props.values.map((v, j) => (j === i ? value : v)));
  return (
    <fieldset
      className={`field list-field${props.problem ? ' has-problem' : ''}`}
      aria-describedby={describedBy(id, props)}
    >
      <legend>
        <LabelText label={props.label} required={props.required} />
      </legend>
      {props.values.map((value, i) => (
        <div className="list-row" key={i}>
          <input
            aria-label={`${props.itemLabel} ${i + 1}`}
            value={value}
            onChange={(e) => set(i, e.target.value)}
          />
          <button
            type="button"
            className="button-quiet"
            onClick={() => props.onChange(props.values.filter((_, j) => j !== i))}
          >
            Remove
            <span className="visually-hidden">
              {' '}
              {props.itemLabel.toLowerCase()} {i + 1}
            </span>
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() => props.onChange([...props.values, ''])}
      >
        Add {props.itemLabel.toLowerCase()}
      </button>
      <Describe id={id} hint={props.hint} problem={props.problem} warning={props.warning} />
    </fieldset>
  );
}

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  return (
    <section className="card" aria-labelledby={id ? `${id}-title` : undefined}>
      <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
      {children}
    </section>
  );
}
