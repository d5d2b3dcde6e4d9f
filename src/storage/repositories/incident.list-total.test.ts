import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildActor } from '../../../test/support/actors.js';
import { buildIncidentInput } from '../../../test/support/factories.js';
import { STORE_KINDS, freshStore } from '../../../test/support/stores.js';
import type { Actor } from '../../core/shared/actor.js';
import { ManualClock } from '../../core/shared/clock.js';
import { buildServices } from '../../services.js';

/*
 * The list's total is counted as every incident matching the filters less the restricted ones hidden from
 * the viewer (a partial index over restricted incidents), not by checking the rule on every row. It must
 * equal what the viewer can page through: restricted incidents of their team, of another team, of no team,
 * with them as a member or not, under filters.
 */
describe.each(STORE_KINDS)('the incident list total on %s', (kind) => {
  let store: Awaited<ReturnType<typeof freshStore>>;
  const admin = buildActor();
  const viewers: Record<string, Actor> = {
    admin,
    'viewer of payments': buildActor({ id: 'vic', role: 'viewer', teamIds: ['payments'] }),
    'responder of two teams': buildActor({ id: 'rita', role: 'responder', teamIds: ['payments', 'search'] }),
    'viewer of no team': buildActor({ id: 'nora', role: 'viewer', teamIds: [] }),
  };

  beforeAll(async () => {
    store = await freshStore(kind);
    const services = buildServices(store, new ManualClock('2024-01-16T10:00:00Z'));
    for (const viewer of Object.values(viewers)) {
      if (viewer === admin) continue;
      const user = await services.users.create(admin, { username: viewer.id, role: viewer.role });
      viewer.id = user.id;
    }
    const shapes = [
      { restricted: false, team: 'payments' },
      { restricted: false, team: null },
      { restricted: true, team: 'payments' },
      { restricted: true, team: 'search' },
      { restricted: true, team: 'identity' },
      { restricted: true, team: null },
    ];
    let n = 0;
    for (const shape of shapes) {
      for (const severity of ['High', 'Low'] as const) {
        n += 1;
        const incident = await services.incidents.create(
          admin,
          buildIncidentInput({ severity, restricted: shape.restricted, team: shape.team }),
        );
        // Every third incident has nora and vic as members.
        if (n % 3 === 0) {
          for (const username of ['nora', 'vic'])
            await services.incidents.addMember(admin, incident.id, username);
        }
      }
    }
  });
  afterAll(() => store.dispose());

  for (const [who, viewer] of Object.entries(viewers)) {
    it.each([{}, { severity: 'High' }, { team: 'identity' }, { q: 'leaked' }])(
      `equals the incidents ${who} can page through, filters %j`,
      async (filters) => {
        const services = buildServices(store, new ManualClock('2024-01-16T10:00:00Z'));
        const all = await services.incidents.list(viewer, { ...filters, limit: 100 });
        expect(all.total).toBe(all.items.length);
        const page = await services.incidents.list(viewer, { ...filters, limit: 2 });
        expect(page.total).toBe(all.items.length);
      },
    );
  }

  it('hides restricted incidents of other teams and of no team unless the viewer is a member', async () => {
    // 12 incidents: 4 unrestricted, then restricted pairs of payments, search, identity and no team;
    // vic and nora are members of every third (3, 6, 9, 12).
    const services = buildServices(store, new ManualClock('2024-01-16T10:00:00Z'));
    const totals: Record<string, number> = {};
    for (const [who, viewer] of Object.entries(viewers)) {
      totals[who] = (await services.incidents.list(viewer, { limit: 100 })).total;
    }
    expect(totals).toEqual({
      admin: 12,
      'viewer of payments': 8,
      'responder of two teams': 8,
      'viewer of no team': 7,
    });
  });
});
