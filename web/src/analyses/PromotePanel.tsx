import { useState } from 'react';
import {
  promoteToFactor,
  type AnalysisByMethod,
  type AnalysisMethod,
  type WhyNode,
} from '../api/analyses.js';
import { FACTOR_CATEGORIES, type FactorCategory } from '../api/reviews.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { SelectField } from '../components/fields.js';

/** The elements of a saved analysis that can become contributing factors, as id → label. */
function candidates(analysis: AnalysisByMethod[AnalysisMethod]): { id: string; label: string }[] {
  switch (analysis.method) {
    case 'five_whys': {
      const walk = (nodes: WhyNode[]): { id: string; label: string }[] =>
        nodes.flatMap((n) => [{ id: n.id, label: n.answer }, ...walk(n.children)]);
      return walk(analysis.whys);
    }
    case 'fishbone':
      return analysis.causes.map((c) => ({ id: c.id, label: `${c.branch}: ${c.text}` }));
    case 'fault_tree':
      return analysis.nodes.filter((n) => n.type === 'basic').map((n) => ({ id: n.id, label: n.label }));
  }
}

/** Promotes an answer, cause or basic event of the saved analysis to a contributing factor of the review. */
export function PromotePanel({
  incidentId,
  analysis,
}: {
  incidentId: string;
  analysis: AnalysisByMethod[AnalysisMethod];
}) {
  const options = candidates(analysis);
  const [ref, setRef] = useState(options[0]?.id ?? '');
  const [category, setCategory] = useState<FactorCategory>('technical');
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (options.length === 0) return null;
  const labels = Object.fromEntries(options.map((o) => [o.id, `${o.id} — ${o.label}`]));
  const promote = async () => {
    setError(null);
    setMessage('');
    try {
      await promoteToFactor(
        incidentId,
        analysis.method,
        ref,
        analysis.method === 'fishbone' ? undefined : category,
      );
      setMessage(`${ref} is now a contributing factor of the review.`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="promote-title">
      <h2 id="promote-title">Promote to a contributing factor</h2>
      <SelectField
        label="Element"
        value={ref}
        options={options.map((o) => o.id)}
        labels={labels}
        onChange={setRef}
      />
      {analysis.method !== 'fishbone' && (
        <SelectField
          label="Factor category"
          value={category}
          options={FACTOR_CATEGORIES}
          onChange={setCategory}
        />
      )}
      <button type="button" className="button-secondary" onClick={() => void promote()}>
        Promote to contributing factor
      </button>
      {message && (
        <p className="notice notice-ok" role="status">
          {message}
        </p>
      )}
      {error !== null && <ErrorNotice error={error} what="Promotion" />}
    </section>
  );
}
