import type { AuditLog } from '../audit/audit.ports.js';
import { authorize } from '../auth/policy.js';
import { DEFAULT_WORKING_CALENDAR, WorkingCalendar } from '../calendar/calendar.schema.js';
import { defaultTargets, type KpiTargets } from '../kpis/kpi.targets.js';
import { parseTemplateYaml } from '../reviews/templates/template.parse.js';
import { ReviewTemplate } from '../reviews/templates/template.schema.js';
import type { Actor } from '../shared/actor.js';
import type { Clock } from '../shared/clock.js';
import { invalid, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/validation.js';
import {
  KPI_TARGETS_KEY,
  kpiTargetsView,
  parseKpiTargetsInput,
  type KpiTargetsView,
} from './kpi-targets.setting.js';
import { loadReviewSettings } from './review-settings.js';
import { CALENDAR_KEY, TemplateId, templateKey } from './settings.keys.js';
import type { SettingsStore } from './settings.ports.js';

/** A setting as the API shows it: the value in force, and whether it is the built-in default. */
export interface SettingView<T> {
  value: T;
  /** `built_in` until an administrator writes the setting; then `stored`. */
  source: 'built_in' | 'stored';
  /** 0 for a built-in default; send it back as If-Match to replace it. */
  version: number;
  updated_by: string | null;
  updated_at: string | null;
}

export interface SettingsServiceDeps {
  settings: SettingsStore;
  clock: Clock;
  transaction: <T>(work: (stores: { settings: SettingsStore; audit: AuditLog }) => Promise<T>) => Promise<T>;
  /** KPI targets from the start-up file over the built-in defaults; stored targets override them. */
  kpiTargets?: KpiTargets | undefined;
}

/**
 * Organisation settings: the working calendar (time zone, working days, holidays), review templates and
 * KPI targets. Anyone signed in may read them; only administrators change them, and every change is
 * audited.
 */
export class SettingsService {
  constructor(private readonly deps: SettingsServiceDeps) {}

  async getCalendar(actor: Actor): Promise<SettingView<WorkingCalendar>> {
    authorize(actor, 'incident:read');
    const { calendar } = await loadReviewSettings(this.deps.settings);
    return view(calendar, await this.deps.settings.get(CALENDAR_KEY));
  }

  async putCalendar(
    actor: Actor,
    input: unknown,
    expectedVersion?: number,
  ): Promise<SettingView<WorkingCalendar>> {
    authorize(actor, 'settings:write');
    const calendar = parseInput(WorkingCalendar, input, 'working calendar');
    return this.write(actor, CALENDAR_KEY, calendar, DEFAULT_WORKING_CALENDAR, expectedVersion);
  }

  async listTemplates(actor: Actor): Promise<ReviewTemplate[]> {
    authorize(actor, 'incident:read');
    return (await loadReviewSettings(this.deps.settings)).templates;
  }

  async getTemplate(actor: Actor, id: string): Promise<SettingView<ReviewTemplate>> {
    authorize(actor, 'incident:read');
    const templateId = parseInput(TemplateId, id, 'template id');
    const template = (await loadReviewSettings(this.deps.settings)).templates.find(
      (t) => t.id === templateId,
    );
    if (!template) throw notFound('template', templateId);
    return view(template, await this.deps.settings.get(templateKey(templateId)));
  }

  /**
   * Writes a review template from YAML text (either SEC10-BP08's Best Practice 2 shape or the full template
   * shape) or from a JSON object. The template's id must be the one in the path (a JSON object may leave it
   * out). A stored template with a built-in id replaces the built-in one.
   */
  async putTemplate(
    actor: Actor,
    id: string,
    input: unknown,
    expectedVersion?: number,
  ): Promise<SettingView<ReviewTemplate>> {
    authorize(actor, 'settings:write');
    const templateId = parseInput(TemplateId, id, 'template id');
    const template =
      typeof input === 'string'
        ? parseTemplateYaml(input, { id: templateId })
        : parseInput(ReviewTemplate, withId(input, templateId), 'review template');
    if (template.id !== templateId) {
      throw invalid(
        'template_id_mismatch',
        `the template's id is ${template.id}, but the path says ${templateId}`,
        [{ path: 'id', problem: `must be ${templateId}, the id in the path` }],
      );
    }
    const before = (await loadReviewSettings(this.deps.settings)).templates.find((t) => t.id === templateId);
    return this.write(actor, templateKey(templateId), template, before ?? null, expectedVersion);
  }

  async getKpiTargets(actor: Actor): Promise<KpiTargetsView> {
    authorize(actor, 'incident:read');
    return kpiTargetsView(this.deps.settings, this.kpiTargetsBase());
  }

  /**
   * Sets the targets of the KPIs named in `input` (JSON `{ targets: { <KPI id>: "<target>" } }`, or
   * SEC10-BP08 `learning_metrics` YAML text); the others keep their file or built-in target. Replaces the
   * earlier stored targets as a whole, so an omitted KPI goes back to its file or built-in target.
   */
  async putKpiTargets(actor: Actor, input: unknown, expectedVersion?: number): Promise<KpiTargetsView> {
    authorize(actor, 'settings:write');
    const targets = parseKpiTargetsInput(input);
    await this.write(actor, KPI_TARGETS_KEY, { targets }, { targets: {} }, expectedVersion);
    return kpiTargetsView(this.deps.settings, this.kpiTargetsBase());
  }

  private kpiTargetsBase(): KpiTargets {
    return this.deps.kpiTargets ?? defaultTargets();
  }

  private write<T>(
    actor: Actor,
    key: string,
    value: T,
    fallback: T | null,
    expectedVersion?: number,
  ): Promise<SettingView<T>> {
    const at = this.deps.clock.now().toISOString();
    return this.deps.transaction(async ({ settings, audit }) => {
      const previous = await settings.get(key);
      const written = await settings.put(key, value, at, actor.id, expectedVersion);
      await audit.append(
        actor,
        {
          entity_type: 'setting',
          entity_id: key,
          action: previous ? 'update' : 'create',
          before: previous?.value ?? fallback,
          after: value,
        },
        at,
      );
      return view(value, written);
    });
  }
}

function view<T>(
  value: T,
  stored: { version: number; updated_by: string; updated_at: string } | null,
): SettingView<T> {
  return stored
    ? {
        value,
        source: 'stored',
        version: stored.version,
        updated_by: stored.updated_by,
        updated_at: stored.updated_at,
      }
    : { value, source: 'built_in', version: 0, updated_by: null, updated_at: null };
}

function withId(input: unknown, id: string): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input) || 'id' in input) return input;
  return { ...input, id };
}
