import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { WorkingCalendar } from '../../core/calendar/calendar.schema.js';
import { KpiId } from '../../core/kpis/kpi.catalogue.js';
import { KpiTarget } from '../../core/kpis/kpi.targets.js';
import { ReviewTemplate } from '../../core/reviews/templates/template.schema.js';
import { KpiTargetsInput } from '../../core/settings/kpi-targets.setting.js';
import { TemplateId } from '../../core/settings/settings.keys.js';
import type { SettingsService } from '../../core/settings/settings.service.js';
import { ErrorBody } from '../errors.js';
import { expectedVersion, setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const view = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    source: z.enum(['built_in', 'stored']),
    version: z.number().int(),
    updated_by: z.string().nullable(),
    updated_at: z.string().nullable(),
  });
const TemplateParams = z.object({ id: TemplateId });
const KpiTargetsBody = z.object({
  items: z.array(
    z.object({
      id: KpiId,
      name: z.string(),
      target: KpiTarget,
      source: z.enum(['stored', 'configured', 'built_in']),
    }),
  ),
  version: z.number().int(),
  updated_by: z.string().nullable(),
  updated_at: z.string().nullable(),
});
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];

/**
 * Organisation settings: the working calendar, review templates and KPI targets. Templates may be written
 * as YAML (content type application/yaml; SEC10-BP08's Best Practice 2 shape or the full template) or
 * JSON; KPI targets as JSON or SEC10-BP08's learning_metrics YAML.
 */
export function settingsRoutes(app: FastifyInstance, settings: SettingsService): void {
  // Scoped so YAML bodies are accepted here only; every other route keeps answering 415 to them.
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.get('/api/v1/settings/calendar', {
      schema: {
        tags: ['settings'],
        summary: 'The working calendar review deadlines are counted in (time zone, working days, holidays)',
        response: { 200: view(WorkingCalendar), ...errors },
      },
      handler: async (request, reply) => {
        const calendar = await settings.getCalendar(actorOf(request));
        setEtag(reply, calendar.version);
        return calendar;
      },
    });

    scope.put('/api/v1/settings/calendar', {
      schema: {
        tags: ['settings'],
        summary: 'Replace the working calendar (admin; audited)',
        body: WorkingCalendar,
        response: { 200: view(WorkingCalendar), ...errors },
      },
      handler: async (request, reply) => {
        const calendar = await settings.putCalendar(actorOf(request), request.body, expectedVersion(request));
        setEtag(reply, calendar.version);
        return calendar;
      },
    });

    scope.get('/api/v1/settings/templates', {
      schema: {
        tags: ['settings'],
        summary: 'Review templates in force (built-in ones replaced by stored ones with the same id)',
        response: { 200: z.object({ items: z.array(ReviewTemplate) }), ...errors },
      },
      handler: async (request) => ({ items: await settings.listTemplates(actorOf(request)) }),
    });

    scope.get('/api/v1/settings/templates/:id', {
      schema: {
        tags: ['settings'],
        summary: 'One review template',
        params: TemplateParams,
        response: { 200: view(ReviewTemplate), ...errors },
      },
      handler: async (request, reply) => {
        const template = await settings.getTemplate(actorOf(request), (request.params as { id: string }).id);
        setEtag(reply, template.version);
        return template;
      },
    });

    scope.put('/api/v1/settings/templates/:id', {
      schema: {
        tags: ['settings'],
        summary: 'Write a review template as YAML or JSON (admin; audited)',
        params: TemplateParams,
        body: z.union([ReviewTemplate, z.string().describe('YAML')]),
        response: { 200: view(ReviewTemplate), ...errors },
      },
      handler: async (request, reply) => {
        const template = await settings.putTemplate(
          actorOf(request),
          (request.params as { id: string }).id,
          request.body,
          expectedVersion(request),
        );
        setEtag(reply, template.version);
        return template;
      },
    });
    scope.get('/api/v1/settings/kpi-targets', {
      schema: {
        tags: ['settings'],
        summary: 'KPI targets in force, each with where it comes from (stored, the start-up file, built in)',
        response: { 200: KpiTargetsBody, ...errors },
      },
      handler: async (request, reply) => {
        const targets = await settings.getKpiTargets(actorOf(request));
        setEtag(reply, targets.version);
        return targets;
      },
    });

    scope.put('/api/v1/settings/kpi-targets', {
      schema: {
        tags: ['settings'],
        summary:
          'Set KPI targets (admin; audited): { targets: { <KPI id>: "> 90%" } } or learning_metrics YAML; KPIs left out keep their file or built-in target, so { targets: {} } resets',
        body: z.union([KpiTargetsInput, z.string().describe('YAML')]),
        response: { 200: KpiTargetsBody, ...errors },
      },
      handler: async (request, reply) => {
        const targets = await settings.putKpiTargets(
          actorOf(request),
          request.body,
          expectedVersion(request),
        );
        setEtag(reply, targets.version);
        return targets;
      },
    });
    done();
  });
}
