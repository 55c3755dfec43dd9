import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** Results application (结果应用) (docs/domain/results-application.md). */
export const resultsApplicationRoutes: RouteDefinition[] = [];
