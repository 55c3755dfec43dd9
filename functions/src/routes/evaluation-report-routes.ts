import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** The evaluation report (项目支出绩效评价报告) and its scoring table (docs/domain/key-evaluation.md#the-report). */
export const evaluationReportRoutes: RouteDefinition[] = [];
