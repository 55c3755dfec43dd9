import { idParams } from '@jixiao/core/schema-parts.ts';
import { dashboardRoles } from '@jixiao/core/scope/role-groups.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const count = v.number();
const figure = v.nullable(v.number());
/** One line of the summary: the tallied counts and the figures worked out from them (core/src/self-evaluation/round-summary.ts). */
const figures = v.object({
  selfEvaluations: count,
  byStatus: v.record(v.string(), count),
  submitted: count,
  late: count,
  byGrade: v.record(v.string(), count),
  countedHundredths: count,
  sampled: count,
  reviewed: count,
  gapHundredths: count,
  absoluteGapHundredths: count,
  approved: count,
  submittedPct: figure,
  approvedPct: figure,
  overdue: count,
  counted: count,
  averageCountedScore: figure,
  meanGap: figure,
  meanAbsoluteGap: figure,
});

const summary = v.object({
  round: v.object({
    id: v.string(),
    name: v.string(),
    fiscalYear: v.number(),
    deadline: v.string(),
    roundStatus: v.string(),
  }),
  pastDeadline: v.boolean(),
  total: figures,
  series: v.array(v.object({ series: v.string(), ...figures.entries })),
  departments: v.array(
    v.object({
      departmentId: v.string(),
      departmentCode: v.string(),
      departmentName: v.string(),
      series: v.string(),
      ...figures.entries,
    }),
  ),
  itemsRead: v.number(),
});

/** The bureau's summary of a self-evaluation round, read from the department tallies (docs/domain/self-evaluation.md#bureau-summary). */
export const selfEvaluationSummaryRoutes: RouteDefinition[] = [
  {
    capability: 'self-evaluation',
    tag: 'self-evaluation',
    operationId: 'getSelfEvaluationRoundSummary',
    method: 'GET',
    path: '/api/v1/self-evaluation-rounds/{id}/summary',
    summary: 'Coverage, late and overdue, grades, average counted score and spot-check gaps per department and series',
    access: dashboardRoles,
    params: idParams,
    response: { status: 200, description: 'The summary', schema: summary },
  },
];
