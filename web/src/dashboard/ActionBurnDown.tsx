import { useMemo } from 'react';
import { getActionReport, getBurnDown, type ActionScope } from '../api/actions.js';
import type { KpiScope } from '../api/kpis.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { useAsync } from '../hooks.js';
import { Link } from '../router.js';
import { BurnDown } from './charts.js';

/** The burn-down stops at now: the server would otherwise project today's state onto future samples. */
function burnPeriod(scope: KpiScope): { from: string; to: string } {
  const now = new Date().toISOString();
  const to = scope.to < now || now < scope.from ? scope.to : now;
  return { from: scope.from, to };
}

/**
 * Overdue count and burn-down of the actions in the dashboard's team and service, both counted by the
 * server over every action the viewer may see (GET /api/v1/actions/report and /actions/burn-down).
 */
export function ActionBurnDown({ scope }: { scope: KpiScope }) {
  const filter: ActionScope = {
    ...(scope.team ? { team: scope.team } : {}),
    ...(scope.service ? { service: scope.service } : {}),
  };
  // "Now" is fixed when the period changes, not on every render: a fresh timestamp each render would
  // change the load's keys, and every answer would trigger the next request without end.
  const period = useMemo(() => burnPeriod(scope), [scope.from, scope.to]);
  const report = useAsync(() => getActionReport(filter), [scope.team, scope.service]);
  const burn = useAsync(
    () => getBurnDown({ ...filter, ...period, points: 20 }),
    [scope.team, scope.service, period.from, period.to],
  );
  return (
    <>
      {report.state === 'loading' && <Loading what="overdue actions" />}
      {report.state === 'error' && <ErrorNotice error={report.error} what="Overdue actions" />}
      {report.state === 'ok' && (
        <p className="overdue-count">
          <strong className="big-number">{report.data.overdue}</strong> overdue of {report.data.total}{' '}
          {report.data.total === 1 ? 'action' : 'actions'} today ({report.data.as_of}) ·{' '}
          <Link to="/actions">Actions board</Link>
        </p>
      )}
      {burn.state === 'loading' && <Loading what="burn-down" />}
      {burn.state === 'error' && <ErrorNotice error={burn.error} what="Burn-down" />}
      {burn.state === 'ok' && (
        <BurnDown
          points={burn.data.points.map((p) => ({ date: new Date(p.at), open: p.open, overdue: p.overdue }))}
        />
      )}
    </>
  );
}
