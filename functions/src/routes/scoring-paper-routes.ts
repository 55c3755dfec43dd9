import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** Scoring papers (绩效指标底稿) of a key evaluation (docs/domain/key-evaluation.md#scoring-papers). */
export const scoringPaperRoutes: RouteDefinition[] = [];
