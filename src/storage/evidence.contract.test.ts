import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceItem } from '../core/evidence/evidence.schema.js';
import type { ListedEvidence } from '../core/evidence/evidence.store.js';
import { ManualClock } from '../core/shared/clock.js';
import { buildServices, type Services } from '../services.js';
import { buildActor } from '../../test/support/actors.js';
import { buildIncidentInput } from '../../test/support/factories.js';
import { STORE_KINDS, freshStore } from '../../test/support/stores.js';
import type { Store } from './store.js';

const admin = buildActor();
const outsider = buildActor({ id: 'user-olga', name: 'Olga', role: 'responder', teamIds: ['platform'] });
const teammate = buildActor({ id: 'user-sam', name: 'Sam', role: 'viewer', teamIds: ['secops'] });

let counter = 0;
function item(incidentId: string, overrides: Partial<EvidenceItem> = {}): EvidenceItem {
  counter += 1;
  return {
    incident_id: incidentId,
    source: 'cloudtrail',
    source_id: `event-${String(counter).padStart(4, '0')}`,
    kind: 'api_call',
    time: new Date(Date.UTC(2024, 0, 15, 8, 0, counter)).toISOString(),
    actor: 'arn:aws:iam::111122223333:user/alice',
    resource: 'arn:aws:s3:::bucket',
    action: 's3.amazonaws.com:GetObject',
    summary: `GetObject number ${counter}`,
    severity: null,
    severity_normalised: null,
    region: 'eu-west-1',
    account: '111122223333',
    raw: { eventID: `event-${counter}`, nested: { list: [1, 'two', null] } },
    provenance: {
      method: 'file',
      file_path: '/logs/trail.json.gz',
      file_sha256: 'a'.repeat(64),
      position: { record_index: counter, byte_offset: counter * 100 },
      obtained_at: '2024-01-16T10:00:00.000Z',
      obtained_by: admin.id,
    },
    ...overrides,
  };
}

async function* stream(items: EvidenceItem[], failAfter?: number): AsyncGenerator<EvidenceItem> {
  let n = 0;
  for (const it of items) {
    if (failAfter !== undefined && n === failAfter) throw new Error('file went bad');
    n++;
    await Promise.resolve(); // a real file yields between reads
    yield it;
  }
}

const strip = ({ id: _id, pinned: _p, ...rest }: ListedEvidence): EvidenceItem => rest;

