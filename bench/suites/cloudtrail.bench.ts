import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { systemActor } from '../../src/core/shared/actor.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { importCloudTrailPath } from '../../src/integrations/aws/cloudtrail/cloudtrail.import.js';
import { DIST } from '../lib/processes.js';
import { ratioOf, type BenchFigure, type SuiteContext } from '../lib/result.js';
import { round, summarise } from '../lib/stats.js';
import { countingEvidenceStore } from './cloudtrail.counting-store.js';
import { writeSyntheticCloudTrail } from './cloudtrail.synthetic.js';

const MB = 1024 * 1024;

/**
 * CloudTrail import of gzipped S3-format files: the product's streaming import (gunzip, record scanner,
 * JSON.parse per record, normalise) vs gunzip + one JSON.parse of each whole file, on the same synthetic
 * files, in uncompressed MB/s; then the peak RSS of a child process doing the import.
 */
export async function cloudTrailBench(ctx: SuiteContext, megabytes: number): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-cloudtrail-synthetic-'));
  try {
    const set = writeSyntheticCloudTrail(dir, megabytes * MB);
    const mb = set.uncompressedBytes / MB;
    ctx.log(
      `  cloudtrail: ${set.files.length} synthetic files, ${round(mb)} MB uncompressed, ${set.records} records`,
    );
    const runs = ctx.quick ? 3 : 3;
    const product: number[] = [];
    const raw: number[] = [];
    const parseOnly: number[] = [];
    for (let run = 0; run < runs; run++) {
      let start = process.hrtime.bigint();
      const report = await importCloudTrailPath(dir, {
        incidentId: 'INC-2026-0001',
        store: countingEvidenceStore(),
        actor: systemActor,
        clock: systemClock,
      });
      product.push(mb / (Number(process.hrtime.bigint() - start) / 1e9));
      if (report.records !== set.records || report.failed_files > 0) {
        throw new Error(
          `import read ${report.records} of ${set.records} records, ${report.failed_files} files failed`,
        );
      }
      start = process.hrtime.bigint();
      let parseNs = 0n;
      for (const file of set.files) {
        const text = gunzipSync(readFileSync(file)).toString('utf8');
        const t = process.hrtime.bigint();
        JSON.parse(text);
        parseNs += process.hrtime.bigint() - t;
      }
      raw.push(mb / (Number(process.hrtime.bigint() - start) / 1e9));
      parseOnly.push(mb / (Number(parseNs) / 1e9));
      ctx.log(
        `  cloudtrail run ${run + 1}: import ${round(product[run] ?? 0)} MB/s, gunzip+JSON.parse ${round(raw[run] ?? 0)} MB/s`,
      );
    }
    const rss = await childPeakRss(dir);
    // The same bytes in one file (one transaction): memory must not grow with the file either.
    // Capped at 256 MB: the generator builds each file as one string, and V8 strings stop near 512 MB.
    const single = await singleFilePeakRss(Math.min(megabytes, 256));
    ctx.log(
      `  cloudtrail peak RSS: ${rss.max_rss_mb} MB over ${set.files.length} files, ${single.max_rss_mb} MB for one ${single.mb} MB file`,
    );
    const importMbps = summarise(product).median;
    const rawMbps = summarise(raw).median;
    const ratio = ratioOf(importMbps, rawMbps);
    return [
      {
        benchmark: 'cloudtrail',
        metric: 'import_throughput',
        value: round(importMbps),
        unit: 'MB/s',
        baseline: round(rawMbps),
        baseline_label: 'read + gunzip + JSON.parse of each whole file, same bytes, same run',
        ratio,
        goal: '≥ 0.50 of raw parse throughput',
        met: (ratio ?? 0) >= 0.5,
        note: `synthetic: ${round(mb)} MB uncompressed (${round(set.compressedBytes / MB)} MB gzipped) in ${set.files.length} files, ${set.records} records`,
        details: { runs, json_parse_only_mb_per_s: round(summarise(parseOnly).median), records: set.records },
      },
      {
        benchmark: 'cloudtrail',
        metric: 'import_peak_rss',
        value: rss.max_rss_mb,
        unit: 'MB',
        goal: '< 300 MB regardless of size',
        met: rss.max_rss_mb < 300,
        note: `child process importing ${round(mb)} MB in ${rss.ms} ms`,
      },
      {
        benchmark: 'cloudtrail',
        metric: 'import_peak_rss_one_file',
        value: single.max_rss_mb,
        unit: 'MB',
        goal: '< 300 MB regardless of size',
        met: single.max_rss_mb < 300,
        note: `child process importing one ${single.mb} MB file (streamed) in ${single.ms} ms`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function childPeakRss(dir: string): Promise<{ max_rss_mb: number; ms: number }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [`${DIST}bench/child/cloudtrail-import.js`, dir],
    {
      maxBuffer: MB,
    },
  );
  return JSON.parse(stdout) as { max_rss_mb: number; ms: number };
}

/** Peak RSS of importing one synthetic file as large as the whole set (written and removed here). */
async function singleFilePeakRss(megabytes: number): Promise<{ max_rss_mb: number; ms: number; mb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bench-cloudtrail-one-file-'));
  try {
    const set = writeSyntheticCloudTrail(dir, megabytes * MB, megabytes * MB);
    const rss = await childPeakRss(dir);
    return { ...rss, mb: round(set.uncompressedBytes / MB) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
