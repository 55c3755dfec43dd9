import { anyId, idParams } from '@jixiao/core/schema-parts.ts';
import { projectReaderRoles } from '@jixiao/core/scope/role-groups.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** A department's self-evaluations of a round as one XLSX workbook (docs/domain/self-evaluation.md#exports). */
export const selfEvaluationWorkbookRoutes: RouteDefinition[] = [
  {
    capability: 'self-evaluation',
    tag: 'self-evaluation',
    operationId: 'exportDepartmentWorkbook',
    method: 'GET',
    path: '/api/v1/self-evaluation-rounds/{id}/department-workbook.xlsx',
    summary:
      'A department’s 项目支出绩效自评表 of the round in one workbook: a contents sheet, then one 10号 sheet per project the caller may read (at most 500; more is refused, never cut)',
    access: projectReaderRoles,
    params: idParams,
    query: v.strictObject({ department: anyId }),
    response: { status: 200, description: 'An XLSX workbook' },
  },
];
