/**
 * Runs the product's CloudTrail import (parse, normalise, hand to the store) over a folder into a store
 * that only counts, then prints {records, ms, max_rss_mb} as JSON: the benchmark reads this process's peak
 * RSS, which must not grow with file size.
 */
import { readFileSync } from 'node:fs';
import type { EvidenceStore } from '../../src/core/evidence/evidence.store.js';
import { systemActor } from '../../src/core/shared/actor.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { importCloudTrailPath } from '../../src/integrations/aws/cloudtrail/cloudtrail.import.js';
import { countingEvidenceStore } from '../suites/cloudtrail.counting-store.js';

const path = process.argv[2];
if (!path) throw new Error('usage: cloudtrail-import.js FOLDER');
const started = Date.now();
const store: EvidenceStore = countingEvidenceStore();
const report = await importCloudTrailPath(path, {
  incidentId: 'INC-2026-0001',
  store,
  actor: systemActor,
  clock: systemClock,
});
process.stdout.write(
  `${JSON.stringify({
    records: report.records,
    failed_files: report.failed_files,
    ms: Date.now() - started,
    max_rss_mb: Math.round(peakRssKb() / 102.4) / 10,
  })}\n`,
);

/**
 * This process's own peak RSS in KiB. On Linux `getrusage` reports the larger of the parent's peak at fork
 * time and the child's, so a child of a large benchmark process (after generating 1M incidents) read 1.6 GB;
 * VmHWM belongs to the address space exec gave this program. Elsewhere, getrusage.
 */
function peakRssKb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1]) return Number(hwm[1]);
  } catch {
    // not Linux: fall through
  }
  return process.resourceUsage().maxRSS;
}
