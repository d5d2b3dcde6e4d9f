import { useEffect, useState } from 'react';
import { getKpis, getTrends, type KpiScope } from '../api/kpis.js';
import { ErrorNotice, Loading } from '../components/ErrorNotice.js';
import { TextField } from '../components/fields.js';
import { ActionBurnDown } from '../dashboard/ActionBurnDown.js';
import { CountBars, DurationTrend, SeverityOverTime, type DurationPoint } from '../dashboard/charts.js';
import { KpiCards } from '../dashboard/KpiCards.js';
import { TopLessons } from '../dashboard/TopLessons.js';
import { todayUtc, useAsync } from '../hooks.js';
import { Link, navigate, useLocation } from '../router.js';

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function scopeOf(filters: { from: string; to: string; team: string; service: string }): KpiScope {
  const to = new Date(`${filters.to}T00:00:00Z`);
  to.setUTCDate(to.getUTCDate() + 1); // the "to" date is inclusive for people, exclusive for the API
  return {
    from: `${filters.from}T00:00:00Z`,
    to: to.toISOString(),
    ...(filters.team ? { team: filters.team } : {}),
    ...(filters.service ? { service: filters.service } : {}),
  };
}

/** Month-long scopes covering the period (at most the last six), for the MTTD/MTTC trend. */
function monthScopes(scope: KpiScope): KpiScope[] {
  const scopes: KpiScope[] = [];
  let end = new Date(scope.to);
  const start = new Date(scope.from);
  while (end > start && scopes.length < 6) {
    const begin = new Date(end);
    begin.setUTCMonth(begin.getUTCMonth() - 1);
    scopes.unshift({ ...scope, from: (begin < start ? start : begin).toISOString(), to: end.toISOString() });
    end = begin;
  }
  return scopes;
}

async function durationTrend(scope: KpiScope): Promise<DurationPoint[]> {
  const scopes = monthScopes(scope);
  // One month at a time: each KPI call aggregates the whole store, so they are not fired all at once.
  const results = [];
  for (const s of scopes) results.push(await getKpis(s));
  return results.flatMap((kpis, i) => {
    const month = new Date((scopes[i] as KpiScope).from);
    return kpis
      .filter((k) => k.id === 'mttd' || k.id === 'mttc')
      .flatMap((k) =>
        (['median', 'p90'] as const).flatMap((stat) => {
          const minutes = k[stat];
          return typeof minutes === 'number' ? [{ month, metric: k.id.toUpperCase(), stat, minutes }] : [];
        }),
      );
  });
}

/** The monthly duration trend, loaded after the KPI cards so the cards come first. */
function DurationSection({ scope, scopeKey }: { scope: KpiScope; scopeKey: string }) {
  const durations = useAsync(() => durationTrend(scope), [scopeKey]);
  if (durations.state === 'loading') return <Loading what="durations" />;
  if (durations.state === 'error') return <ErrorNotice error={durations.error} what="MTTD and MTTC" />;
  return durations.data.length === 0 ? (
    <p className="muted">No durations in this period.</p>
  ) : (
    <DurationTrend points={durations.data} />
  );
}

