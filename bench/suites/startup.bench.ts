import { rssMb, serveChild, serveHindsight } from '../lib/processes.js';
import { ratioOf, type BenchFigure, type SuiteContext } from '../lib/result.js';
import { round, summarise } from '../lib/stats.js';

/**
 * Cold start to healthy: spawn `node dist/hindsight/main.js serve` (what `npm start` runs) on the loaded store and poll /healthz;
 * then idle RSS after a short settle. Baseline: a bare Fastify process started the same way.
 */
export async function startupBench(ctx: SuiteContext): Promise<BenchFigure[]> {
  const runs = ctx.quick ? 5 : 10;
  const ready: number[] = [];
  const bareReady: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < runs; run++) {
    const bare = await serveChild('bare-server');
    bareReady.push(bare.readyMs);
    await bare.stop();
    const served = await serveHindsight(ctx.serveEnv);
    ready.push(served.readyMs);
    await new Promise((r) => setTimeout(r, 1500));
    const mb = served.child.pid ? rssMb(served.child.pid) : null;
    if (mb !== null) rss.push(mb);
    await served.stop();
    ctx.log(`  startup run ${run + 1}: healthy in ${Math.round(served.readyMs)} ms, idle RSS ${mb} MB`);
  }
  const start = summarise(ready);
  const base = summarise(bareReady);
  const idle = summarise(rss);
  return [
    {
      benchmark: 'startup',
      metric: 'cold_start_to_healthy',
      value: round(start.median),
      unit: 'ms',
      baseline: round(base.median),
      baseline_label: 'bare Fastify process to first 200',
      ratio: ratioOf(start.median, base.median),
      goal: '< 1000 ms',
      met: start.p95 < 1000,
      details: { runs, p95_ms: round(start.p95), max_ms: round(start.max) },
    },
    {
      benchmark: 'startup',
      metric: 'idle_rss',
      value: round(idle.median),
      unit: 'MB',
      goal: '< 150 MB',
      met: idle.max < 150,
      details: { runs: rss.length, max_mb: round(idle.max) },
    },
  ];
}
