import { z } from 'zod';

/**
 * Repeat detection by signature (SEC10-BP08 Example 2, `create_incident_signature`): incidents with the same
 * category, attack vector and affected service are the same pattern.
 *
 * Rules, shared with the SQL stores that group signatures over large data:
 * - The fields are configurable; the default is category-attack_vector-affected_service, as in the seed.
 * - Each value is normalised: trimmed, lower-cased, and runs of spaces or hyphens become `_`, so the `-`
 *   between fields is unambiguous ("checkout-api" → "checkout_api"). A missing or empty value is `unknown`.
 * - An incident with several affected services has one signature per service (deduplicated); it can then
 *   belong to several repeat patterns, once each. An incident with no services has one signature with
 *   `unknown` for the service.
 */
export const SignatureField = z.enum([
  'category',
  'attack_vector',
  'affected_service',
  'severity',
  'team',
  'kind',
]);
export type SignatureField = z.infer<typeof SignatureField>;

export const DEFAULT_SIGNATURE_FIELDS: readonly SignatureField[] = [
  'category',
  'attack_vector',
  'affected_service',
];

/** The fields of an incident a signature can use. */
export interface SignatureSubject {
  id: string;
  /** When the incident started (or was declared): orders "earlier" for recurrence. ISO instant. */
  occurred_at: string;
  category?: string | null;
  attack_vector?: string | null;
  affected_services?: readonly string[] | null;
  severity?: string | null;
  team?: string | null;
  kind?: string | null;
}

/** Normalised field value; `unknown` when missing. */
export function signaturePart(value: string | null | undefined): string {
  const clean = (value ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return clean === '' ? 'unknown' : clean;
}

/**
 * The signatures of one incident: one per affected service when the fields include `affected_service`.
 *
 * @example incidentSignatures({ id: 'INC-1', occurred_at: '…', category: 'Hacking', attack_vector: 'Use of
 *   stolen creds', affected_services: ['iam', 'cloudtrail'] })
 *   // ['hacking-use_of_stolen_creds-iam', 'hacking-use_of_stolen_creds-cloudtrail']
 */
export function incidentSignatures(
  incident: SignatureSubject,
  fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
): string[] {
  if (fields.length === 0) throw new RangeError('a signature needs at least one field');
  const services = [...new Set((incident.affected_services ?? []).map(signaturePart))];
  const serviceValues = services.length > 0 ? services : ['unknown'];
  const perService = fields.includes('affected_service') ? serviceValues : [''];
  return perService.map((service) =>
    fields
      .map((field) => (field === 'affected_service' ? service : signaturePart(incident[field])))
      .join('-'),
  );
}

export interface RepeatPattern {
  signature: string;
  /** Distinct incidents with this signature. */
  count: number;
  /** Oldest first. */
  incident_ids: string[];
  first_seen: string;
  last_seen: string;
}

/**
 * Patterns seen on more than one incident, most frequent first (ties by signature). Pure and in memory: for
 * small sets and tests; stores group signatures in SQL for large data with the same rules.
 */
export function groupRepeatPatterns(
  incidents: readonly SignatureSubject[],
  fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
): RepeatPattern[] {
  const groups = new Map<string, SignatureSubject[]>();
  for (const incident of chronological(incidents)) {
    for (const signature of new Set(incidentSignatures(incident, fields))) {
      const list = groups.get(signature) ?? [];
      list.push(incident);
      groups.set(signature, list);
    }
  }
  const patterns: RepeatPattern[] = [];
  for (const [signature, list] of groups) {
    if (list.length < 2) continue;
    patterns.push({
      signature,
      count: list.length,
      incident_ids: list.map((i) => i.id),
      first_seen: (list[0] as SignatureSubject).occurred_at,
      last_seen: (list[list.length - 1] as SignatureSubject).occurred_at,
    });
  }
  return patterns.sort((a, b) => b.count - a.count || a.signature.localeCompare(b.signature));
}

/**
 * Ids of incidents that recur an earlier incident: at least one of their signatures was seen on an incident
 * that occurred strictly before. The first incident of each pattern is not a recurrence (the seed's
 * `calculate_repeat_incident_rate` counts the same way).
 */
export function recurringIncidentIds(
  incidents: readonly SignatureSubject[],
  fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
): Set<string> {
  const firstSeen = new Map<string, number>();
  const recurring = new Set<string>();
  for (const incident of chronological(incidents)) {
    const at = Date.parse(incident.occurred_at);
    for (const signature of incidentSignatures(incident, fields)) {
      const seen = firstSeen.get(signature);
      if (seen === undefined) firstSeen.set(signature, at);
      else if (seen < at) recurring.add(incident.id);
    }
  }
  return recurring;
}

function chronological(incidents: readonly SignatureSubject[]): SignatureSubject[] {
  return [...incidents].sort(
    (a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at) || a.id.localeCompare(b.id),
  );
}
