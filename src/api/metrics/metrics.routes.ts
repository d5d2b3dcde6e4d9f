import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../../core/auth/auth.service.js';
import type { KpiService } from '../../core/kpis/kpi.service.js';
import { renderMetrics } from './metrics.render.js';

/**
 * `GET /metrics`: KPI gauges per team in the Prometheus text format. Not public: a scraper sends an API token
 * (`Authorization: Bearer`, Prometheus' `authorization` setting) of any user who may read KPIs — a viewer
 * token made for the scraper is enough, since the same figures are readable at /api/v1/kpis. Session cookies
 * are not accepted here (scrapers do not sign in), so no CSRF question arises.
 */
export function metricsRoutes(app: FastifyInstance, auth: AuthService, kpis: KpiService): void {
  app.get('/metrics', {
    // Not part of the JSON API (a different protocol, like /healthz), so not in the OpenAPI document; its
    // access is tested in test/api/kpis.api.test.ts.
    schema: { hide: true },
    handler: async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
      const actor = await auth.authenticateToken(token);
      const { period, teams } = await kpis.perTeam(actor);
      return reply
        .type('text/plain; version=0.0.4; charset=utf-8')
        .serializer((text) => text as string)
        .send(renderMetrics(period, teams));
    },
  });
}
