import { accountCheckRoutes } from '#functions/routes/account-check-routes.ts';
import { conclusionRoutes } from '#functions/routes/conclusion-routes.ts';
import { findingRoutes } from '#functions/routes/finding-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';
import { scoringPaperRoutes } from '#functions/routes/scoring-paper-routes.ts';

/**
 * A key evaluation from its papers to its conclusion (docs/domain/key-evaluation.md): scoring papers, the account
 * check, findings and the exchange of opinions, the reviews, the lock and its amendments (the report has its own Lambda:
 * routes/evaluation-report-routes.ts).
 */
export const keyEvaluationRoutes: RouteDefinition[] = [
  ...conclusionRoutes,
  ...scoringPaperRoutes,
  ...accountCheckRoutes,
  ...findingRoutes,
];
