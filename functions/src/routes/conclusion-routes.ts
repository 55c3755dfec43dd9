import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** The engagement's steps after fieldwork, the reviews, the lock and its amendments (docs/domain/key-evaluation.md#from-findings-to-the-archive). */
export const conclusionRoutes: RouteDefinition[] = [];
