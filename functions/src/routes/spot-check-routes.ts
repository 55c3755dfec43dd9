import { idParams } from '@jixiao/core/schema-parts.ts';
import * as selfEvaluation from '@jixiao/core/self-evaluation/self-evaluation.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'self-evaluation', tag: 'self-evaluation' } as const;

const draw = v.object({
  seed: v.string(),
  sharePct: v.number(),
  namedProjectIds: v.array(v.string()),
  /** The amount bands' upper bounds in fen (the round's scoring settings); the last band is open. */
  bandLimitsFen: v.array(v.number()),
  count: v.number(),
  at: v.string(),
  by: v.string(),
});

/** The performance section's spot-check of final-approved self-evaluations (docs/domain/self-evaluation.md#rounds-review-and-spot-check). */
export const spotCheckRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'drawSpotCheck',
    method: 'POST',
    path: '/api/v1/self-evaluation-rounds/{id}/spot-check',
    summary:
      "Draw the spot-check sample (抽查) of the round's final-approved self-evaluations: per department × series × amount band (the round's scoring settings), ceil(share × size) by the seeded draw, named projects always in; the same draw again changes nothing",
    access: ['performance-section-reviewer'],
    params: idParams,
    body: selfEvaluation.drawSpotCheck,
    versionedAction: true,
    response: {
      status: 200,
      description: 'The draw as recorded on the round, and the self-evaluations drawn (the first time)',
      schema: v.object({
        draw,
        items: v.optional(
          v.array(
            v.object({
              selfEvaluationId: v.string(),
              projectId: v.string(),
              reason: v.picklist(['RANDOM', 'NAMED']),
            }),
          ),
        ),
      }),
    },
  },
  {
    ...section,
    operationId: 'adjustSpotCheck',
    method: 'PATCH',
    path: '/api/v1/self-evaluations/{id}/spot-check',
    summary:
      'The reviewer scores rows of a drawn, final-approved self-evaluation again, each with a reason (复核); `finish` sets the reviewed total and grade, which then count',
    access: ['performance-section-reviewer'],
    params: idParams,
    body: selfEvaluation.adjustSpotCheck,
    response: {
      status: 200,
      description: 'The self-evaluation with its spot-check',
      schema: selfEvaluation.selfEvaluation,
    },
  },
];