describe.each(STORE_KINDS)('evidence storage contract on %s', (kind) => {
  let store: Store & { dispose(): Promise<void> };
  let open: string;
  let restricted: string;
  let services: Services;

  beforeAll(async () => {
    store = await freshStore(kind);
    services = buildServices(store, new ManualClock('2024-01-16T10:00:00Z'));
    open = (await services.incidents.create(admin, buildIncidentInput())).id;
    restricted = (
      await services.incidents.create(admin, buildIncidentInput({ team: 'secops', restricted: true }))
    ).id;
  });
  afterAll(() => store.dispose());

  it('stores every field, reads it back in time order and skips duplicates by source id', async () => {
    const [a, b, c] = [item(open), item(open), item(open)] as [EvidenceItem, EvidenceItem, EvidenceItem];
    const first = await store.stores.evidence.importBatch(open, [c, a, { ...a, summary: 'copy in batch' }]);
    expect(first).toEqual({ inserted: 2, duplicates: 1 });
    const again = await store.stores.evidence.importBatch(open, [a, b]);
    expect(again).toEqual({ inserted: 1, duplicates: 1 });
    const { items, next_cursor } = await store.stores.evidence.list(open, {}, admin);
    expect(next_cursor).toBeNull();
    expect(items.map(strip)).toEqual([a, b, c]);
    expect(items.every((i) => i.id.length > 0 && i.pinned === null)).toBe(true);
  });

  it('pages with a keyset cursor without losing or repeating an item, equal times included', async () => {
    const id = (await services.incidents.create(admin, buildIncidentInput())).id;
    const sameTime = '2024-01-15T09:00:00.000Z';
    const all = Array.from({ length: 25 }, (_, i) =>
      item(id, {
        time: i % 3 === 0 ? sameTime : new Date(Date.UTC(2024, 0, 15, 8, 0, i)).toISOString(),
        source_id: `k-${(i * 7) % 25}`,
      }),
    );
    await store.stores.evidence.importBatch(id, all);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.stores.evidence.list(id, { limit: 4, ...(cursor ? { cursor } : {}) }, admin);
      seen.push(...page.items.map((i) => i.source_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    const everything = (await store.stores.evidence.list(id, { limit: 1000 }, admin)).items;
    expect(seen).toEqual(everything.map((i) => i.source_id));
    expect(new Set(seen).size).toBe(25);
    await expect(store.stores.evidence.list(id, { cursor: 'nonsense' }, admin)).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
  });

  it('filters by source, kind, time window, text and pinned', async () => {
    const id = (await services.incidents.create(admin, buildIncidentInput())).id;
    const finding = item(id, {
      source: 'guardduty',
      kind: 'finding',
      summary: 'Recon:IAMUser/MaliciousIPCaller 100% literal',
      time: '2024-01-15T10:00:00.000Z',
    });
    const call = item(id, { time: '2024-01-15T11:00:00.000Z' });
    await store.stores.evidence.importBatch(id, [finding, call]);
    const list = async (filter: Record<string, unknown>) =>
      (await store.stores.evidence.list(id, filter, admin)).items.map((i) => i.source_id);
    expect(await list({ source: 'guardduty' })).toEqual([finding.source_id]);
    expect(await list({ kind: 'api_call' })).toEqual([call.source_id]);
    expect(await list({ since: '2024-01-15T10:30:00Z' })).toEqual([call.source_id]);
    expect(await list({ until: '2024-01-15T10:30:00Z' })).toEqual([finding.source_id]);
    expect(await list({ text: 'maliciousip' })).toEqual([finding.source_id]);
    expect(await list({ text: '100%' })).toEqual([finding.source_id]);
    expect(await list({ text: '7%' })).toEqual([]);
    expect(await list({ pinned: true })).toEqual([]);
    expect(await list({ pinned: false })).toHaveLength(2);
  });

  it('pins, re-pins and unpins evidence of its own incident only', async () => {
    const { items } = await store.stores.evidence.list(open, { limit: 1 }, admin);
    const target = items[0]!;
    const pin = {
      incident_id: open,
      evidence_id: target.id,
      timeline_event_id: null,
      note: 'first sign',
      pinned_by: admin.id,
      pinned_at: '2024-01-16T10:00:00.000Z',
    };
    await store.stores.evidence.pin(pin);
    await store.stores.evidence.pin({ ...pin, note: 'the first sign', timeline_event_id: 'tl-3' });
    const pinned = (await store.stores.evidence.list(open, { pinned: true }, admin)).items;
    expect(pinned.map((i) => [i.id, i.pinned])).toEqual([
      [
        target.id,
        {
          note: 'the first sign',
          timeline_event_id: 'tl-3',
          pinned_by: admin.id,
          pinned_at: '2024-01-16T10:00:00.000Z',
        },
      ],
    ]);
    await expect(store.stores.evidence.pin({ ...pin, incident_id: restricted })).rejects.toMatchObject({
      code: 'evidence_not_found',
    });
    expect(await store.stores.evidence.unpin(restricted, target.id)).toBe(false);
    expect(await store.stores.evidence.unpin(open, target.id)).toBe(true);
    expect(await store.stores.evidence.unpin(open, target.id)).toBe(false);
  });

  it('streams a file in one transaction: a failure part-way writes nothing', async () => {
    const meta = {
      incident_id: restricted,
      source: 'cloudtrail' as const,
      file_path: '/logs/big.json.gz',
      file_sha256: 'b'.repeat(64),
      size_bytes: 123_456,
    };
    const many = Array.from({ length: 1001 }, () => item(restricted));
    await expect(store.stores.evidence.importFile(meta, stream(many, 900))).rejects.toThrow('file went bad');
    expect((await store.stores.evidence.list(restricted, {}, admin)).items).toEqual([]);
    expect(await store.db.selectFrom('evidence_files').selectAll().execute()).toEqual([]);

    expect(await store.stores.evidence.importFile(meta, stream(many))).toEqual({
      inserted: 1001,
      duplicates: 0,
    });
    expect(await store.stores.evidence.importFile(meta, stream(many.slice(0, 10)))).toEqual({
      inserted: 0,
      duplicates: 10,
    });
    const files = await store.db.selectFrom('evidence_files').selectAll().execute();
    expect(files.map((f) => [f.incident_id, f.path, f.sha256, Number(f.size_bytes)])).toEqual([
      [restricted, meta.file_path, meta.file_sha256, 123_456],
    ]);
  });

  it('imports inside a caller transaction and rolls back with it', async () => {
    const extra = item(open);
    await expect(
      store.transaction(async (stores) => {
        await stores.evidence.importFile(
          {
            incident_id: open,
            source: 'cloudtrail',
            file_path: '/x',
            file_sha256: 'c'.repeat(64),
            size_bytes: 1,
          },
          stream([extra]),
        );
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await store.stores.evidence.list(open, { text: extra.summary }, admin)).items).toEqual([]);
  });

  it('shows evidence of a restricted incident only to those who may see the incident', async () => {
    expect((await store.stores.evidence.list(restricted, {}, outsider)).items).toEqual([]);
    expect((await store.stores.evidence.list(restricted, { limit: 5 }, teammate)).items).toHaveLength(5);
    expect((await store.stores.evidence.list(open, { limit: 1 }, outsider)).items).toHaveLength(1);
  });

  it('reads cited evidence of the covered incidents only, in time order, never a restricted one to outsiders', async () => {
    const [early, late] = [item(open), item(open)] as [EvidenceItem, EvidenceItem];
    const other = (await services.incidents.create(admin, buildIncidentInput())).id;
    const elsewhere = item(other);
    await store.stores.evidence.importBatch(open, [late, early].reverse());
    await store.stores.evidence.importBatch(other, [elsewhere]);
    const ids = async (incidentId: string) =>
      new Map(
        (await store.stores.evidence.list(incidentId, { limit: 1000 }, admin)).items.map((x) => [
          x.source_id,
          x.id,
        ]),
      );
    const here = await ids(open);
    const there = await ids(other);
    const earlyId = here.get(early.source_id) ?? '';
    const lateId = here.get(late.source_id) ?? '';
    const elsewhereId = there.get(elsewhere.source_id) ?? '';
    const cited = await store.stores.evidence.cited(
      [open],
      [lateId, elsewhereId, 'no-such-id', earlyId, lateId],
      outsider,
    );
    // The other incident's item is not evidence of the covered one, and unknown ids are left out.
    expect(cited.map((x) => x.source_id)).toEqual([early.source_id, late.source_id]);
    expect(strip(cited[0] as ListedEvidence)).toEqual(early);
    const secret = (await store.stores.evidence.list(restricted, { limit: 1 }, admin)).items[0];
    if (!secret) throw new Error('the restricted incident has no evidence');
    expect(await store.stores.evidence.cited([restricted], [secret.id], outsider)).toEqual([]);
    expect((await store.stores.evidence.cited([restricted], [secret.id], teammate)).map((x) => x.id)).toEqual(
      [secret.id],
    );
    expect(await store.stores.evidence.cited([], [earlyId], admin)).toEqual([]);
  });
});
