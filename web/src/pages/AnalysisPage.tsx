import DOMPurify from 'dompurify';
import { useEffect, useState } from 'react';
import {
  analysisSvg,
  getAnalysis,
  putAnalysis,
  type AnalysisByMethod,
  type AnalysisMethod,
  type FaultTreeResult,
} from '../api/analyses.js';
import { getReview } from '../api/reviews.js';
import { canWrite } from '../api/session.js';
import { FaultTreeEditor, FaultTreeResults } from '../analyses/FaultTreeEditor.js';
import { FishboneEditor } from '../analyses/FishboneEditor.js';
import { PromotePanel } from '../analyses/PromotePanel.js';
import { FiveWhysEditor } from '../analyses/FiveWhysEditor.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';
import { useSession } from '../session-context.js';

const TITLES: Record<AnalysisMethod, string> = {
  five_whys: 'Five whys',
  fishbone: 'Fishbone diagram',
  fault_tree: 'Fault tree',
};

function blank(method: AnalysisMethod): AnalysisByMethod[AnalysisMethod] {
  switch (method) {
    case 'five_whys':
      return { method, problem: '', whys: [{ id: 'w1', answer: '', children: [] }] };
    case 'fishbone':
      return { method, problem: '', causes: [] };
    case 'fault_tree':
      return {
        method,
        top: 'top',
        nodes: [
          { id: 'top', label: '', type: 'gate', gate: 'OR', children: ['b1'] },
          { id: 'b1', label: '', type: 'basic' },
        ],
      };
  }
}

function isMethod(value: string): value is AnalysisMethod {
  return value === 'five_whys' || value === 'fishbone' || value === 'fault_tree';
}

export function AnalysisPage({ id, method }: { id: string; method: string }) {
  if (!isMethod(method)) {
    return (
      <>
        <h1>Unknown analysis</h1>
        <p>
          There is no analysis method <code>{method}</code>. <Link to={`/incidents/${id}`}>Back to {id}</Link>
        </p>
      </>
    );
  }
  return <AnalysisEditor key={method} id={id} method={method} />;
}

/** Loads, edits and saves one structured analysis of the review, with the server's SVG as the preview. */
function AnalysisEditor({ id, method }: { id: string; method: AnalysisMethod }) {
  const { user } = useSession();
  const loaded = useAsync(() => getAnalysis(id, method), [id, method]);
  // Analyses are part of the review: editable while it is a draft, read-only once submitted.
  const review = useAsync(() => getReview(id), [id]);
  const reviewStatus = review.state === 'ok' ? (review.data?.review.status ?? null) : undefined;
  const [value, setValue] = useState<AnalysisByMethod[AnalysisMethod] | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [exists, setExists] = useState(false);
  const [result, setResult] = useState<FaultTreeResult | null>(null);
  const [svg, setSvg] = useState<{ markup: string } | { error: unknown } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  const loadSvg = () =>
    analysisSvg(id, method).then(
      (markup) =>
        setSvg({ markup: DOMPurify.sanitize(markup, { USE_PROFILES: { svg: true, svgFilters: true } }) }),
      (e: unknown) => setSvg({ error: e }),
    );

  useEffect(() => {
    if (loaded.state !== 'ok') return;
    setValue(loaded.data?.analysis ?? blank(method));
    setEtag(loaded.data?.etag ?? null);
    setExists(loaded.data !== null);
    setResult(loaded.data?.result ?? null);
    if (loaded.data) void loadSvg();
  }, [loaded.state, loaded.data]); // loadSvg only reads id and method, which key this component

  if (loaded.state === 'loading' || (loaded.state === 'ok' && !value)) return <Loading what="the analysis" />;
  if (loaded.state === 'error') return <ErrorNotice error={loaded.error} what={TITLES[method]} />;
  if (!value) return null;

  const save = async () => {
    setError(null);
    setMessage('');
    try {
      const saved = await putAnalysis(id, method, value, exists ? etag : null);
      setValue(saved.analysis);
      setEtag(saved.etag);
      setExists(true);
      setResult(saved.result);
      setMessage('Saved.');
      await loadSvg();
    } catch (e) {
      setError(e);
    }
  };

  const editable = canWrite(user) && reviewStatus === 'draft';
  return (
    <>
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to={`/incidents/${id}`}>{id}</Link> · <Link to={`/incidents/${id}/review`}>Review</Link>
          </p>
          <h1>{TITLES[method]}</h1>
        </div>
        <nav className="link-row" aria-label="Other analyses">
          {(Object.keys(TITLES) as AnalysisMethod[])
            .filter((m) => m !== method)
            .map((m) => (
              <Link key={m} to={`/incidents/${id}/analyses/${m}`}>
                {TITLES[m]}
              </Link>
            ))}
        </nav>
      </div>
      {reviewStatus === null && (
        <p className="notice">
          Analyses are stored with the review. <Link to={`/incidents/${id}/review`}>Create the review</Link>{' '}
          first.
        </p>
      )}
      {reviewStatus && reviewStatus !== 'draft' && (
        <p className="notice">
          The review is {reviewStatus.replace('_', ' ')}; reopen it to change its analyses.
        </p>
      )}
      <div className="columns columns-wide-left">
        <form
          className="card"
          aria-label={`${TITLES[method]} editor`}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <fieldset disabled={!editable} className="plain">
            <legend className="visually-hidden">{TITLES[method]}</legend>
            {value.method === 'five_whys' && <FiveWhysEditor value={value} onChange={setValue} />}
            {value.method === 'fishbone' && <FishboneEditor value={value} onChange={setValue} />}
            {value.method === 'fault_tree' && <FaultTreeEditor value={value} onChange={setValue} />}
          </fieldset>
          {editable && (
            <div className="form-actions">
              <button type="submit">Save {TITLES[method].toLowerCase()}</button>
            </div>
          )}
          {message && (
            <p className="notice notice-ok" role="status">
              {message}
            </p>
          )}
          {error !== null && (
            <ErrorNotice error={error} what={`The ${TITLES[method].toLowerCase()} was not saved`} />
          )}
        </form>
        <div>
          <section className="card" aria-labelledby="preview-title">
            <h2 id="preview-title">Diagram</h2>
            {svg === null && (
              <p className="muted">Save the analysis to see the diagram the server draws for reports.</p>
            )}
            {svg && 'markup' in svg && (
              <div
                className="svg-preview"
                role="img"
                aria-label={`${TITLES[method]} diagram`}
                dangerouslySetInnerHTML={{ __html: svg.markup }}
              />
            )}
            {svg && 'error' in svg && <ErrorNotice error={svg.error} what="The diagram" />}
          </section>
          {result && <FaultTreeResults result={result} />}
          {exists && editable && <PromotePanel key={etag ?? ''} incidentId={id} analysis={value} />}
        </div>
      </div>
    </>
  );
}
