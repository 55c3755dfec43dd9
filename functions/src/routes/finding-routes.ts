import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** Findings (问题汇总表) and the exchange of opinions (意见交换) (docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions). */
export const findingRoutes: RouteDefinition[] = [];
