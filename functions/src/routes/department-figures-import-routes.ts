import { importDepartmentFigures } from '@jixiao/core/department-evaluation/read-department-figures.ts';
import { departmentRoles } from '@jixiao/core/roles.ts';
import { idParams } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/**
 * The department's figures of its overall self-evaluation imported from a file (docs/domain/self-evaluation.md,
 * "Department overall self-evaluation"), saved by that record's own save. Served by the department-evaluation
 * Lambda: the imports Lambda has no room left in its 400 KB budget for the department sheet's scoring, while the
 * small two-column reader (CSV and the bare XLSX reader, without the table check) fits here.
 */
export const departmentFiguresImportRoutes: RouteDefinition[] = [
  {
    capability: 'department-evaluation',
    tag: 'department-evaluation',
    operationId: 'importDepartmentFigures',
    method: 'POST',
    path: '/api/v1/department-evaluations/{id}/figures-import',
    summary:
      "Import the department's figures from a file of two columns, the figure's name and its value (CSV or XLSX, base64, at most 256 KiB; money in 万元): every bad row refused with its row and column and nothing saved; else saved as the PATCH saves figures, at `version`; a file whose figures the record already holds changes nothing",
    access: departmentRoles,
    params: idParams,
    body: importDepartmentFigures,
    // 256 KiB of file as base64 (4/3) and its JSON envelope.
    maxBodyBytes: 512 * 1024,
    versionedAction: true,
    response: { status: 200, description: 'The saved evaluation, scored again', schema: v.unknown() },
  },
];
