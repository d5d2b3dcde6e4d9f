import {
  DEFAULT_SIGNATURE_FIELDS,
  incidentSignatures,
  type SignatureField,
  type SignatureSubject,
} from '../similarity/signature.js';
import { round } from './stats.js';

export interface VerifiedAction {
  id: string;
  incident_id: string;
  verified_at: string;
}

/** A reviewer-confirmed recurrence: `incident_id` recurs the earlier `recurs_incident_id`. */
export interface ConfirmedRecurrence {
  incident_id: string;
  recurs_incident_id: string;
}

export interface ActionEffectiveness {
  /** Verified actions considered. */
  n: number;
  /** Verified actions whose incident did not recur after verification. */
  not_followed: number;
  /** not_followed ÷ n in percent; null when n = 0. */
  value: number | null;
  /** For each action followed by a recurrence, the incidents that recurred after its verification. */
  followed: Array<{ action_id: string; recurrence_ids: string[] }>;
}

/**
 * Effectiveness by recurrence (issue 6, item 4): for each verified action, did its incident happen again after
 * the verification — an incident occurring strictly later with one of the same signatures, or confirmed by a
 * reviewer as a recurrence of it? The share of verified actions not followed by a recurrence is the measure.
 * In memory for small sets and tests; a store computes the same with a join on signatures and links.
 */
export function actionEffectiveness(
  actions: readonly VerifiedAction[],
  incidents: readonly SignatureSubject[],
  confirmed: readonly ConfirmedRecurrence[] = [],
  fields: readonly SignatureField[] = DEFAULT_SIGNATURE_FIELDS,
): ActionEffectiveness {
  const byId = new Map(incidents.map((i) => [i.id, i]));
  const bySignature = new Map<string, SignatureSubject[]>();
  for (const incident of incidents) {
    for (const s of new Set(incidentSignatures(incident, fields))) {
      const list = bySignature.get(s) ?? [];
      list.push(incident);
      bySignature.set(s, list);
    }
  }
  const followed: ActionEffectiveness['followed'] = [];
  for (const action of actions) {
    const origin = byId.get(action.incident_id);
    const after = Date.parse(action.verified_at);
    const recurrences = new Set<string>();
    if (origin) {
      for (const s of incidentSignatures(origin, fields)) {
        for (const other of bySignature.get(s) ?? []) {
          if (other.id !== origin.id && Date.parse(other.occurred_at) > after) recurrences.add(other.id);
        }
      }
    }
    for (const link of confirmed) {
      const later = byId.get(link.incident_id);
      if (link.recurs_incident_id === action.incident_id && later && Date.parse(later.occurred_at) > after) {
        recurrences.add(later.id);
      }
    }
    if (recurrences.size > 0)
      followed.push({ action_id: action.id, recurrence_ids: [...recurrences].sort() });
  }
  const n = actions.length;
  const notFollowed = n - followed.length;
  return { n, not_followed: notFollowed, value: n > 0 ? round((100 * notFollowed) / n, 2) : null, followed };
}
