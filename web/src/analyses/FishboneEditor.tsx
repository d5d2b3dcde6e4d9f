import {
  FISHBONE_BRANCHES,
  type Fishbone,
  type FishboneCause,
  type FishboneSubCause,
} from '../api/analyses.js';
import { FACTOR_CATEGORIES, type FactorCategory } from '../api/reviews.js';
import { SelectField, TextArea, TextField } from '../components/fields.js';
import { freshId } from './ids.js';

function ids(f: Fishbone): string[] {
  const sub = (s: FishboneSubCause[]): string[] => s.flatMap((x) => [x.id, ...sub(x.sub_causes)]);
  return f.causes.flatMap((c) => [c.id, ...sub(c.sub_causes)]);
}

/** Fishbone (Ishikawa): causes on the six branches, each mapped to a contributing-factor category. */
export function FishboneEditor({ value, onChange }: { value: Fishbone; onChange: (next: Fishbone) => void }) {
  const setCause = (id: string, fn: (c: FishboneCause) => FishboneCause | null) =>
    onChange({
      ...value,
      causes: value.causes.flatMap((c) => {
        if (c.id !== id) return [c];
        const next = fn(c);
        return next ? [next] : [];
      }),
    });

  return (
    <>
      <TextArea
        label="Problem (the head of the fish)"
        required
        value={value.problem}
        onChange={(problem) => onChange({ ...value, problem })}
      />
      <div className="branches">
        {FISHBONE_BRANCHES.map((branch) => {
          const causes = value.causes.filter((c) => c.branch === branch);
          return (
            <fieldset key={branch} className="branch">
              <legend>{branch}</legend>
              {causes.length === 0 && <p className="muted">No causes yet.</p>}
              {causes.map((cause, i) => (
                <div key={cause.id} className="repeat-item">
                  <TextField
                    label={`${branch} cause ${i + 1}`}
                    value={cause.text}
                    onChange={(text) => setCause(cause.id, (c) => ({ ...c, text }))}
                  />
                  <SelectField
                    label={`Factor category (${branch} cause ${i + 1})`}
                    value={cause.factor_category ?? ''}
                    emptyLabel="Default for the branch"
                    options={FACTOR_CATEGORIES}
                    onChange={(v) =>
                      setCause(cause.id, (c) => ({
                        ...c,
                        factor_category: (v || undefined) as FactorCategory | undefined,
                      }))
                    }
                  />
                  {cause.sub_causes.map((s, j) => (
                    <div className="list-row" key={s.id}>
                      <TextField
                        label={`Sub-cause ${j + 1} of ${branch} cause ${i + 1}`}
                        value={s.text}
                        onChange={(text) =>
                          setCause(cause.id, (c) => ({
                            ...c,
                            sub_causes: c.sub_causes.map((x) => (x.id === s.id ? { ...x, text } : x)),
                          }))
                        }
                      />
                      <button
                        type="button"
                        className="button-quiet"
                        onClick={() =>
                          setCause(cause.id, (c) => ({
                            ...c,
                            sub_causes: c.sub_causes.filter((x) => x.id !== s.id),
                          }))
                        }
                      >
                        Remove sub-cause {j + 1}
                      </button>
                    </div>
                  ))}
                  <div className="button-row">
                    <button
                      type="button"
                      className="button-secondary"
                      onClick={() =>
                        setCause(cause.id, (c) => ({
                          ...c,
                          sub_causes: [
                            ...c.sub_causes,
                            { id: freshId('s', ids(value)), text: '', sub_causes: [] },
                          ],
                        }))
                      }
                    >
                      Add sub-cause
                    </button>
                    <button
                      type="button"
                      className="button-quiet"
                      onClick={() => setCause(cause.id, () => null)}
                    >
                      Remove {branch} cause {i + 1}
                    </button>
                  </div>
                </div>
              ))}
              <button
                type="button"
                className="button-secondary"
                onClick={() =>
                  onChange({
                    ...value,
                    causes: [
                      ...value.causes,
                      { id: freshId('c', ids(value)), branch, text: '', sub_causes: [] },
                    ],
                  })
                }
              >
                Add {branch} cause
              </button>
            </fieldset>
          );
        })}
      </div>
    </>
  );
}
