import { sectionRoles } from '@jixiao/core/roles.ts';
import * as selfEvaluation from '@jixiao/core/self-evaluation/self-evaluation.ts';
import * as v from 'valibot';
import { executionFigureRoutes } from '#functions/routes/execution-figure-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'imports', tag: 'self-evaluation' } as const;

/**
 * Files the bureau sends to be read (docs/decisions.md#17-files-are-read-in-their-own-lambda): the treasury's
 * execution figures and filled 自评表. The XLSX reader and the table check live in this Lambda alone, so the
 * self-evaluation Lambda stays within its size budget.
 */
export const importsRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'checkFilledTable',
    method: 'POST',
    path: '/api/v1/table-checks',
    summary:
      'Check a filled 项目支出绩效自评表 as a department sent it (XLSX, base64, at most 2 MiB): read into the model, scored by the year’s settings, each printed score beside the formula’s with its likely cause and every unreadable cell named; nothing is stored',
    access: sectionRoles,
    body: selfEvaluation.checkFilledTable,
    readOnly: true,
    // 2 MiB of file as base64 (4/3) and its JSON envelope.
    maxBodyBytes: 3 * 1024 * 1024,
    response: { status: 200, description: 'The check of each table in the workbook', schema: v.unknown() },
  },
  ...executionFigureRoutes,
];
