import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Services } from '../services.js';
import { handleError, errorBody } from './errors.js';
import { incidentRoutes } from './incidents/incidents.routes.js';
import { lessonRoutes } from './lessons/lessons.routes.js';
import { registerAuthentication } from './request-actor.js';
import { reviewRoutes } from './reviews/reviews.routes.js';
import { analysisRoutes } from './reviews/analyses.routes.js';
import { reportRoutes } from './reviews/report.routes.js';
import { settingsRoutes } from './settings/settings.routes.js';
import { notificationSettingsRoutes } from './settings/notification-settings.routes.js';
import { sessionRoutes } from './session/session.routes.js';
import { userRoutes } from './users/users.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { redactedLessonRoutes } from './lessons/redacted-lessons.routes.js';
import { kpiRoutes } from './kpis/kpis.routes.js';
import { metricsRoutes } from './metrics/metrics.routes.js';
import { similarityRoutes } from './similarity/similarity.routes.js';
import { actionRoutes } from './actions/actions.routes.js';
import { notificationPreferenceRoutes } from './actions/notification-preferences.routes.js';
import { feedbackRoutes } from './feedback/feedback.routes.js';
import { evidenceRoutes } from './evidence/evidence.routes.js';

export interface ApiOptions {
  services: Services;
  /** Checks the store answers; /healthz reports 503 when it throws. */
  ping: () => Promise<void>;
  storeKind: string;
  version: string;
  logger?: FastifyServerOptions['logger'];
  bodyLimit?: number;
  /** Mark the session cookie Secure (behind HTTPS). */
  secureCookies?: boolean;
}

/**
 * The HTTP API. Route schemas document the API (OpenAPI); validation itself happens once, in the core
 * services, so the API, the CLI and importers give the same errors.
 */
export async function buildApi(options: ApiOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
  });
  app.setValidatorCompiler(() => (data: unknown) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send(errorBody('route_not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hindsight API',
        version: options.version,
        description: 'Learning from incidents (SEC10-BP08).',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  await app.register(cookie);
  registerAuthentication(app, options.services.auth);
  app.get('/healthz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await options.ping();
      return { status: 'ok', store: options.storeKind, version: options.version };
    } catch {
      return reply
        .status(503)
        .send({ status: 'unavailable', store: options.storeKind, version: options.version });
    }
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  incidentRoutes(app, options.services.incidents);
  reviewRoutes(app, options.services);
  analysisRoutes(app, options.services.analyses);
  reportRoutes(app, options.services.reports);
  settingsRoutes(app, options.services.settings);
  notificationSettingsRoutes(app, options.services.notificationSettings);
  lessonRoutes(app, options.services.lessons);
  sessionRoutes(app, options.services.auth, options.secureCookies ?? false);
  userRoutes(app, options.services.users);
  auditRoutes(app, options.services.audit);
  redactedLessonRoutes(app, options.services.redactedLessons);
  kpiRoutes(app, options.services.kpis);
  metricsRoutes(app, options.services.auth, options.services.kpis);
  similarityRoutes(app, options.services.similarity);
  actionRoutes(app, options.services.actions);
  notificationPreferenceRoutes(app, options.services.preferences);
  feedbackRoutes(app, options.services.feedback);
  evidenceRoutes(app, options.services.evidence);
  await app.register(import('./web-ui.js'));
  return app;
}
