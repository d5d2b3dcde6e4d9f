import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IncidentId } from '../../core/incidents/incident.schema.js';
import { Recommendation } from '../../core/recommendations/recommendation.schema.js';
import type { ReviewRecommendationService } from '../../core/reviews/review.recommendations.service.js';
import type { ReviewService } from '../../core/reviews/review.service.js';
import { ReviewLint } from '../../core/reviews/review.lint.js';
import { ReviewDocument } from '../../core/reviews/review.schema.js';
import { ReviewView } from '../../core/reviews/review.view.js';
import { TransitionRequest, type ReviewWorkflowService } from '../../core/reviews/review.workflow.service.js';
import { BlamelessFinding } from '../../core/reviews/blameless/blameless.finding.js';
import { FactorCategory } from '../../core/shared/vocabulary.js';
import { ErrorBody } from '../errors.js';
import { expectedVersion, setEtag } from '../http-versions.js';
import { actorOf } from '../request-actor.js';

const IdParams = z.object({ id: IncidentId });
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const TransitionResponse = z.object({ review: ReviewView, warnings: z.array(BlamelessFinding) });
const FactorRecommendations = z.object({
  factor_id: z.string(),
  category: FactorCategory,
  description: z.string(),
  recommendations: z.array(Recommendation),
});

export interface ReviewRouteServices {
  reviews: ReviewService;
  reviewWorkflow: ReviewWorkflowService;
  recommendations: ReviewRecommendationService;
}

const idOf = (request: { params: unknown }) => (request.params as { id: string }).id;

/**
 * The review of an incident. Blameless-language warnings are served by `GET .../review/lint` rather than
 * folded into the PUT response, so PUT and GET return the same review shape and a review read can be
 * written back unchanged.
 */
export function reviewRoutes(app: FastifyInstance, services: ReviewRouteServices): void {
  const { reviews, reviewWorkflow, recommendations } = services;

  app.get('/api/v1/incidents/:id/review', {
    schema: {
      tags: ['reviews'],
      summary: 'Get the post-incident review of an incident (404 until it is written)',
      description:
        'Includes the sign-off history, the template in force, the deadline (due/overdue, time to review in business days) and the lifecycle actions allowed now.',
      params: IdParams,
      response: { 200: ReviewView, ...errors },
    },
    handler: async (request, reply) => {
      const review = await reviews.get(actorOf(request), idOf(request));
      setEtag(reply, review.version);
      return review;
    },
  });

  // Scoped so YAML bodies are accepted on this route only; every other route keeps answering 415 to them.
  void app.register((scope, _options, done) => {
    scope.addContentTypeParser(YAML_TYPES, { parseAs: 'string' }, (_request, body, next) => next(null, body));
    scope.put('/api/v1/incidents/:id/review', {
      schema: {
        tags: ['reviews'],
        summary: 'Write the whole review (creates it on first write; send If-Match to update)',
        description:
          'JSON: the review document. YAML (content type application/yaml or text/yaml): SEC10-BP08 Step 1 `incident_review:` or a review document; invalid YAML is refused naming the line (yaml_invalid), a bad field naming it under incident_review, and a file about another incident with incident_mismatch. Approved and published reviews are refused with review_locked until reopened. Blameless-language warnings: GET /api/v1/incidents/{id}/review/lint.',
        params: IdParams,
        body: z.union([ReviewDocument, z.string().describe('SEC10-BP08 Step 1 YAML')]),
        response: { 200: ReviewView, 201: ReviewView, ...errors },
      },
      handler: async (request, reply) => {
        const [actor, id, version] = [actorOf(request), idOf(request), expectedVersion(request)];
        const { review, created } =
          typeof request.body === 'string'
            ? await reviews.putYaml(actor, id, request.body, version)
            : await reviews.put(actor, id, request.body, version);
        setEtag(reply, review.version);
        return reply.status(created ? 201 : 200).send(review);
      },
    });
    done();
  });

  app.get('/api/v1/incidents/:id/review/lint', {
    schema: {
      tags: ['reviews'],
      summary: 'Blameless-language warnings and missing required fields of the stored review',
      description:
        'Each warning names the field (JSON path), the phrase and a systemic suggestion. Warnings never block a save; they block submission only when the template sets blameless: block.',
      params: IdParams,
      response: { 200: ReviewLint, ...errors },
    },
    handler: (request) => reviews.lint(actorOf(request), idOf(request)),
  });

  app.post('/api/v1/incidents/:id/review/transitions', {
    schema: {
      tags: ['reviews'],
      summary: 'Move the review through its lifecycle: submit, request_changes, approve, publish, reopen',
      description:
        'Each transition is signed off (who, when) and audited. Publishing records the time to review and derives the lessons-learned record. Send If-Match to act only on the version you read.',
      params: IdParams,
      body: TransitionRequest,
      response: { 200: TransitionResponse, ...errors },
    },
    handler: async (request, reply) => {
      const result = await reviewWorkflow.transition(
        actorOf(request),
        idOf(request),
        request.body,
        expectedVersion(request),
      );
      setEtag(reply, result.review.version);
      return result;
    },
  });

  app.get('/api/v1/incidents/:id/review/recommendations', {
    schema: {
      tags: ['reviews'],
      summary:
        'Suggested improvement actions per contributing factor (rules and lessons of similar past incidents)',
      params: IdParams,
      response: { 200: z.object({ factors: z.array(FactorRecommendations) }), ...errors },
    },
    handler: async (request) => ({
      factors: await recommendations.forReview(actorOf(request), idOf(request)),
    }),
  });
}
