import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** The bureau's summary of a self-evaluation round, read from the department tallies (docs/domain/self-evaluation.md#bureau-summary). */
export const selfEvaluationSummaryRoutes: RouteDefinition[] = [];
