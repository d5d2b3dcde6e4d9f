import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/core/shared/actor.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { buildServices, type Services } from '../../src/services.js';
import { openStore } from '../../src/storage/store.js';
import { cliRunner } from '../support/cli.js';
import { STORE_KINDS, freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';

const BLAMEFUL = `incident_review:
  participants: [Sam, Rita]
  incident_summary:
    description: "The outage was caused by human error: the engineer should have checked the config."
`;
const NEUTRAL = `incident_review:
  participants: [Sam, Rita]
  incident_summary:
    description: "The deploy pipeline applied an unvalidated config; no canary stage caught it."
`;

describe.each(STORE_KINDS)('hindsight review CLI on %s', (kind) => {
  let fresh: FreshStoreConfig;
  let cli: ReturnType<typeof cliRunner>;
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-review-cli-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  /** Service calls the CLI has no command for (templates, analyses), on the same store. */
  const withServices = async (work: (services: Services) => Promise<unknown>) => {
    const store = await openStore(fresh.config);
    try {
      await work(buildServices(store, systemClock));
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    fresh = await freshStoreConfig(kind);
    cli = cliRunner(
      fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') },
    );
  });
  afterAll(() => fresh.cleanup());

  it('lint prints blameless warnings with suggestions and exits 0', async () => {
    const linted = await cli('review', 'lint', file('blameful.yaml', BLAMEFUL));
    expect(linted.code).toBe(0);
    expect(linted.stdout).toContain('summary.description: "human error"');
    expect(linted.stdout).toContain('summary.description: "should have"');
    expect(linted.stdout).toContain('suggestion:');
    expect(linted.stdout).toContain('2 blameless-language warning(s)');
    const json = await cli('review', 'lint', join(dir, 'blameful.yaml'), '--json');
    expect(json.json()).toMatchObject({ template_id: 'standard', blameless: 'warn' });
    expect(json.json().warnings.map((w: { phrase: string }) => w.phrase)).toEqual([
      'human error',
      'should have',
    ]);
    const neutral = await cli('review', 'lint', file('neutral.yaml', NEUTRAL));
    expect(neutral.code).toBe(0);
    expect(neutral.stdout).toContain('no blameful phrasing found');
  });

  it('lint exits 1 for invalid input and when the template blocks blameful language', async () => {
    const broken = await cli('review', 'lint', file('broken.yaml', 'incident_review:\n  participants: [a\n'));
    expect(broken.code).toBe(1);
    await withServices((services) =>
      services.settings.putTemplate(systemActor, 'strict', {
        name: 'Strict',
        blameless: 'block',
        sections: [{ id: 's', title: 'S', fields: [{ path: 'summary.description', required: true }] }],
      }),
    );
    const blocked = await cli('review', 'lint', join(dir, 'blameful.yaml'), '--template', 'strict');
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain('template strict requires blameless language');
    expect(blocked.stderr).toContain('summary.description');
    const passes = await cli('review', 'lint', join(dir, 'neutral.yaml'), '--template', 'strict');
    expect(passes.code).toBe(0);
  });

  it('writes the review report as Markdown with its diagrams, HTML and PDF', async () => {
    const created = await cli(
      'incident',
      'create',
      '--title',
      'Checkout <outage>',
      '--severity',
      'High',
      '--json',
    );
    const id = created.json().id as string;
    expect((await cli('review', 'import', join(dir, 'neutral.yaml'), '--incident', id)).code).toBe(0);
    await withServices((services) =>
      services.analyses.put(systemActor, id, 'fishbone', {
        problem: 'Checkout outage',
        causes: [{ id: 'c1', branch: 'Technology', text: 'No config schema' }],
      }),
    );
    const md = join(dir, 'report.md');
    const written = await cli('review', 'report', id, '--format', 'md', '--output', md);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`wrote the md report of ${id} to ${md} and 1 diagram(s)`);
    const markdown = readFileSync(md, 'utf8');
    expect(markdown).toContain('# Post-incident review: Checkout \\<outage\\>');
    expect(markdown).toContain('](report.fishbone.svg)');
    expect(readFileSync(join(dir, 'report.fishbone.svg'), 'utf8')).toContain('No config schema');
    const html = join(dir, 'report.html');
    expect((await cli('review', 'report', id, '--format', 'html', '--output', html)).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/<svg[\s\S]*No config schema/);
    const stdout = await cli('review', 'report', id);
    expect(stdout.stdout).toContain('## Response analysis');
    const noOutput = await cli('review', 'report', id, '--format', 'pdf');
    expect(noOutput.code).toBe(1);
    expect(noOutput.stderr).toContain('--output');
    expect((await cli('review', 'report', id, '--format', 'docx')).code).toBe(2);
    if (existsSync('/usr/bin/chromium')) {
      const pdf = join(dir, 'report.pdf');
      expect((await cli('review', 'report', id, '--format', 'pdf', '--output', pdf)).code).toBe(0);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
  }, 60_000);
});
