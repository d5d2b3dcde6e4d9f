import { z } from 'zod';
import { KPI_DEFINITIONS, KpiId } from '../kpis/kpi.catalogue.js';
import {
  defaultTargets,
  parseTarget,
  parseTargetsYaml,
  type KpiTarget,
  type KpiTargets,
} from '../kpis/kpi.targets.js';
import { invalid, isDomainError, type Problem } from '../shared/errors.js';
import type { SettingsStore, StoredSetting } from './settings.ports.js';

/** KPI targets an administrator set in the UI or API, over the start-up file and the built-in defaults. */
export const KPI_TARGETS_KEY = 'kpi_targets';

/** What is stored: the target text per KPI, as written ("> 85%", "< 4 business days", "Decreasing trend"). */
const StoredTargets = z.object({ targets: z.record(z.string(), z.string()) });

/** The body of a write: target texts for some KPIs; the others keep the file's or built-in target. */
export const KpiTargetsInput = z.object({ targets: z.record(z.string(), z.string().max(200)) }).strict();

/** Where a KPI's target in force comes from. */
export type KpiTargetSource = 'stored' | 'configured' | 'built_in';

export interface KpiTargetsView {
  items: Array<{ id: KpiId; name: string; target: KpiTarget; source: KpiTargetSource }>;
  /** Version of the stored setting (0 when none was ever written); send it back as If-Match. */
  version: number;
  updated_by: string | null;
  updated_at: string | null;
}

/**
 * The targets in force: stored texts over `base` (the start-up file over the built-in defaults). Read on
 * every request, so a change made through one server instance applies at once on all of them.
 */
export async function currentKpiTargets(store: SettingsStore, base: KpiTargets): Promise<KpiTargets> {
  return overlay(base, await store.get(KPI_TARGETS_KEY)).targets;
}

export async function kpiTargetsView(store: SettingsStore, base: KpiTargets): Promise<KpiTargetsView> {
  const stored = await store.get(KPI_TARGETS_KEY);
  const { targets, storedIds } = overlay(base, stored);
  const builtIn = defaultTargets();
  return {
    items: KPI_DEFINITIONS.map((d) => ({
      id: d.id,
      name: d.name,
      target: targets[d.id],
      source: storedIds.has(d.id)
        ? 'stored'
        : base[d.id].text === builtIn[d.id].text
          ? 'built_in'
          : 'configured',
    })),
    version: stored?.version ?? 0,
    updated_by: stored?.updated_by ?? null,
    updated_at: stored?.updated_at ?? null,
  };
}

/**
 * Reads a write: JSON `{ targets: { <KPI id>: "<target>" } }` or SEC10-BP08's `learning_metrics` YAML
 * (the shape of the start-up file). Every problem is reported at once, each under `targets.<id>` (JSON) or
 * the YAML entry's path; returns the target texts to store.
 */
export function parseKpiTargetsInput(input: unknown): Record<string, string> {
  if (typeof input === 'string') return textsOfYaml(input);
  const body = KpiTargetsInput.safeParse(input);
  if (!body.success) {
    const details = body.error.issues.map((i) => ({
      path: i.path.join('.') || 'targets',
      problem: i.message,
    }));
    throw invalid(
      'kpi_targets_invalid',
      'KPI targets must be an object { targets: { <KPI id>: "<target>" } }',
      details,
    );
  }
  const problems: Problem[] = [];
  const texts: Record<string, string> = {};
  for (const [id, text] of Object.entries(body.data.targets)) {
    const path = `targets.${id}`;
    const kpi = KpiId.safeParse(id);
    if (!kpi.success) {
      problems.push({ path, problem: `unknown KPI; one of ${KpiId.options.join(', ')}` });
      continue;
    }
    try {
      texts[kpi.data] = parseTarget(kpi.data, text).text;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // The parser's short problem ('unparseable target "soon"'); its message repeats the KPI id.
      problems.push({ path, problem: error.details.map((d) => d.problem).join('; ') || error.message });
    }
  }
  if (problems.length > 0) {
    throw invalid(
      'kpi_targets_invalid',
      `KPI targets have ${problems.length} problem(s): ${problems.map((p) => `${p.path}: ${p.problem}`).join('; ')}`,
      problems,
    );
  }
  return texts;
}

/** The texts a learning_metrics file sets (only the KPIs it names, not the defaults it is merged over). */
function textsOfYaml(text: string): Record<string, string> {
  const base = defaultTargets();
  const parsed = parseTargetsYaml(text, base);
  // The parser copies the base and replaces the entries the file names with new objects.
  return Object.fromEntries(
    KPI_DEFINITIONS.filter((d) => parsed[d.id] !== base[d.id]).map((d) => [d.id, parsed[d.id].text]),
  );
}

function overlay(
  base: KpiTargets,
  stored: StoredSetting | null,
): { targets: KpiTargets; storedIds: Set<KpiId> } {
  const targets: KpiTargets = { ...base };
  const storedIds = new Set<KpiId>();
  const value = stored ? StoredTargets.safeParse(stored.value) : null;
  for (const [id, text] of Object.entries(value?.success ? value.data.targets : {})) {
    const kpi = KpiId.safeParse(id);
    // A stored text was valid when written; one a later version no longer reads falls back, never fails reads.
    if (!kpi.success) continue;
    try {
      targets[kpi.data] = parseTarget(kpi.data, text);
      storedIds.add(kpi.data);
    } catch {
      continue;
    }
  }
  return { targets, storedIds };
}