/** KPIs with their definitions, trends and charts; every figure is aggregated by the server. */
export function DashboardPage() {
  // The filters live in the URL, so a dashboard view can be bookmarked and shared.
  const location = useLocation();
  const search = location.search;
  const filters = {
    from: search.get('from') ?? daysAgo(90),
    to: search.get('to') ?? todayUtc(),
    team: search.get('team') ?? '',
    service: search.get('service') ?? '',
  };
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [search.toString()]);
  const scope = scopeOf(filters);
  const key = JSON.stringify(scope);
  const kpis = useAsync(() => getKpis(scope), [key]);
  const trends = useAsync(() => getTrends(scope), [key]);

  return (
    <>
      <h1>Dashboard</h1>
      <form
        className="filters card"
        aria-label="Dashboard filters"
        onSubmit={(e) => {
          e.preventDefault();
          const params = new URLSearchParams(Object.entries(draft).filter(([, v]) => v !== ''));
          navigate(`/?${params.toString()}`);
        }}
      >
        <TextField
          label="From"
          type="date"
          value={draft.from}
          onChange={(from) => setDraft((d) => ({ ...d, from }))}
        />
        <TextField
          label="To"
          type="date"
          value={draft.to}
          onChange={(to) => setDraft((d) => ({ ...d, to }))}
        />
        <TextField label="Team" value={draft.team} onChange={(team) => setDraft((d) => ({ ...d, team }))} />
        <TextField
          label="Service"
          value={draft.service}
          onChange={(service) => setDraft((d) => ({ ...d, service }))}
        />
        <div className="filter-buttons">
          <button type="submit">Apply</button>
        </div>
      </form>

      <section aria-labelledby="kpi-title">
        <h2 id="kpi-title">Learning KPIs</h2>
        {kpis.state === 'loading' && <Loading what="KPIs" />}
        {kpis.state === 'error' && <ErrorNotice error={kpis.error} what="KPIs" />}
        {kpis.state === 'ok' && <KpiCards kpis={kpis.data} />}
      </section>

      <div className="columns">
        <section className="card" aria-labelledby="mttd-title">
          <h2 id="mttd-title">MTTD and MTTC by month (median and p90)</h2>
          {kpis.state === 'ok' ? (
            <DurationSection scope={scope} scopeKey={key} />
          ) : (
            <Loading what="durations" />
          )}
        </section>
        <section className="card" aria-labelledby="sev-title">
          <h2 id="sev-title">Severity over time</h2>
          {trends.state === 'loading' && <Loading what="trends" />}
          {trends.state === 'error' && <ErrorNotice error={trends.error} what="Trends" />}
          {trends.state === 'ok' &&
            ((trends.data.metrics.series.severity ?? []).length === 0 ? (
              <p className="muted">No incidents in this period.</p>
            ) : (
              <SeverityOverTime series={trends.data.metrics.series.severity ?? []} />
            ))}
        </section>
        <section className="card" aria-labelledby="cat-title">
          <h2 id="cat-title">Incidents by category</h2>
          {trends.state === 'error' && <ErrorNotice error={trends.error} what="Trends" />}
          {trends.state === 'ok' &&
            ((trends.data.metrics.by.category ?? []).length === 0 ? (
              <p className="muted">No incidents in this period.</p>
            ) : (
              <CountBars rows={trends.data.metrics.by.category ?? []} label="Incidents" />
            ))}
        </section>
        <section className="card" aria-labelledby="burn-title">
          <h2 id="burn-title">Action burn-down</h2>
          <ActionBurnDown scope={scope} />
        </section>
      </div>

      <div className="columns">
        <section className="card" aria-labelledby="repeat-title">
          <h2 id="repeat-title">Repeat patterns</h2>
          {trends.state === 'error' && <ErrorNotice error={trends.error} what="Trends" />}
          {trends.state === 'ok' &&
            (trends.data.metrics.repeat_signatures.length === 0 ? (
              <p className="muted">No signature seen more than once in this period.</p>
            ) : (
              <ul>
                {trends.data.metrics.repeat_signatures.slice(0, 8).map((r) => (
                  <li key={r.signature}>
                    <code>{r.signature}</code> × {r.count}:{' '}
                    {r.incident_ids.slice(0, 5).map((id) => (
                      <Link key={id} to={`/incidents/${id}`}>
                        {id}{' '}
                      </Link>
                    ))}
                    {r.count > 5 && <span className="muted">and {r.count - 5} more</span>}
                  </li>
                ))}
              </ul>
            ))}
          {trends.state === 'ok' && trends.data.key_findings.length > 0 && (
            <>
              <h3>Key findings</h3>
              <ul>
                {trends.data.key_findings.map((f) => (
                  <li key={f.id}>{f.summary}</li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="card" aria-labelledby="lessons-title">
          {/* Not "Top lessons": a region named with "To" would also answer getByLabel('To'). */}
          <h2 id="lessons-title">Lessons that matter</h2>
          <TopLessons />
        </section>
      </div>
    </>
  );
}
