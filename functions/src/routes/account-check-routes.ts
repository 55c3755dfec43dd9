import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** The account check (账务核查) of a key evaluation (docs/domain/key-evaluation.md#the-account-check). */
export const accountCheckRoutes: RouteDefinition[] = [];
