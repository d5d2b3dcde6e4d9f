import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { systemActor } from '../../src/core/shared/actor.js';
import { ManualClock } from '../../src/core/shared/clock.js';
import { buildServices, type Services } from '../../src/services.js';
import type { Store } from '../../src/storage/store.js';
import { buildIncidentInput } from '../support/factories.js';
import { STORE_KINDS, freshStore } from '../support/stores.js';

const DATA = { HINDSIGHT_DATA: '/tmp/hindsight-signature-test' };

describe('HINDSIGHT_SIGNATURE_FIELDS', () => {
  it('defaults to the built-in fields and reads a comma-separated list', () => {
    expect(loadConfig(DATA).signatureFields).toBeUndefined();
    expect(
      loadConfig({ ...DATA, HINDSIGHT_SIGNATURE_FIELDS: 'category, affected_service' }).signatureFields,
    ).toEqual(['category', 'affected_service']);
  });

  it('names the variable, the bad value and the allowed fields', () => {
    expect(() => loadConfig({ ...DATA, HINDSIGHT_SIGNATURE_FIELDS: 'category,servise' })).toThrow(
      /HINDSIGHT_SIGNATURE_FIELDS: unknown signature field "servise"; allowed: category, attack_vector, affected_service, severity, team, kind/,
    );
    expect(() => loadConfig({ ...DATA, HINDSIGHT_SIGNATURE_FIELDS: 'team,team' })).toThrow(
      /HINDSIGHT_SIGNATURE_FIELDS: lists a field twice/,
    );
  });
});

describe.each(STORE_KINDS)('configured signature fields on %s', (kind) => {
  let store: Store & { dispose(): Promise<void> };
  let defaults: Services;
  let byService: Services;
  let later: string;

  beforeAll(async () => {
    store = await freshStore(kind);
    const clock = new ManualClock('2024-01-16T10:00:00Z');
    defaults = buildServices(store, clock, { signatureFields: loadConfig(DATA).signatureFields });
    byService = buildServices(store, clock, {
      signatureFields: loadConfig({ ...DATA, HINDSIGHT_SIGNATURE_FIELDS: 'category,affected_service' })
        .signatureFields,
    });
    const at = (day: string) => ({
      impact_started: `2024-01-${day}T08:00:00Z`,
      detected: `2024-01-${day}T08:30:00Z`,
      declared: `2024-01-${day}T08:40:00Z`,
    });
    await defaults.incidents.create(
      systemActor,
      buildIncidentInput({ attack_vector: 'Credential theft', timestamps: at('10') }),
    );
    later = (
      await defaults.incidents.create(
        systemActor,
        buildIncidentInput({ attack_vector: 'Phishing', timestamps: at('12') }),
      )
    ).id;
  });
  afterAll(() => store.dispose());

  const repeatRate = async (services: Services) =>
    (await services.kpis.kpis(systemActor, {})).kpis.find((k) => k.id === 'repeat_incident_rate');

  it('counts a repeat only when the configured fields match', async () => {
    // Same category and service, different attack vector: not a repeat by default, a repeat without the vector.
    expect(await repeatRate(defaults)).toMatchObject({ value: 0, n: 2 });
    expect(await repeatRate(byService)).toMatchObject({ value: 50, n: 2 });
    expect((await defaults.similarity.similar(systemActor, later, {})).same_signature).toEqual([]);
    expect((await byService.similarity.similar(systemActor, later, {})).same_signature).toEqual([
      expect.objectContaining({ signature: 'access_control-billing_api' }),
    ]);
  });
});
