import type { FiveWhys, WhyNode } from '../api/analyses.js';
import { TextArea, TextField } from '../components/fields.js';
import { freshId } from './ids.js';

function allIds(nodes: WhyNode[]): string[] {
  return nodes.flatMap((n) => [n.id, ...allIds(n.children)]);
}

function mapNodes(nodes: WhyNode[], id: string, update: (node: WhyNode) => WhyNode | null): WhyNode[] {
  return nodes.flatMap((node) => {
    if (node.id === id) {
      const next = update(node);
      return next ? [next] : [];
    }
    return [{ ...node, children: mapNodes(node.children, id, update) }];
  });
}

/** Five whys as a tree: each answer can have several "why?" children, to any depth. */
export function FiveWhysEditor({ value, onChange }: { value: FiveWhys; onChange: (next: FiveWhys) => void }) {
  const newNode = (): WhyNode => ({ id: freshId('w', allIds(value.whys)), answer: '', children: [] });
  const update = (id: string, fn: (node: WhyNode) => WhyNode | null) =>
    onChange({ ...value, whys: mapNodes(value.whys, id, fn) });

  const renderNode = (node: WhyNode, path: string) => (
    <li key={node.id}>
      <div className="tree-node">
        <TextField
          label={`Why? (${path})`}
          hint="Optional: the question that led here"
          value={node.question ?? ''}
          onChange={(q) => update(node.id, (n) => ({ ...n, question: q || undefined }))}
        />
        <TextArea
          label={`Answer ${path}`}
          rows={2}
          value={node.answer}
          onChange={(answer) => update(node.id, (n) => ({ ...n, answer }))}
        />
        <div className="button-row">
          <button
            type="button"
            className="button-secondary"
            onClick={() => update(node.id, (n) => ({ ...n, children: [...n.children, newNode()] }))}
          >
            Ask why again under {path}
          </button>
          <button type="button" className="button-quiet" onClick={() => update(node.id, () => null)}>
            Remove {path}
          </button>
        </div>
      </div>
      {node.children.length > 0 && (
        <ol className="tree">{node.children.map((c, i) => renderNode(c, `${path}.${i + 1}`))}</ol>
      )}
    </li>
  );

  return (
    <>
      <TextArea
        label="Problem"
        required
        value={value.problem}
        onChange={(problem) => onChange({ ...value, problem })}
      />
      <ol className="tree tree-root">{value.whys.map((n, i) => renderNode(n, String(i + 1)))}</ol>
      <button
        type="button"
        className="button-secondary"
        onClick={() => onChange({ ...value, whys: [...value.whys, newNode()] })}
      >
        Add a first-level why
      </button>
    </>
  );
}
