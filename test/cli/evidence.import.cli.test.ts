import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from '../support/cli.js';
import { unwrapRecording } from '../support/fake-aws/recorder.unwrap.js';
import { sharedDataPath } from '../support/shared-data.js';
import { STORE_KINDS, freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';

const STRATUS = resolve('test/fixtures/aws/stratus');
const CUSTODIAN = resolve('test/fixtures/aws/custodian');
const record = (id: string, time: string | undefined, name = 'GetObject') => ({
  eventID: id,
  ...(time ? { eventTime: time } : {}),
  eventSource: 's3.amazonaws.com',
  eventName: name,
  awsRegion: 'eu-west-1',
  userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::1:user/alice' },
});

describe.each(STORE_KINDS)('hindsight evidence import on %s', (kind) => {
  let fresh: FreshStoreConfig;
  let cli: ReturnType<typeof cliRunner>;
  let incident: string;
  const list = async (...extra: string[]) =>
    (await cli('evidence', 'list', '--incident', incident, '--limit', '1000', '--json', ...extra)).json()
      .items as Array<Record<string, any>>;

  beforeAll(async () => {
    fresh = await freshStoreConfig(kind);
    cli = cliRunner(
      fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') },
    );
    await cli('init');
    incident = (
      await cli('incident', 'create', '--title', 'Trail stopped', '--severity', 'High', '--json')
    ).json().id as string;
  });
  afterAll(() => fresh.cleanup());

  it('imports every Stratus sample: progress per file, a summary, then only duplicates the second time', async () => {
    const first = await cli('evidence', 'import', 'cloudtrail', STRATUS, '--incident', incident);
    expect(first.code, first.stderr).toBe(0);
    const progress = first.stderr.split('\n').filter((l) => l.startsWith('files '));
    expect(progress.map((l) => l.split('  ')[0])).toEqual([
      'files 1/5',
      'files 2/5',
      'files 3/5',
      'files 4/5',
      'files 5/5',
    ]);
    expect(progress.at(-1)).toMatch(
      /records \d+ {2}inserted \d+ {2}duplicates 0 {2}failed 0 {2}(\d[\d,]*|-)\/s|-/,
    );
    expect(first.stdout).toMatch(/^imported 5 files: (\d+) records, \1 inserted, 0 duplicates in/);
    const again = await cli('evidence', 'import', 'cloudtrail', STRATUS, '--incident', incident, '--json');
    const report = again.json();
    expect(report).toMatchObject({ inserted: 0, failed_files: 0 });
    expect(report.duplicates).toBe(report.records);

    const items = await list('--source', 'cloudtrail');
    expect(items).toHaveLength(report.records as number);
    const times = items.map((i) => i.time as string);
    expect(times).toEqual([...times].sort());
    const stop = items.find((i) => i.action === 'cloudtrail.amazonaws.com:StopLogging');
    const file = join(STRATUS, 'aws.defense-evasion.cloudtrail-stop.json');
    expect(stop).toMatchObject({
      source_id: '10163ed2-2253-469d-a5ee-cbc6651f8934',
      actor: 'arn:aws:iam::143434273843:user/christophe',
      region: 'apiso-centralnorth-2r',
      provenance: {
        method: 'file',
        file_path: file,
        file_sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
        position: { record_index: 0 },
        obtained_by: 'cli',
      },
    });
  });

  it('reports malformed files with file and position and writes nothing from them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-bad-trail-'));
    mkdirSync(join(dir, 'nested'));
    const good = {
      Records: [record('good-1', '2024-01-15T08:00:00Z'), record('good-2', '2024-01-15T08:01:00Z')],
    };
    writeFileSync(join(dir, 'a-good.json'), JSON.stringify(good));
    const full = gzipSync(
      JSON.stringify({
        Records: [record('gz-1', '2024-01-15T08:02:00Z'), record('gz-2', '2024-01-15T08:03:00Z')],
      }),
    );
    writeFileSync(join(dir, 'nested', 'b-truncated.json.gz'), full.subarray(0, full.length - 12));
    writeFileSync(
      join(dir, 'c-invalid.json'),
      `{"Records":[${JSON.stringify(record('inv-1', '2024-01-15T08:04:00Z'))},{"eventID": "inv-2",,}]}`,
    );
    writeFileSync(
      join(dir, 'd-no-time.json'),
      JSON.stringify({ Records: [record('nt-1', '2024-01-15T08:05:00Z'), record('nt-2', undefined)] }),
    );
    const before = (await list()).length;
    const run = await cli('evidence', 'import', 'cloudtrail', dir, '--incident', incident);
    expect(run.code).toBe(1);
    const errors = run.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(3);
    const about = (name: string) => errors.find((l) => l.includes(join(dir, name))) ?? '';
    expect(about('nested/b-truncated.json.gz')).toMatch(/gzip .*(truncated|corrupt)/);
    expect(about('c-invalid.json')).toContain(
      `${join(dir, 'c-invalid.json')}: invalid JSON in Records[1] at byte`,
    );
    expect(about('d-no-time.json')).toMatch(/Records\[1\].*eventTime/);
    expect(run.stdout).toContain('3 files failed and wrote nothing');
    const ids = (await list()).map((i) => i.source_id as string);
    expect(ids.length).toBe(before + 2);
    expect(ids).toEqual(expect.arrayContaining(['good-1', 'good-2']));
    expect(ids.filter((id) => /^(gz|inv|nt)-/.test(id))).toEqual([]);
  });

  it('imports every Custodian sample (findings, Config, logs) without error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hindsight-custodian-'));
    const samples: Array<[string, string, string[]]> = [
      ['findings', 'ec2-duty-event.json', []],
      ['findings', 'iam-duty-event.json', []],
      ['findings', 'event-securityhub-iamkey-finding-action.json', []],
      ['findings', 'test_security_hub_lambda_update__securityhub.GetFindings_1.json', []],
      ['config', 'event-config-rule-security-group.json', []],
      ['config', 'test_sg_config_diff__config.GetResourceConfigHistory_1.json', []],
      ['config', 'test_ebs_health_events_filter__config.GetResourceConfigHistory_1.json', []],
      ['config', 'test_config_compliance__config.GetComplianceDetailsByConfigRule_1.json', []],
      ['logs', 'test_logs_from_group__logs.GetLogEvents_1.json', ['--log-group', '/aws/lambda/custodian']],
    ];
    for (const [type, name, extra] of samples) {
      // Recorded responses are unwrapped to the wire shape AWS returns (ISO instants).
      const file = join(dir, name);
      writeFileSync(
        file,
        JSON.stringify(unwrapRecording(JSON.parse(readFileSync(join(CUSTODIAN, name), 'utf8')))),
      );
      const run = await cli('evidence', 'import', type, file, '--incident', incident, '--json', ...extra);
      expect(run.code, `${name}: ${run.stdout} ${run.stderr}`).toBe(0);
      expect(run.json().records, name).toBeGreaterThan(0);
    }
    // Each item names the file it came from and the SHA-256 of the bytes read.
    const [config] = await list('--source', 'aws-config');
    const configFile = join(dir, 'event-config-rule-security-group.json');
    const configItems = (await list('--source', 'aws-config')).filter(
      (i) => i.provenance.file_path === configFile,
    );
    expect(config, 'no Config evidence').toBeDefined();
    expect(configItems.length).toBeGreaterThan(0);
    for (const item of configItems) {
      expect(item.provenance.file_sha256).toBe(
        createHash('sha256').update(readFileSync(configFile)).digest('hex'),
      );
    }
    const sources = new Set((await list()).map((i) => i.source as string));
    expect([...sources].sort()).toEqual([
      'aws-config',
      'cloudtrail',
      'cloudwatch-logs',
      'guardduty',
      'security-hub',
    ]);
    const bad = await cli(
      'evidence',
      'import',
      'findings',
      join(CUSTODIAN, 'LICENSE'),
      '--incident',
      incident,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/LICENSE:\d+:\d+ is not valid JSON/);
  });

  it('pins, suggests milestones and accepts one on the incident', async () => {
    const [first] = await list('--source', 'cloudtrail', '--text', 'StopLogging');
    const pin = await cli(
      'evidence',
      'pin',
      first?.id as string,
      '--incident',
      incident,
      '--note',
      'trail stopped',
    );
    expect(pin.code, pin.stderr).toBe(0);
    const pinned = await list('--pinned');
    expect(pinned.map((i) => [i.id, i.pinned?.note])).toEqual([[first?.id, 'trail stopped']]);
    const human = await cli('evidence', 'list', '--incident', incident, '--pinned');
    expect(human.stdout).toContain('[pinned: trail stopped]');

    const suggested = await cli('evidence', 'milestones', '--incident', incident);
    expect(suggested.stdout).toMatch(/^first_indicator +\d{4}-/m);
    const accepted = await cli(
      'evidence',
      'milestones',
      '--incident',
      incident,
      '--accept',
      'first_indicator',
      '--json',
    );
    expect(accepted.code, accepted.stderr).toBe(0);
    const suggestions = (await cli('evidence', 'milestones', '--incident', incident, '--json')).json();
    expect(accepted.json().timestamps.first_indicator).toBe(suggestions.first_indicator.time);
    const unknown = await cli('evidence', 'milestones', '--incident', incident, '--accept', 'resolved');
    expect(unknown.code).toBe(1);
    expect((await cli('evidence', 'pin', first?.id as string, '--incident', incident, '--remove')).code).toBe(
      0,
    );
  });

  it.runIf(existsSync(sharedDataPath('stratus-red-team-cloudtrail')))(
    'imports every Stratus detonation log in shared/data without error',
    async () => {
      const dir = sharedDataPath('stratus-red-team-cloudtrail', 'detonation-logs');
      const run = await cli('evidence', 'import', 'cloudtrail', dir, '--incident', incident, '--json');
      expect(run.code, run.stderr).toBe(0);
      const report = run.json();
      expect(report.failed_files).toBe(0);
      expect(report.files).toHaveLength(readdirSync(dir).filter((n) => n.endsWith('.json')).length);
    },
  );
});
