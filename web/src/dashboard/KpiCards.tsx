import type { Kpi } from '../api/kpis.js';
import { formatMinutes } from '../format.js';

export function formatKpiValue(value: number | null | undefined, unit: Kpi['unit']): string {
  if (value === null || value === undefined) return 'No data';
  switch (unit) {
    case 'percent':
      return `${value.toFixed(1)}%`;
    case 'business_days':
      return `${value.toFixed(1)} business days`;
    case 'minutes':
      return formatMinutes(value);
    case 'score':
      return `${value.toFixed(1)} / 10`;
  }
}

const STATUS_TEXT: Record<Kpi['status'], string> = {
  met: 'Target met',
  not_met: 'Target not met',
  no_data: 'No data',
};

/** One card per KPI: value, target and status, with the definition on hover and keyboard focus. */
export function KpiCards({ kpis }: { kpis: Kpi[] }) {
  return (
    <ul className="kpi-grid">
      {kpis.map((kpi) => (
        <li
          key={kpi.id}
          className={`kpi-card kpi-${kpi.status}`}
          tabIndex={0}
          aria-describedby={`def-${kpi.id}`}
        >
          <h3>{kpi.name}</h3>
          <p className="kpi-value">
            {kpi.id === 'severity_distribution' && kpi.breakdown
              ? Object.entries(kpi.breakdown)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')
              : formatKpiValue(kpi.value, kpi.unit)}
          </p>
          <p className="kpi-meta">
            <span className={`status-pill status-pill-${kpi.status}`}>{STATUS_TEXT[kpi.status]}</span> Target:{' '}
            {kpi.target.text}
          </p>
          <p className="kpi-meta muted">
            n = {kpi.n}
            {kpi.median !== undefined &&
              kpi.median !== null &&
              ` · median ${formatKpiValue(kpi.median, kpi.unit)}`}
            {kpi.p90 !== undefined && kpi.p90 !== null && ` · p90 ${formatKpiValue(kpi.p90, kpi.unit)}`}
            {kpi.missing ? ` · ${kpi.missing} missing` : ''}
            {kpi.excluded ? ` · ${kpi.excluded} excluded` : ''}
          </p>
          {kpi.trend && (
            <p className={`kpi-trend ${kpi.trend.direction_good ? 'good' : 'bad'}`}>
              {kpi.trend.change > 0 ? '▲' : kpi.trend.change < 0 ? '▼' : '■'}{' '}
              {Math.abs(kpi.trend.change).toFixed(1)} vs previous period (
              {kpi.trend.direction_good ? 'better' : 'worse'})
            </p>
          )}
          <p id={`def-${kpi.id}`} className="kpi-definition" role="tooltip">
            {kpi.definition}
          </p>
        </li>
      ))}
    </ul>
  );
}
