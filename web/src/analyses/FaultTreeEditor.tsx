import type { FaultTree, FaultTreeNode, FaultTreeResult, GateType } from '../api/analyses.js';
import { SelectField, TextField } from '../components/fields.js';
import { freshId } from './ids.js';

const GATES: readonly GateType[] = ['AND', 'OR', 'KOFN'];

/** Fault tree as a node table: gates list their children by id; basic events may carry a probability. */
export function FaultTreeEditor({
  value,
  onChange,
}: {
  value: FaultTree;
  onChange: (next: FaultTree) => void;
}) {
  const set = (index: number, patch: Partial<FaultTreeNode>) =>
    onChange({ ...value, nodes: value.nodes.map((n, i) => (i === index ? { ...n, ...patch } : n)) });
  const ids = value.nodes.map((n) => n.id);
  return (
    <>
      <SelectField
        label="Top event"
        value={value.top}
        options={ids}
        onChange={(top) => onChange({ ...value, top })}
      />
      <div className="fault-nodes">
        {value.nodes.map((node, i) => (
          <fieldset key={i} className="repeat-item">
            <legend>
              Event <code>{node.id}</code>
              {node.id === value.top ? ' (top)' : ''}
            </legend>
            <div className="row">
              <TextField label={`Id (event ${i + 1})`} value={node.id} onChange={(id) => set(i, { id })} />
              <TextField
                label={`Description (event ${i + 1})`}
                value={node.label}
                onChange={(label) => set(i, { label })}
              />
              <SelectField
                label={`Type (event ${i + 1})`}
                value={node.type}
                options={['gate', 'basic'] as const}
                labels={{ gate: 'Gate (intermediate or top event)', basic: 'Basic event' }}
                onChange={(type) =>
                  set(
                    i,
                    type === 'gate'
                      ? {
                          type,
                          gate: node.gate ?? 'OR',
                          children: node.children ?? [],
                          probability: undefined,
                        }
                      : { type, gate: undefined, k: undefined, children: undefined },
                  )
                }
              />
            </div>
            {node.type === 'gate' ? (
              <div className="row">
                <SelectField
                  label={`Gate (event ${i + 1})`}
                  value={node.gate ?? 'OR'}
                  options={GATES}
                  labels={{ KOFN: 'k of n' }}
                  onChange={(gate) => set(i, { gate })}
                />
                {node.gate === 'KOFN' && (
                  <TextField
                    label={`k (event ${i + 1})`}
                    type="number"
                    value={node.k === undefined ? '' : String(node.k)}
                    onChange={(v) => set(i, { k: v === '' ? undefined : Number(v) })}
                  />
                )}
                <TextField
                  label={`Inputs (event ${i + 1})`}
                  hint="Ids of the events feeding this gate, comma-separated"
                  value={(node.children ?? []).join(', ')}
                  onChange={(v) =>
                    set(i, {
                      children: v
                        .split(',')
                        .map((s) => s.trim())
                        .filter(Boolean),
                    })
                  }
                />
              </div>
            ) : (
              <TextField
                label={`Probability (event ${i + 1})`}
                hint="0 to 1; optional"
                type="number"
                value={node.probability === undefined ? '' : String(node.probability)}
                onChange={(v) => set(i, { probability: v === '' ? undefined : Number(v) })}
              />
            )}
            <button
              type="button"
              className="button-quiet"
              onClick={() => onChange({ ...value, nodes: value.nodes.filter((_, j) => j !== i) })}
            >
              Remove event {node.id}
            </button>
          </fieldset>
        ))}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            onChange({
              ...value,
              nodes: [
                ...value.nodes,
                { id: freshId('g', ids), label: '', type: 'gate', gate: 'OR', children: [] },
              ],
            })
          }
        >
          Add gate
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            onChange({
              ...value,
              nodes: [...value.nodes, { id: freshId('b', ids), label: '', type: 'basic' }],
            })
          }
        >
          Add basic event
        </button>
      </div>
    </>
  );
}

/** Minimal cut sets and the top-event probability as the server computed them. */
export function FaultTreeResults({ result }: { result: FaultTreeResult }) {
  const p = result.top_event;
  return (
    <section className="card" aria-labelledby="ft-results">
      <h2 id="ft-results">Cut sets and probability</h2>
      <p>
        Top-event probability:{' '}
        <strong>{p.probability === null ? 'not computable' : p.probability.toPrecision(4)}</strong> (
        {p.method === 'exact' ? 'exact' : 'rare-event approximation'}
        {p.upper_bound !== undefined && `, upper bound ${p.upper_bound.toPrecision(4)}`})
      </p>
      {p.missing_probabilities.length > 0 && (
        <p className="muted">Basic events without a probability: {p.missing_probabilities.join(', ')}</p>
      )}
      <h3>Minimal cut sets ({result.minimal_cut_sets.length})</h3>
      <ol>
        {result.minimal_cut_sets.map((set, i) => (
          <li key={i}>{`{ ${set.join(', ')} }`}</li>
        ))}
      </ol>
      {result.single_points_of_failure.length > 0 && (
        <p className="notice notice-warning">
          Single points of failure: {result.single_points_of_failure.join(', ')}
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul>
          {result.warnings.map((w, i) => (
            <li key={i}>
              <code>{w.path}</code> {w.problem}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
