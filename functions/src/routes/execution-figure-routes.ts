import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** Year-end execution figures imported from the treasury (docs/domain/self-evaluation.md#execution-figures). */
export const executionFigureRoutes: RouteDefinition[] = [];
