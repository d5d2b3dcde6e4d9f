import * as Plot from '@observablehq/plot';
import { PlotChart } from './PlotChart.js';

export interface TimelinePoint {
  time: Date;
  label: string;
  lane: string;
}

/** A label short enough to draw; the figure's text summary and each dot's title keep the full text. */
function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Each lane keeps its colour whichever lanes are present; other lanes take the fallback. */
const LANE_COLOURS: Record<string, string> = {
  Milestones: '#2f5d8a',
  'Timeline events': '#b5651d',
  'Pinned evidence': '#4d7f4d',
};

/**
 * Milestones, timeline events and pinned evidence on one time axis (time runs down the page, so long labels
 * fit on phones).
 */
export function TimelineChart({ points }: { points: TimelinePoint[] }) {
  const lanes = [...new Set(points.map((p) => p.lane))];
  return (
    <PlotChart
      deps={[points]}
      summary={`Timeline with ${points.length} points: ${points.map((p) => `${p.label} at ${p.time.toISOString()}`).join('; ')}`}
      render={(width) =>
        Plot.plot({
          width,
          height: Math.max(220, points.length * 34 + 60),
          marginLeft: 130,
          marginRight: 20,
          y: { type: 'utc', label: 'Time (UTC) ↓', grid: true, reverse: true },
          x: { domain: lanes, axis: 'top', label: null, padding: 0.6 },
          color: { domain: lanes, range: lanes.map((lane) => LANE_COLOURS[lane] ?? '#6b5b95') },
          marks: [
            Plot.ruleX(lanes, { stroke: '#d5dbe3' }),
            Plot.dot(points, {
              x: 'lane',
              y: 'time',
              fill: 'lane',
              r: 5,
              title: (d: TimelinePoint) => d.label,
            }),
            Plot.text(points, {
              x: 'lane',
              y: 'time',
              text: (d: TimelinePoint) => clip(d.label),
              dx: 10,
              textAnchor: 'start',
              lineWidth: Math.max(12, Math.floor(width / lanes.length / 7)),
              fontSize: 12,
            }),
          ],
        })
      }
    />
  );
}
