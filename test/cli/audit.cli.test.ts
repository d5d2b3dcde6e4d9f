import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/storage/store.js';
import { cliRunner } from '../support/cli.js';
import { STORE_KINDS, freshStoreConfig, type FreshStoreConfig } from '../support/stores.js';

describe.each(STORE_KINDS)('hindsight audit verify on %s', (kind) => {
  let fresh: FreshStoreConfig;
  let cli: ReturnType<typeof cliRunner>;
  let store: Store;

  beforeAll(async () => {
    fresh = await freshStoreConfig(kind);
    cli = cliRunner(
      fresh.config.kind === 'postgres'
        ? { DATABASE_URL: fresh.config.url }
        : { HINDSIGHT_DATA: join(fresh.config.file, '..') },
    );
    await cli('init');
    for (const title of ['one', 'two', 'three'])
      await cli('incident', 'create', '--title', title, '--severity', 'Low');
    await cli('user', 'create', 'dana', '--role', 'reviewer', '--password-stdin', {
      stdin: 'a long enough password\n',
    });
    store = await openStore(fresh.config);
  });
  afterAll(async () => {
    await store.close();
    await fresh.cleanup();
  });

  it('verifies an untouched trail', async () => {
    const result = await cli('audit', 'verify', '--json');
    expect(result.code).toBe(0);
    expect(result.json()).toEqual({ verified: 6, broken: null });
    const rows = await store.db
      .selectFrom('audit_log')
      .select(['entity_type', 'action'])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => `${r.entity_type}:${r.action}`)).toEqual([
      'user:create',
      'token:create',
      'incident:create',
      'incident:create',
      'incident:create',
      'user:create',
    ]);
  });

  it('names the record edited behind the application’s back', async () => {
    await store.db
      .updateTable('audit_log')
      .set({ actor_name: 'someone else' })
      .where('seq', '=', 4)
      .execute();
    const result = await cli('audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/BROKEN at record 4 .*edited/);
  });

  it('notices a removed record', async () => {
    await store.db.deleteFrom('audit_log').where('seq', '=', 6).execute();
    const result = await cli('audit', 'verify', '--json');
    expect(result.json().broken.seq).toBe(4);
    await store.db.deleteFrom('audit_log').where('seq', '>=', 4).execute();
    const tail = await cli('audit', 'verify', '--json');
    expect(tail.code).toBe(1);
    expect(tail.json().broken).toMatchObject({ seq: 4, reason: expect.stringMatching(/removed/) });
  });
});
