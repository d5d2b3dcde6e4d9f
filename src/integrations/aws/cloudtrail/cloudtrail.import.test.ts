import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../../core/shared/actor.js';
import { ManualClock } from '../../../core/shared/clock.js';
import { EvidenceItem } from '../../../core/evidence/evidence.schema.js';
import { MemoryEvidenceStore } from '../../../../test/support/fake-aws/memory-evidence.store.js';
import { importCloudTrailPath, type ImportProgress } from './cloudtrail.import.js';
import { sharedDataPath } from '../../../../test/support/shared-data.js';

const STRATUS = resolve('test/fixtures/aws/stratus');
const SHARED = sharedDataPath('stratus-red-team-cloudtrail', 'detonation-logs');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('importCloudTrailPath', () => {
  let store: MemoryEvidenceStore;
  let clock: ManualClock;
  let dir: string;
  const options = () => ({ incidentId: 'INC-1', store, actor: systemActor, clock });

  beforeEach(() => {
    store = new MemoryEvidenceStore();
    clock = new ManualClock('2026-01-02T03:04:05Z');
    dir = mkdtempSync(join(tmpdir(), 'ct-'));
  });

  it.runIf(existsSync(SHARED))(
    'imports every Stratus sample in shared/data without error, valid items only',
    async () => {
      const report = await importCloudTrailPath(SHARED, options());
      expect(report.failed_files).toBe(0);
      expect(report.files).toHaveLength(35);
      expect(report.records).toBe(310);
      expect(report.inserted).toBe(310);
      const { items } = await store.list('INC-1', { limit: 1000 });
      for (const item of items) expect(EvidenceItem.safeParse(item).success).toBe(true);
      expect(items.filter((i) => i.kind === 'api_error')).toHaveLength(52);
    },
  );

  it('orders by time, extracts the actor and keeps fake regions and zero-padded IPs', async () => {
    const report = await importCloudTrailPath(
      join(STRATUS, 'aws.defense-evasion.organizations-leave.json'),
      options(),
    );
    expect(report.files[0]).toMatchObject({ records: 3, inserted: 3, duplicates: 0 });
    const { items } = await store.list('INC-1');
    expect(items.map((i) => [i.time, i.action, i.kind])).toEqual([
      ['2024-08-02T08:29:59.000Z', 'sts.amazonaws.com:AssumeRole', 'api_call'],
      // equal times: by source id, 099bfd30… before 16903cbd…
      ['2024-08-02T08:30:00.000Z', 'sts.amazonaws.com:AssumeRole', 'api_call'],
      ['2024-08-02T08:30:00.000Z', 'organizations.amazonaws.com:LeaveOrganization', 'api_error'],
    ]);
    const leave = items[2];
    expect(leave?.actor).toBe(
      'arn:aws:sts::307578594326:assumed-role/stratus-red-team-leave-org-role/aws-go-sdk-1722587398902687000',
    );
    expect(leave?.region).toBe('euiso-south-3r');
    expect(leave?.summary).toContain('failed: AccessDenied');
    expect(items[0]?.resource).toBe('arn:aws:iam::307578594326:role/stratus-red-team-leave-org-role');
    expect(items[0]?.actor).toBe('arn:aws:iam::307578594326:user/christophe');

    await importCloudTrailPath(join(STRATUS, 'aws.persistence.iam-create-admin-user.json'), options());
    const admin = (await store.list('INC-1')).items.find(
      (i) => i.action === 'iam.amazonaws.com:AttachUserPolicy',
    );
    expect(admin?.summary).toBe(
      'arn:aws:iam::229654561268:user/christophe called AttachUserPolicy (iam.amazonaws.com) on arn:aws:iam::aws:policy/AdministratorAccess from 075.050.255.67',
    );
  });

  it('records provenance: path, sha256 of the file as stored, record index and byte offset', async () => {
    const file = join(STRATUS, 'aws.persistence.iam-create-user-login-profile.json');
    await importCloudTrailPath(file, options());
    const { items } = await store.list('INC-1');
    const first = items.find((i) => i.source_id === 'e544d47e-6d75-45cf-a8a9-7e90d5f7d38d');
    expect(first?.provenance).toEqual({
      method: 'file',
      file_path: file,
      file_sha256: sha(file),
      position: { record_index: 0, byte_offset: readFileSync(file, 'utf8').indexOf('{') },
      obtained_at: '2026-01-02T03:04:05.000Z',
      obtained_by: 'system',
    });
    expect(items.map((i) => i.provenance.position?.record_index).sort()).toEqual([0, 1, 2]);
  });

  it('reads .json.gz with {"Records":[...]} in nested folders, sorted, and deduplicates by eventID', async () => {
    const records = JSON.parse(
      readFileSync(join(STRATUS, 'aws.persistence.iam-create-admin-user.json'), 'utf8'),
    ) as unknown[];
    mkdirSync(join(dir, 'b'), { recursive: true });
    mkdirSync(join(dir, 'a', 'CloudTrail-Digest'), { recursive: true });
    const gz = join(dir, 'a', 'trail.json.gz');
    writeFileSync(gz, gzipSync(JSON.stringify({ Records: records })));
    writeFileSync(join(dir, 'b', 'again.json'), JSON.stringify({ Records: records.slice(0, 2) }));
    writeFileSync(join(dir, 'a', 'CloudTrail-Digest', 'digest.json.gz'), gzipSync('{"digest":1}'));
    writeFileSync(join(dir, 'notes.txt'), 'ignored');

    const report = await importCloudTrailPath(dir, options());
    expect(report.files.map((f) => [f.file, f.records, f.inserted, f.duplicates])).toEqual([
      [gz, 3, 3, 0],
      [join(dir, 'b', 'again.json'), 2, 0, 2],
    ]);
    const { items } = await store.list('INC-1');
    expect(items.every((i) => i.provenance.file_sha256 === sha(gz))).toBe(true);
    // equal times sort by source id
    expect(items.map((i) => i.source_id)).toEqual([
      '083dc4ad-e264-46bc-a407-d0dd31b58bdc',
      '3346344c-5a3e-429e-8405-420f98f75d6e',
      '94faedcc-0fa4-46e6-9322-022e8e934f04',
    ]);
  });

  it('reports malformed files with file and position, writes nothing for them and carries on', async () => {
    const good = JSON.parse(
      readFileSync(join(STRATUS, 'aws.defense-evasion.cloudtrail-stop.json'), 'utf8'),
    ) as [Record<string, unknown>];
    const whole = gzipSync(JSON.stringify({ Records: [good[0], { ...good[0], eventID: 'x2' }] }));
    writeFileSync(join(dir, '1-truncated.json.gz'), whole.subarray(0, whole.length - 20));
    writeFileSync(
      join(dir, '2-invalid.json'),
      `{"Records":[${JSON.stringify(good[0])},{"eventID":"y", oops}]}`,
    );
    const { eventTime: _dropped, ...noTime } = good[0];
    writeFileSync(
      join(dir, '3-no-time.json'),
      JSON.stringify({
        Records: [
          { ...good[0], eventID: 'z1' },
          { ...noTime, eventID: 'z2' },
        ],
      }),
    );
    writeFileSync(join(dir, '4-good.json'), JSON.stringify(good));

    const report = await importCloudTrailPath(dir, options());
    const [truncated, badJson, noTimeFile, ok] = report.files;
    expect(truncated?.error?.code).toBe('cloudtrail_gzip_corrupt');
    expect(truncated?.error?.message).toMatch(
      /1-truncated\.json\.gz: gzip data is truncated or corrupt .* after 1 complete records/,
    );
    expect(badJson?.error?.code).toBe('cloudtrail_json_invalid');
    expect(badJson?.error?.message).toMatch(/2-invalid\.json: invalid JSON in Records\[1\] at byte \d+/);
    expect(noTimeFile?.error).toEqual({
      code: 'cloudtrail_record_invalid',
      message: `${join(dir, '3-no-time.json')} Records[1] (byte ${JSON.stringify({ Records: [{ ...good[0], eventID: 'z1' }] }).length - 2 + 1}): eventTime is missing (eventID z2)`,
    });
    expect(ok).toMatchObject({ records: 1, inserted: 1 });
    expect(report.failed_files).toBe(3);
    // nothing of the bad files was written: only the good file's one record
    expect(store.items.size).toBe(1);
  });

  it('streams every file through importFile with the digest on every item, and reports progress', async () => {
    const seen: ImportProgress[] = [];
    const report = await importCloudTrailPath(STRATUS, {
      ...options(),
      onProgress: (p) => {
        seen.push(p);
        clock.advance(1000);
      },
    });
    expect(report.failed_files).toBe(0);
    const logs = readdirSync(STRATUS)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(STRATUS, f));
    expect(store.files.map((f) => [f.file_path, f.file_sha256])).toEqual(logs.map((f) => [f, sha(f)]));
    const { items } = await store.list('INC-1', { limit: 1000 });
    for (const file of logs) {
      const ofFile = items.filter((i) => i.provenance.file_path === file);
      expect(ofFile.length).toBeGreaterThan(0);
      expect(ofFile.every((i) => i.provenance.file_sha256 === sha(file))).toBe(true);
    }
    const files = readdirSync(STRATUS).filter((f) => f.endsWith('.json'));
    expect(seen).toHaveLength(files.length);
    const last = seen.at(-1);
    expect(last).toMatchObject({
      files_done: files.length,
      files_total: files.length,
      records: 13,
      inserted: 13,
    });
    // 3 + 1 + 3 + 3 + 3 records; the clock moved 1 s after each of the 4 earlier reports
    expect(last?.records_per_second).toBeCloseTo(13 / 4, 5);
  });
});
