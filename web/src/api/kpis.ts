import { request } from './http.js';

export type KpiUnit = 'percent' | 'business_days' | 'minutes' | 'score';

export interface Kpi {
  id: string;
  name: string;
  definition: string;
  value: number | null;
  unit: KpiUnit;
  n: number;
  median?: number | null;
  p90?: number | null;
  missing?: number;
  excluded?: number;
  breakdown?: Record<string, number>;
  previous_breakdown?: Record<string, number>;
  target:
    | { kind: 'threshold'; op: string; value: number; unit: KpiUnit; text: string }
    | { kind: 'trend'; want: string; text: string };
  status: 'met' | 'not_met' | 'no_data';
  trend?: { previous: number; change: number; direction_good: boolean };
}

export interface KpiScope {
  from: string;
  to: string;
  team?: string;
  service?: string;
}

export async function getKpis(scope: KpiScope): Promise<Kpi[]> {
  return (await request<{ kpis: Kpi[] }>('GET', '/api/v1/kpis', { query: { ...scope } })).data.kpis;
}

export interface BucketCount {
  bucket: string;
  key: string;
  count: number;
}

export interface TrendReport {
  report_date: string;
  analysis_period: string;
  metrics: {
    total_incidents: number;
    previous_total_incidents: number;
    bucket: 'week' | 'month';
    by: Partial<
      Record<
        string,
        { key: string; count: number; previous: number; change: number; change_pct: number | null }[]
      >
    >;
    series: Partial<Record<string, BucketCount[]>>;
    repeat_signatures: { signature: string; service: string | null; count: number; incident_ids: string[] }[];
    overdue_actions: { team: string | null; owner: string; count: number; oldest_due: string }[];
  };
  key_findings: { id: string; kind: string; summary: string; key: string; count: number }[];
  recommendations: { finding_id: string; priority: string; text: string }[];
}

/** The trend report for the same window as the KPIs (the API takes the window as days up to `to`). */
export async function getTrends(scope: KpiScope): Promise<TrendReport> {
  const days = Math.max(1, Math.round((Date.parse(scope.to) - Date.parse(scope.from)) / 86_400_000));
  const query = {
    days,
    to: scope.to,
    bucket: days > 120 ? 'month' : 'week',
    team: scope.team,
    service: scope.service,
  };
  return (await request<TrendReport>('GET', '/api/v1/trends', { query })).data;
}
