import { sectionRoles } from '@jixiao/core/roles.ts';
import { idParams, pageQuery } from '@jixiao/core/schema-parts.ts';
import * as selfEvaluation from '@jixiao/core/self-evaluation/self-evaluation.ts';
import * as v from 'valibot';
import { executionFigureRoutes } from '#functions/routes/execution-figure-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'imports', tag: 'self-evaluation' } as const;

/** Kept checks, a year at a time when the year is given. */
const keptChecksQuery = v.strictObject({
  ...pageQuery,
  fiscalYear: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/, 'fiscal_year'))),
});
/** The version of the self-evaluation the caller saw; null when it saves an earlier year that has none yet. */
const saveTableCheck = v.strictObject({ version: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1))) });

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
  // Kept table checks and saving one as a project's self-evaluation (docs/domain/self-evaluation.md#keeping-a-checked-table).
  {
    ...section,
    operationId: 'keepTableCheck',
    method: 'POST',
    path: '/api/v1/kept-table-checks',
    summary:
      'Check a filled 自评表 and keep the check (who, when, the file’s name and SHA-256, the parsed table, the findings); the same file of the same year answers the check kept before (200)',
    access: sectionRoles,
    body: selfEvaluation.checkFilledTable,
    maxBodyBytes: 3 * 1024 * 1024,
    idempotentBulk: true,
    response: {
      status: 201,
      description: 'The kept check, with the project it would be saved to',
      schema: v.unknown(),
    },
  },
  {
    ...section,
    operationId: 'listTableChecks',
    method: 'GET',
    path: '/api/v1/kept-table-checks',
    summary: 'The checks kept (of a fiscal year when given), at most 100 a page, in the order they were kept',
    access: sectionRoles,
    query: keptChecksQuery,
    response: { status: 200, description: 'A page of kept checks (without their rows)', schema: v.unknown() },
  },
  {
    ...section,
    operationId: 'getTableCheck',
    method: 'GET',
    path: '/api/v1/kept-table-checks/{id}',
    summary: 'A kept check, with the project it would be saved to now (or why none)',
    access: sectionRoles,
    params: idParams,
    response: { status: 200, description: 'The kept check', schema: v.unknown() },
  },
  {
    ...section,
    operationId: 'saveTableCheckAsSelfEvaluation',
    method: 'POST',
    path: '/api/v1/kept-table-checks/{id}/self-evaluation',
    summary:
      'Save a kept check as the self-evaluation of the project its code names: into the year’s issued table while the unit may edit it, else as that year’s historical self-evaluation (counted in no round)',
    access: ['performance-section-reviewer'],
    params: idParams,
    body: saveTableCheck,
    versionedAction: true,
    response: { status: 200, description: 'Where it was saved', schema: v.unknown() },
  },
  {
    ...section,
    operationId: 'getHistoricalSelfEvaluation',
    method: 'GET',
    path: '/api/v1/historical-self-evaluations/{id}',
    summary: 'An earlier year’s self-evaluation of a project brought in from a filled table',
    access: sectionRoles,
    params: idParams,
    response: { status: 200, description: 'The historical self-evaluation', schema: v.unknown() },
  },
  ...executionFigureRoutes,
];
