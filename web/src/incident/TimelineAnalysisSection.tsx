import { timelineAnalysis } from '../api/analyses.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { formatMinutes, humanize } from '../format.js';
import { useAsync } from '../hooks.js';

/** Phase durations, silent gaps and the milestone findings a reviewer should fix, computed by the server. */
export function TimelineAnalysisSection({ id }: { id: string }) {
  const analysis = useAsync(() => timelineAnalysis(id), [id]);
  return (
    <section className="card" aria-labelledby="ta-title">
      <h2 id="ta-title">Timeline analysis</h2>
      {analysis.state === 'loading' && <Loading what="the timeline analysis" />}
      {analysis.state === 'error' && <ErrorNotice error={analysis.error} what="Timeline analysis" />}
      {analysis.state === 'ok' && (
        <>
          <table className="compact">
            <caption className="visually-hidden">Phase durations</caption>
            <thead>
              <tr>
                <th scope="col">Phase</th>
                <th scope="col">Duration</th>
                <th scope="col">Definition</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(analysis.data.phases).map(([phase, d]) => (
                <tr key={phase}>
                  <th scope="row">{humanize(phase)}</th>
                  <td>{formatMinutes(d.minutes)}</td>
                  <td>
                    {d.definition}
                    {d.note && <span className="muted"> — {d.note}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {analysis.data.gaps.length > 0 && (
            <>
              <h3>Gaps longer than {formatMinutes(analysis.data.gap_threshold_minutes)}</h3>
              <ul>
                {analysis.data.gaps.map((g, i) => (
                  <li key={i}>
                    {formatMinutes(g.minutes)} between “{g.after.event}” and “{g.before.event}”
                  </li>
                ))}
              </ul>
            </>
          )}
          {analysis.data.findings.length > 0 && (
            <>
              <h3>For the reviewer to fix</h3>
              <ul className="findings">
                {analysis.data.findings.map((f, i) => (
                  <li key={i} className={`finding-${f.severity}`}>
                    <strong>{humanize(f.severity)}:</strong> {f.problem}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
