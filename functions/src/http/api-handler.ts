import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { languageFromHeader } from '@jixiao/core/language.ts';
import { principalAsRecorded, principalFromClaims } from '@jixiao/core/principal.ts';
import { validate } from '@jixiao/core/validation.ts';
import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import * as v from 'valibot';
import {
  type ApiEvent,
  type ApiResult,
  FileBody,
  type Operation,
  type PublicOperation,
} from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { assertBodySize, readJsonBody } from '#functions/http/request-body.ts';
import { file, json, problemResponse } from '#functions/http/respond.ts';
import type { UserStandingReader } from '#functions/organisation/user-standing.ts';
import { logger, metrics } from '#functions/powertools.ts';
import { type RouteDefinition, routeKey } from '#functions/routes/route-definition.ts';

export type Operations = Record<string, Operation | PublicOperation>;

const emptyObject = v.strictObject({});

/** Who made each request, for its access-log line; keyed by event so concurrent calls never mix. */
const subjects = new WeakMap<object, string>();

const parseInput = (schema: v.GenericSchema | undefined, input: unknown, language: 'zh-CN' | 'en') => {
  const result = validate(schema ?? emptyObject, input ?? {}, language);
  if (!result.ok) throw new HttpProblem('validation-failed', { errors: result.errors });
  return result.value;
};

/**
 * Errors become problem+json in the caller's language; every request leaves one access-log line
 * (no body, no token, no personal data) and a latency metric.
 */
const problemsAndAccessLog = (): MiddlewareObj<ApiEvent, ApiResult> => {
  const started = new WeakMap<object, number>();
  const finish = (event: ApiEvent, response: ApiResult, error?: unknown) => {
    const status = response.statusCode ?? 200;
    const durationMs = performance.now() - (started.get(event) ?? performance.now());
    const entry = {
      route: event.routeKey,
      status,
      durationMs: Math.round(durationMs * 10) / 10,
      subject: subjects.get(event),
    };
    if (status >= 500)
      logger.error('request failed', { ...entry, error: error instanceof Error ? error : String(error) });
    else if (status >= 400)
      logger.warn('request refused', { ...entry, problem: error instanceof HttpProblem ? error.code : undefined });
    else logger.info('request', entry);
    metrics.addMetric(status >= 500 ? 'ServerError' : status >= 400 ? 'ClientError' : 'Success', MetricUnit.Count, 1);
    metrics.addMetric('Latency', MetricUnit.Milliseconds, durationMs);
  };
  return {
    before: (request) => {
      started.set(request.event, performance.now());
    },
    after: (request) => {
      if (request.response) finish(request.event, request.response);
    },
    onError: (request) => {
      const event = request.event;
      const language = languageFromHeader(event.headers?.['accept-language']);
      request.response = problemResponse(
        request.error,
        language,
        event.requestContext?.requestId ?? 'unknown',
        event.rawPath,
      );
      finish(event, request.response, request.error);
    },
  };
};

const staleToken = (language: 'zh-CN' | 'en') =>
  new HttpProblem('unauthenticated', {
    detail:
      language === 'en'
        ? 'Your account has been deactivated or moved to another organisation: sign in again.'
        : '您的账号已停用或所属单位已变更，请重新登录。',
  });

/**
 * Builds the Lambda handler of one capability from the route table: dispatch on the route key
 * API Gateway matched, authenticate from the authorizer's claims and the user record's standing
 * (`users`), authorise by role, cap and parse the body, validate path, query and body with the core
 * schemas, then call the operation.
 */
export const createApiHandler = (
  capabilityRoutes: readonly RouteDefinition[],
  operations: Operations,
  { users }: { users: UserStandingReader },
) => {
  const routes = new Map<string, RouteDefinition>(capabilityRoutes.map((r) => [routeKey(r), r]));
  for (const route of routes.values()) {
    if (!operations[route.operationId]) throw new Error(`No operation for ${route.operationId}`);
  }

  const dispatch = async (event: ApiEvent, _context: Context): Promise<ApiResult> => {
    const language = languageFromHeader(event.headers?.['accept-language']);
    const requestId = event.requestContext.requestId;
    const route = routes.get(event.routeKey);
    if (!route) throw new HttpProblem('route-not-found');

    let principal: ReturnType<typeof principalFromClaims>;
    if (route.access !== 'public') {
      const claimed = principalFromClaims(event.requestContext.authorizer?.jwt?.claims);
      if (!claimed) throw new HttpProblem('unauthenticated');
      // A token outlives a deactivation or a role taken away by up to an hour: the record decides,
      // read at most a minute ago. A person without a record (made by hand in the directory before
      // onboarding was automated, or from an external OIDC provider) is taken at their token's word.
      const standing = await users.standing(claimed.tenant, claimed.userId);
      const recorded = standing ? principalAsRecorded(claimed, standing) : claimed;
      if (recorded === 'stale') {
        logger.warn('stale token', { decision: 'deny', route: event.routeKey, subject: claimed.subject });
        throw staleToken(language);
      }
      principal = recorded;
      const allowed = route.access;
      if (!principal.roles.some((r) => allowed.includes(r))) {
        logger.warn('access denied', {
          decision: 'deny',
          route: event.routeKey,
          subject: principal.subject,
          roles: principal.roles,
        });
        throw new HttpProblem('forbidden');
      }
      subjects.set(event, principal.subject);
    }

    assertBodySize(event, route.maxBodyBytes);
    const body = route.body ? parseInput(route.body, readJsonBody(event, language), language) : undefined;
    const params = parseInput(route.params, event.pathParameters, language);
    const query = parseInput(route.query, event.queryStringParameters, language);

    const operation = operations[route.operationId] as Operation;
    const result = await operation({
      principal: principal!,
      language,
      requestId,
      params,
      query,
      body,
      receivedAt: new Date().toISOString(),
    });
    return result.body instanceof FileBody
      ? file(result.status, result.body, result.headers)
      : json(result.status, result.body, result.headers);
  };

  return middy(dispatch)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(problemsAndAccessLog());
};
