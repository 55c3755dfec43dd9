import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** The performance section's spot-check of final-approved self-evaluations (docs/domain/self-evaluation.md#rounds-review-and-spot-check). */
export const spotCheckRoutes: RouteDefinition[] = [];
