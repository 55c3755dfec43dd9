import { projectRoles } from '@jixiao/core/scope/role-groups.ts';
import * as selfEvaluation from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { executionFigureRoutes } from '#functions/routes/execution-figure-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'self-evaluation', tag: 'self-evaluation' } as const;

/** Year-end self-evaluation (绩效自评, docs/domain/self-evaluation.md). */
export const selfEvaluationRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'getScoringSettings',
    method: 'GET',
    path: '/api/v1/scoring-settings/{fiscalYear}',
    summary:
      "The year's scoring settings (the defaults of docs/domain/self-evaluation.md until the performance section saves its own)",
    access: projectRoles,
    params: selfEvaluation.scoringSettingsParams,
    response: { status: 200, description: 'The settings', schema: selfEvaluation.scoringSettingsRecord },
  },
  {
    ...section,
    operationId: 'saveScoringSettings',
    method: 'PATCH',
    path: '/api/v1/scoring-settings/{fiscalYear}',
    summary: "Change the year's scoring settings (rounds opened afterwards use them); `version` 0 for the first save",
    access: ['performance-section-reviewer'],
    params: selfEvaluation.scoringSettingsParams,
    body: selfEvaluation.saveScoringSettings,
    response: { status: 200, description: 'The saved settings', schema: selfEvaluation.scoringSettingsRecord },
  },
  ...executionFigureRoutes,
];
