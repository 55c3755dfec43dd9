import { toDoHome } from '@jixiao/core/daily-work/to-do.ts';
import { allRoles } from '#functions/routes/master-data-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** The daily work (docs/domain/daily-work.md): what waits for the signed-in person. */
export const dailyWorkRoutes: RouteDefinition[] = [
  {
    operationId: 'getToDo',
    method: 'GET',
    path: '/api/v1/to-do',
    capability: 'daily-work',
    tag: 'daily-work',
    summary:
      "The caller's to-do lists: per work queue their roles give them, the count (at most 20,000 counted; above, a floor), how many are overdue, and the first 5 entries oldest first",
    access: allRoles,
    response: { status: 200, description: 'The to-do lists', schema: toDoHome },
  },
];
