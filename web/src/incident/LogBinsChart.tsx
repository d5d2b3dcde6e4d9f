import * as Plot from '@observablehq/plot';
import { listEvidence, type EvidenceItem } from '../api/evidence.js';
import { PlotChart } from '../components/PlotChart.js';
import { useAsync } from '../hooks.js';

interface Bin {
  time: Date;
  count: number;
  series: string;
}

/**
 * The count of one Logs Insights bin: its raw record is the result row as `{field: value}`; every field but
 * the bin itself and `@ptr` is a count (`count()`, or a named aggregate), and they are added up.
 */
export function binOf(item: EvidenceItem): Bin | null {
  const raw = item.raw;
  if (typeof raw !== 'object' || raw === null) return null;
  let count = 0;
  let found = false;
  for (const [field, value] of Object.entries(raw as Record<string, unknown>)) {
    if (field.startsWith('bin(') || field.startsWith('@')) continue;
    const n = Number(value);
    if (Number.isFinite(n)) {
      count += n;
      found = true;
    }
  }
  const time = new Date(item.time);
  if (!found || Number.isNaN(time.getTime())) return null;
  return { time, count, series: item.resource ?? 'Logs Insights' };
}

/** Logs Insights bins (e.g. ERROR/FAILED per 5 minutes) as counts over time; nothing when there are none. */
export function LogBinsChart({ incidentId, version }: { incidentId: string; version: number }) {
  const bins = useAsync(async () => {
    const page = await listEvidence(incidentId, { source: 'cloudwatch-logs', kind: 'log_bin', limit: 1000 });
    return page.items.map(binOf).filter((b): b is Bin => b !== null);
  }, [incidentId, version]);
  if (bins.state !== 'ok' || bins.data.length === 0) return null;
  const data = bins.data;
  const total = data.reduce((sum, b) => sum + b.count, 0);
  const peak = data.reduce((best, b) => (b.count > best.count ? b : best));
  return (
    <div className="log-bins">
      <h3>CloudWatch Logs Insights counts</h3>
      <PlotChart
        deps={[data]}
        summary={`${data.length} bins with ${total} matching log events in all; the most, ${peak.count}, at ${peak.time.toISOString()}`}
        render={(width) =>
          Plot.plot({
            width,
            height: 200,
            marginLeft: 50,
            x: { type: 'utc', label: 'Time (UTC)' },
            y: { label: 'Count', grid: true, zero: true },
            color: { legend: new Set(data.map((b) => b.series)).size > 1 },
            marks: [
              Plot.lineY(data, { x: 'time', y: 'count', stroke: 'series', curve: 'step-after' }),
              Plot.dot(data, { x: 'time', y: 'count', fill: 'series', r: 3 }),
            ],
          })
        }
      />
    </div>
  );
}
