import * as Plot from '@observablehq/plot';
import type { BucketCount } from '../api/kpis.js';
import { PlotChart } from '../components/PlotChart.js';

const SEVERITY_COLORS = {
  domain: ['Critical', 'High', 'Medium', 'Low'],
  range: ['#9b1c1c', '#c2571a', '#b08a12', '#3f6e8c'],
};

export function SeverityOverTime({ series }: { series: BucketCount[] }) {
  const data = series.map((d) => ({ ...d, date: new Date(`${d.bucket}T00:00:00Z`) }));
  return (
    <PlotChart
      deps={[series]}
      summary={`Incidents per period by severity: ${series.map((d) => `${d.bucket} ${d.key} ${d.count}`).join(', ')}`}
      render={(width) =>
        Plot.plot({
          width,
          height: 240,
          x: {
            type: 'band',
            label: null,
            tickFormat: (d: Date) => d.toISOString().slice(5, 10),
            tickRotate: -40,
          },
          marginBottom: 45,
          y: { label: 'Incidents', grid: true },
          color: { ...SEVERITY_COLORS, legend: true },
          marks: [
            Plot.barY(data, {
              x: 'date',
              y: 'count',
              fill: 'key',
              title: (d: BucketCount) => `${d.bucket} ${d.key}: ${d.count}`,
            }),
            Plot.ruleY([0]),
          ],
        })
      }
    />
  );
}

export function CountBars({ rows, label }: { rows: { key: string; count: number }[]; label: string }) {
  const top = [...rows].sort((a, b) => b.count - a.count).slice(0, 12);
  return (
    <PlotChart
      deps={[rows]}
      summary={`${label}: ${top.map((r) => `${r.key} ${r.count}`).join(', ')}`}
      render={(width) =>
        Plot.plot({
          width,
          height: Math.max(120, top.length * 26 + 40),
          marginLeft: 150,
          marginRight: 40,
          x: { label, grid: true },
          y: { label: null, domain: top.map((r) => r.key) },
          marks: [
            Plot.barX(top, { x: 'count', y: 'key', fill: '#3f6e8c' }),
            Plot.text(top, { x: 'count', y: 'key', text: 'count', dx: 4, textAnchor: 'start' }),
            Plot.ruleX([0]),
          ],
        })
      }
    />
  );
}

export interface DurationPoint {
  month: Date;
  metric: string;
  stat: 'median' | 'p90';
  minutes: number;
}

/** MTTD and MTTC per month, median and p90 (minutes). */
export function DurationTrend({ points }: { points: DurationPoint[] }) {
  const data = points.map((p) => ({ ...p, series: `${p.metric} ${p.stat}` }));
  return (
    <PlotChart
      deps={[points]}
      summary={`Durations per month: ${points.map((p) => `${p.month.toISOString().slice(0, 7)} ${p.metric} ${p.stat} ${Math.round(p.minutes)} minutes`).join(', ')}`}
      render={(width) =>
        Plot.plot({
          width,
          height: 240,
          x: { type: 'utc', label: null },
          y: { label: 'Minutes', grid: true },
          color: { legend: true },
          marks: [
            Plot.line(
              data.filter((d) => d.stat === 'median'),
              { x: 'month', y: 'minutes', stroke: 'series' },
            ),
            Plot.line(
              data.filter((d) => d.stat === 'p90'),
              { x: 'month', y: 'minutes', stroke: 'series', strokeDasharray: '4 3' },
            ),
            Plot.dot(data, {
              x: 'month',
              y: 'minutes',
              fill: 'series',
              title: (d: DurationPoint & { series: string }) => `${d.series}: ${Math.round(d.minutes)} min`,
            }),
          ],
        })
      }
    />
  );
}

export interface BurnPoint {
  date: Date;
  open: number;
  overdue: number;
}

const BURN_COLORS = { domain: ['Open', 'Overdue'], range: ['#2f5d8a', '#9b1c1c'] };

/** Open actions (area and line) and, of them, overdue ones (line) at each sample the server counted. */
export function BurnDown({ points }: { points: BurnPoint[] }) {
  const lines = points.flatMap((p) => [
    { date: p.date, series: 'Open', count: p.open },
    { date: p.date, series: 'Overdue', count: p.overdue },
  ]);
  return (
    <PlotChart
      deps={[points]}
      summary={`Open and overdue actions over time: ${points
        .map((p) => `${p.date.toISOString().slice(0, 10)} ${p.open} open, ${p.overdue} overdue`)
        .join('; ')}`}
      render={(width) =>
        Plot.plot({
          width,
          height: 200,
          x: { type: 'utc', label: null },
          // A floor of 1 keeps an all-zero burn-down readable (Plot would otherwise squash a 0..0 axis).
          y: {
            label: 'Actions',
            grid: true,
            domain: [0, Math.max(1, ...points.map((p) => p.open))],
            nice: true,
          },
          color: { ...BURN_COLORS, legend: true },
          marks: [
            Plot.areaY(points, { x: 'date', y: 'open', fill: '#d8e4ef' }),
            Plot.line(lines, { x: 'date', y: 'count', stroke: 'series' }),
            Plot.ruleY([0]),
          ],
        })
      }
    />
  );
}
