import { createRequire } from 'node:module';
import { mulberry32, pick } from '../lib/rng.js';
import { serveChild, serveHindsight } from '../lib/processes.js';
import { ratioOf, type BenchFigure, type SuiteContext } from '../lib/result.js';
import { round, summarise } from '../lib/stats.js';

/** The part of autocannon's result we read (the package ships no types). */
interface CannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  setupRequest?: (req: CannonRequest) => CannonRequest;
}
type Cannon = (opts: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

const CONNECTIONS = 64;

interface Target {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  requests?: CannonRequest[];
  body?: string;
  /** Goal on this target's own figures (reads only). */
  readGoal: boolean;
}

/**
 * API throughput and latency with autocannon at 64 connections on loopback, against `hindsight serve` in
 * a child process (so the load generator does not share its event loop), and a bare Fastify route in
 * another child process as the ceiling, measured in the same run, alternating so drift hits both.
 */
export async function apiBench(ctx: SuiteContext, incidentIds: readonly string[]): Promise<BenchFigure[]> {
  const seconds = ctx.quick ? 5 : 10;
  const runs = ctx.quick ? 3 : 5;
  const server = await serveHindsight(ctx.serveEnv);
  const bare = await serveChild('bare-server');
  try {
    if (!server.token)
      throw new Error('serve printed no first admin token; the bench needs a store without users');
    const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const rng = mulberry32(7);
    const randomId: CannonRequest = {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/api/v1/incidents/${pick(rng, incidentIds)}` }),
    };
    let created = 0;
    const create: CannonRequest = {
      method: 'POST',
      path: '/api/v1/incidents',
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({
          title: `Benchmark incident ${++created}: checkout latency spike`,
          description: 'Created by the API benchmark.',
          severity: 'Medium',
          category: 'Performance',
          affected_services: ['checkout'],
          team: 'commerce',
        }),
      }),
    };
    const targets: Target[] = [
      { name: 'get_incident', method: 'GET', path: '/', requests: [randomId], readGoal: true },
      { name: 'list_page', method: 'GET', path: '/api/v1/incidents?limit=50', readGoal: true },
      { name: 'create_incident', method: 'POST', path: '/', requests: [create], readGoal: false },
    ];
    const bareRuns: CannonResult[] = [];
    const figures: BenchFigure[] = [];
    const results = new Map<string, CannonResult[]>(targets.map((t) => [t.name, []]));
    for (let run = 0; run < runs; run++) {
      bareRuns.push(await fire(bare.url, '/', {}, seconds));
      for (const target of targets) {
        const result = await fire(server.url, target.path, headers, seconds, target.requests);
        results.get(target.name)?.push(result);
        ctx.log(
          `  api ${target.name} run ${run + 1}: ${Math.round(result.requests.average)} req/s p99 ${result.latency.p99} ms`,
        );
      }
    }
    const bareRps = summarise(bareRuns.map((r) => r.requests.average)).median;
    figures.push({
      benchmark: 'api',
      metric: 'bare_fastify_constant',
      value: round(bareRps),
      unit: 'req/s',
      details: { p99_ms: summarise(bareRuns.map((r) => r.latency.p99)).median, connections: CONNECTIONS },
    });
    for (const target of targets) {
      const list = results.get(target.name) ?? [];
      const rps = summarise(list.map((r) => r.requests.average));
      const p99 = summarise(list.map((r) => r.latency.p99)).median;
      const ratio = ratioOf(rps.median, bareRps);
      const failures = list.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0);
      figures.push({
        benchmark: 'api',
        metric: target.name,
        value: round(rps.median),
        unit: 'req/s',
        baseline: round(bareRps),
        baseline_label: 'bare Fastify route, same run',
        ratio,
        goal: target.readGoal ? '≥ 5000 req/s, p99 < 25 ms, ≥ 0.40 of bare' : 'no numeric goal (reported)',
        met: target.readGoal ? rps.median >= 5000 && p99 < 25 && (ratio ?? 0) >= 0.4 : null,
        details: {
          runs: list.length,
          seconds_per_run: seconds,
          connections: CONNECTIONS,
          req_per_s_min: round(rps.min),
          req_per_s_max: round(rps.max),
          latency_p50_ms: summarise(list.map((r) => r.latency.p50)).median,
          latency_p99_ms: p99,
          failed_requests: failures,
        },
      });
    }
    return figures;
  } finally {
    await server.stop();
    await bare.stop();
  }
}

function fire(
  url: string,
  path: string,
  headers: Record<string, string>,
  seconds: number,
  requests?: CannonRequest[],
): Promise<CannonResult> {
  return autocannon({
    url: `${url}${path}`,
    connections: CONNECTIONS,
    duration: seconds,
    headers,
    ...(requests ? { requests } : {}),
  });
}
