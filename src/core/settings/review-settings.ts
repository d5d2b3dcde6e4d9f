import { DEFAULT_WORKING_CALENDAR, WorkingCalendar } from '../calendar/calendar.schema.js';
import { BUILT_IN_TEMPLATES } from '../reviews/templates/template.standard.js';
import { ReviewTemplate } from '../reviews/templates/template.schema.js';
import { CALENDAR_KEY, TEMPLATE_KEY_PREFIX } from './settings.keys.js';
import type { SettingsStore } from './settings.ports.js';

/** What review deadlines and template selection read. */
export interface ReviewSettings {
  calendar: WorkingCalendar;
  /** Built-in templates, each replaced by a stored one with the same id, then the other stored ones. */
  templates: ReviewTemplate[];
}

/**
 * The working calendar and review templates in force: stored settings over the built-in defaults. Values
 * were validated when written; one that no longer parses (a renamed field after an upgrade) falls back
 * to the default rather than blocking every review.
 */
export async function loadReviewSettings(
  settings: Pick<SettingsStore, 'get' | 'list'>,
): Promise<ReviewSettings> {
  const stored = await settings.get(CALENDAR_KEY);
  const parsedCalendar = stored ? WorkingCalendar.safeParse(stored.value) : null;
  const calendar = parsedCalendar?.success ? parsedCalendar.data : DEFAULT_WORKING_CALENDAR;
  const custom = (await settings.list(TEMPLATE_KEY_PREFIX)).flatMap((s) => {
    const parsed = ReviewTemplate.safeParse(s.value);
    return parsed.success ? [parsed.data] : [];
  });
  const byId = new Map(custom.map((t) => [t.id, t]));
  const builtIn = BUILT_IN_TEMPLATES.map((t) => byId.get(t.id) ?? t);
  const builtInIds = new Set(BUILT_IN_TEMPLATES.map((t) => t.id));
  return { calendar, templates: [...builtIn, ...custom.filter((t) => !builtInIds.has(t.id))] };
}
