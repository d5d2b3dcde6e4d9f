import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../core/shared/actor.js';
import { ManualClock } from '../core/shared/clock.js';
import { parseReviewYaml } from '../core/reviews/review.yaml.js';
import { buildServices, type Services } from '../services.js';
import { buildActor } from '../../test/support/actors.js';
import { buildIncidentInput } from '../../test/support/factories.js';
import { STORE_KINDS, freshStore } from '../../test/support/stores.js';
import { migrateToLatest } from './migrate.js';
import type { Store } from './store.js';

const admin = buildActor();
const viewer = buildActor({ id: 'user-victor', name: 'Victor', role: 'viewer', teamIds: ['platform'] });

describe.each(STORE_KINDS)('storage contract on %s', (kind) => {
  let store: Store & { dispose(): Promise<void> };
  let services: Services;
  const clock = new ManualClock('2024-01-16T10:00:00Z');

  beforeAll(async () => {
    store = await freshStore(kind);
    services = buildServices(store, clock);
  });
  afterAll(() => store.dispose());

  describe('migrations', () => {
    it('re-running on an up-to-date store applies nothing', async () => {
      expect(await migrateToLatest(store.db)).toEqual([]);
    });
  });

  describe('incidents', () => {
    it('stores every field and reads it back', async () => {
      const input = buildIncidentInput({ affected_services: ['billing-api', 'auth'], kind: 'incident' });
      const created = await services.incidents.create(admin, input);
      expect(created.id).toMatch(/^INC-2024-\d{4}$/);
      const read = await services.incidents.get(admin, created.id);
      expect(read).toEqual(created);
      expect(read).toMatchObject({
        title: input.title,
        severity: 'High',
        category: 'Access Control',
        attack_vector: 'Credential theft',
        affected_services: ['billing-api', 'auth'],
        team: 'security',
        status: 'open',
        restricted: false,
        version: 1,
        created_by: admin.id,
      });
      expect(read.timestamps).toMatchObject({
        impact_started: '2024-01-15T08:40:00.000Z',
        detected: '2024-01-15T09:00:00.000Z',
        declared: '2024-01-15T09:15:00.000Z',
        contained: null,
      });
    });

    it('keeps an imported id and never allocates it again', async () => {
      const imported = await services.incidents.create(admin, buildIncidentInput({ id: 'INC-2023-0007' }));
      expect(imported.id).toBe('INC-2023-0007');
      clock.set('2023-06-01T00:00:00Z');
      const next = await services.incidents.create(admin, buildIncidentInput({ timestamps: {} }));
      clock.set('2024-01-16T10:00:00Z');
      expect(next.id).toBe('INC-2023-0008');
      await expect(
        services.incidents.create(admin, buildIncidentInput({ id: 'INC-2023-0007' })),
      ).rejects.toMatchObject({
        code: 'incident_exists',
      });
    });

    it('allocates distinct ids under concurrency', async () => {
      const created = await Promise.all(
        Array.from({ length: 60 }, () => services.incidents.create(admin, buildIncidentInput())),
      );
      expect(new Set(created.map((i) => i.id)).size).toBe(60);
    });

    it('records each timestamp edit and refuses stale versions', async () => {
      const incident = await services.incidents.create(admin, buildIncidentInput());
      clock.set('2024-01-16T11:00:00Z');
      const updated = await services.incidents.update(
        admin,
        incident.id,
        { status: 'contained', timestamps: { detected: '2024-01-15T09:05:00Z' } },
        incident.version,
      );
      expect(updated.version).toBe(2);
      expect(updated.timestamps.contained).toBe('2024-01-16T11:00:00.000Z');
      expect(updated.timestamp_edits.map((e) => [e.field, e.previous, e.value, e.by]).sort()).toEqual([
        ['contained', null, '2024-01-16T11:00:00.000Z', admin.id],
        ['detected', '2024-01-15T09:00:00.000Z', '2024-01-15T09:05:00.000Z', admin.id],
      ]);
      await expect(services.incidents.update(admin, incident.id, { title: 'x' }, 1)).rejects.toMatchObject({
        code: 'version_conflict',
      });
    });

    it('reads timestamp edits back oldest first, with who and when, for a viewer of the incident', async () => {
      const incident = await services.incidents.create(admin, buildIncidentInput());
      clock.set('2024-01-17T08:00:00Z');
      const first = await services.incidents.update(
        admin,
        incident.id,
        { timestamps: { detected: '2024-01-15T09:10:00Z' } },
        incident.version,
      );
      clock.set('2024-01-17T09:30:00Z');
      await services.incidents.update(admin, incident.id, { timestamps: { detected: null } }, first.version);
      clock.set('2024-01-16T10:00:00Z');
      const read = await services.incidents.get(admin, incident.id);
      expect(read.timestamp_edits).toEqual([
        {
          field: 'detected',
          previous: '2024-01-15T09:00:00.000Z',
          value: '2024-01-15T09:10:00.000Z',
          by: admin.id,
          at: '2024-01-17T08:00:00.000Z',
        },
        {
          field: 'detected',
          previous: '2024-01-15T09:10:00.000Z',
          value: null,
          by: admin.id,
          at: '2024-01-17T09:30:00.000Z',
        },
      ]);
      const fresh = await services.incidents.create(admin, buildIncidentInput());
      expect((await services.incidents.get(admin, fresh.id)).timestamp_edits).toEqual([]);
    });

    it('refuses out-of-order timestamps, naming both fields, and writes nothing', async () => {
      const incident = await services.incidents.create(admin, buildIncidentInput());
      const attempt = services.incidents.update(admin, incident.id, {
        title: 'changed',
        timestamps: { contained: '2024-01-15T08:00:00Z' },
      });
      await expect(attempt).rejects.toMatchObject({ code: 'timestamps_out_of_order' });
      await expect(attempt).rejects.toThrow(/detected.*contained|contained.*detected/);
      expect((await services.incidents.get(admin, incident.id)).title).toBe(incident.title);
    });

    it('filters, searches and pages', async () => {
      const unique = `needle-${kind}`;
      await services.incidents.create(
        admin,
        buildIncidentInput({ title: `Disk full ${unique}`, severity: 'Low', affected_services: ['search'] }),
      );
      await services.incidents.create(
        admin,
        buildIncidentInput({
          title: `Queue stuck ${unique}`,
          severity: 'Medium',
          affected_services: ['queue'],
        }),
      );
      const byText = await services.incidents.list(admin, { q: unique.toUpperCase() });
      expect(byText.total).toBe(2);
      const bySeverity = await services.incidents.list(admin, { q: unique, severity: 'Low' });
      expect(bySeverity.items.map((i) => i.title)).toEqual([`Disk full ${unique}`]);
      const byService = await services.incidents.list(admin, { service: 'queue' });
      expect(byService.items.map((i) => i.title)).toEqual([`Queue stuck ${unique}`]);
      const paged = await services.incidents.list(admin, { q: unique, limit: '1', offset: '1' });
      expect(paged).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(paged.items).toHaveLength(1);
      expect((await services.incidents.list(admin, { q: '100%_' })).total).toBe(0);
    });

    it('hides restricted incidents from viewers outside the team', async () => {
      const secret = await services.incidents.create(
        admin,
        buildIncidentInput({ restricted: true, team: 'security', title: 'restricted-secret' }),
      );
      await expect(services.incidents.get(viewer, secret.id)).rejects.toMatchObject({
        code: 'incident_not_found',
      });
      expect((await services.incidents.list(viewer, { q: 'restricted-secret' })).total).toBe(0);
      const member = buildActor({ id: 'user-sam', role: 'viewer', teamIds: ['security'] });
      expect((await services.incidents.get(member, secret.id)).title).toBe('restricted-secret');
    });
  });

  describe('reviews', () => {
    it('is 404 until written, then round-trips the Step 1 YAML with every field', async () => {
      const incident = await services.incidents.create(admin, buildIncidentInput({ id: 'INC-2024-001' }));
      await expect(services.reviews.get(admin, incident.id)).rejects.toMatchObject({
        code: 'review_not_found',
      });
      const document = parseReviewYaml(readFileSync('test/fixtures/seed/step1-review.yaml', 'utf8'));
      const { review, created } = await services.reviews.put(admin, incident.id, document);
      expect(created).toBe(true);
      const read = await services.reviews.get(admin, incident.id);
      expect(read).toEqual(review);
      expect(read).toMatchObject(document);
      expect(read.incident_ids).toEqual(['INC-2024-001']);
      const factors = await store.db
        .selectFrom('contributing_factors')
        .selectAll()
        .where('review_id', '=', read.id)
        .orderBy('position')
        .execute();
      expect(factors.map((f) => [f.description, f.is_primary])).toEqual([
        ['Misconfigured security group', 1],
        ['Lack of configuration validation', 0],
        ['Insufficient monitoring', 0],
      ]);
    });

    it('covers several incidents and refuses a stale version', async () => {
      const a = await services.incidents.create(admin, buildIncidentInput());
      const b = await services.incidents.create(admin, buildIncidentInput());
      const { review } = await services.reviews.put(admin, a.id, {
        incident_ids: [b.id],
        participants: ['sre'],
      });
      expect(review.incident_ids).toEqual([a.id, b.id]);
      const second = await services.reviews.put(
        admin,
        a.id,
        { ...review, participants: ['sre', 'security'] },
        1,
      );
      expect(second.review.version).toBe(2);
      await expect(services.reviews.put(admin, a.id, { participants: [] }, 1)).rejects.toMatchObject({
        code: 'version_conflict',
      });
      await expect(
        services.reviews.put(admin, a.id, { incident_ids: ['INC-1999-0001'] }),
      ).rejects.toMatchObject({ code: 'unknown_incident' });
    });
  });

  describe('lessons', () => {
    it('imports the Step 3 JSON and exports it unchanged', async () => {
      const file: unknown = JSON.parse(readFileSync('test/fixtures/seed/step3-lessons.json', 'utf8'));
      expect(await services.lessons.import(admin, file)).toEqual({
        imported: 1,
        incident_ids: ['INC-2024-001'],
      });
      expect(await services.lessons.export(admin, 'INC-2024-001')).toEqual(file);
      const found = await services.lessons.list(viewer, { q: 'least privilege' });
      expect(found.items.map((i) => i.record.incident_id)).toContain('INC-2024-001');
    });

    it('imports nothing when one record is bad', async () => {
      const file = JSON.parse(readFileSync('test/fixtures/seed/step3-lessons.json', 'utf8')) as {
        lessons_learned_database: Record<string, unknown>;
      };
      const good = { ...file.lessons_learned_database, incident_id: 'INC-2024-0900' };
      const bad = { ...file.lessons_learned_database, incident_id: 'INC-2024-0901', severity: 'Huge' };
      await expect(
        services.lessons.import(admin, { lessons_learned_database: [good, bad] }),
      ).rejects.toMatchObject({
        code: 'validation_failed',
        details: [expect.objectContaining({ path: 'lessons_learned_database[1].severity' })],
      });
      await expect(services.lessons.get(admin, 'INC-2024-0900')).rejects.toMatchObject({
        code: 'lesson_record_not_found',
      });
    });
  });

  describe('tokens', () => {
    it('authenticates a token stored only as a hash', async () => {
      const boot = await services.users.bootstrapAdmin(systemActor);
      expect(boot?.username).toBe('admin');
      const actor = await services.auth.authenticateToken(boot?.token);
      expect(actor).toMatchObject({ role: 'admin', name: 'Administrator' });
      const rows = await store.db.selectFrom('api_tokens').select('token_hash').execute();
      expect(rows.map((r) => r.token_hash)).not.toContain(boot?.token);
      expect(await services.users.bootstrapAdmin(systemActor)).toBeNull();
      await expect(services.auth.authenticateToken('hs_' + 'x'.repeat(43))).rejects.toMatchObject({
        kind: 'unauthenticated',
      });
    });
  });
  describe('credentials', () => {
    it('reads a token or session owner with all their teams, and none for a revoked token or a disabled user', async () => {
      const { credentials } = store.stores;
      const at = '2024-01-16T10:00:00.000Z';
      const person = (id: string) => ({
        id,
        username: id,
        display_name: id.toUpperCase(),
        email: null,
        role: 'responder' as const,
        password_hash: null,
        created_at: at,
      });
      await credentials.insertUser(person('tina'));
      await credentials.insertUser(person('nora'));
      for (const team of ['secops', 'payments', 'platform']) await credentials.ensureTeam(team, at);
      await credentials.addTeamMember('secops', 'tina');
      await credentials.addTeamMember('payments', 'tina');
      for (const [id, user] of [
        ['tok-tina', 'tina'],
        ['tok-nora', 'nora'],
      ] as const) {
        await credentials.insertToken({
          id,
          user_id: user,
          name: 'ci',
          token_hash: `hash-${user}`,
          created_at: at,
        });
      }
      const tina = await credentials.findTokenOwner('hash-tina', at);
      expect(tina).toMatchObject({ token_id: 'tok-tina', user: { id: 'tina', display_name: 'TINA' } });
      expect(tina?.user.team_ids).toEqual(['payments', 'secops']);
      expect((await credentials.findTokenOwner('hash-nora', at))?.user.team_ids).toEqual([]);
      const listed = (await credentials.listUsers()).filter((u) => ['nora', 'tina'].includes(u.id));
      expect(listed.map((u) => [u.username, u.team_ids])).toEqual([
        ['nora', []],
        ['tina', ['payments', 'secops']],
      ]);
      await credentials.insertSession({
        id: 'session-tina',
        user_id: 'tina',
        csrf_token: 'csrf',
        created_at: at,
        expires_at: '2024-01-17T10:00:00.000Z',
      });
      const session = await credentials.findSession('session-tina', at);
      expect(session).toMatchObject({
        csrf_token: 'csrf',
        user: { id: 'tina', team_ids: ['payments', 'secops'] },
      });
      expect(await credentials.findSession('session-tina', '2024-01-18T00:00:00.000Z')).toBeNull();
      expect(await credentials.revokeToken('nora', 'tok-nora', at)).toBe(true);
      expect(await credentials.findTokenOwner('hash-nora', at)).toBeNull();
      await credentials.setDisabled('tina', true);
      expect(await credentials.findTokenOwner('hash-tina', at)).toBeNull();
      expect(await credentials.findSession('session-tina', at)).toBeNull();
    });
  });
});
