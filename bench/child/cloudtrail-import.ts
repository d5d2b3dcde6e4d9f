/**
 * Runs the product's CloudTrail import (parse, normalise, hand to the store) over a folder into a store
 * that only counts, then prints {records, ms, max_rss_mb} as JSON: the benchmark reads this process's peak
 * RSS, which must not grow with file size.
 */
import type { EvidenceStore } from '../../src/core/evidence/evidence.store.js';
import { systemActor } from '../../src/core/shared/actor.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { importCloudTrailPath } from '../../src/integrations/aws/cloudtrail/cloudtrail.import.js';
import { countingEvidenceStore } from '../suites/cloudtrail.counting-store.js';

const path = process.argv[2];
if (!path) throw new Error('usage: cloudtrail-import.js FOLDER [streamThresholdBytes]');
const threshold = process.argv[3] ? Number(process.argv[3]) : undefined;
const started = Date.now();
const store: EvidenceStore = countingEvidenceStore();
const report = await importCloudTrailPath(path, {
  incidentId: 'INC-2026-0001',
  store,
  actor: systemActor,
  clock: systemClock,
  ...(threshold !== undefined ? { streamThresholdBytes: threshold } : {}),
});
process.stdout.write(
  `${JSON.stringify({
    records: report.records,
    failed_files: report.failed_files,
    ms: Date.now() - started,
    max_rss_mb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10,
  })}\n`,
);
