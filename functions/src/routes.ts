import { dailyWorkRoutes } from '#functions/routes/daily-work-routes.ts';
import { departmentAssessmentRoutes } from '#functions/routes/department-assessment-routes.ts';
import { departmentEvaluationRoutes } from '#functions/routes/department-evaluation-routes.ts';
import { evaluationReportRoutes } from '#functions/routes/evaluation-report-routes.ts';
import { fieldworkRoutes } from '#functions/routes/fieldwork-routes.ts';
import { importsRoutes } from '#functions/routes/imports-routes.ts';
import { keyEvaluationRoutes } from '#functions/routes/key-evaluation-routes.ts';
import { monitoringRoutes } from '#functions/routes/monitoring-routes.ts';
import { organisationRoutes } from '#functions/routes/organisation-routes.ts';
import { platformRoutes } from '#functions/routes/platform-routes.ts';
import { resultsApplicationRoutes } from '#functions/routes/results-application-routes.ts';
import type { Capability, RouteDefinition } from '#functions/routes/route-definition.ts';
import { selfEvaluationRoutes } from '#functions/routes/self-evaluation-routes.ts';
import { submissionRoutes } from '#functions/routes/submission-routes.ts';

export * from '#functions/routes/route-definition.ts';

/**
 * The single source of truth for every endpoint (docs/architecture.md#the-route-table). The CDK routes, the local
 * gateway, the OpenAPI document and the rows of the authorization-matrix test all come from here.
 * A Lambda's handler takes only its own capability's list (routes/*-routes.ts).
 */
export const routes: readonly RouteDefinition[] = [
  ...platformRoutes,
  ...organisationRoutes,
  ...submissionRoutes,
  ...fieldworkRoutes,
  ...monitoringRoutes,
  ...selfEvaluationRoutes,
  ...departmentEvaluationRoutes,
  ...importsRoutes,
  ...dailyWorkRoutes,
  ...keyEvaluationRoutes,
  ...evaluationReportRoutes,
  ...resultsApplicationRoutes,
  ...departmentAssessmentRoutes,
];

export const routesOf = (capability: Capability): RouteDefinition[] =>
  routes.filter((r) => r.capability === capability);
