import { sectionRoles } from '@jixiao/core/roles.ts';
import { pageOf } from '@jixiao/core/schema-parts.ts';
import * as figures from '@jixiao/core/self-evaluation/execution-figures/execution-figure.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const section = { capability: 'imports', tag: 'self-evaluation' } as const;

/** Year-end execution figures imported from the treasury (docs/domain/self-evaluation.md#execution-figures). */
export const executionFigureRoutes: RouteDefinition[] = [
  {
    ...section,
    operationId: 'importExecutionFigures',
    method: 'POST',
    path: '/api/v1/execution-imports',
    summary:
      'Import a year’s execution figures from a treasury or 一体化 export (CSV or XLSX, base64, at most 2 MiB): all rows or none; the same file again replays; 202 while an import needs another call with the same file',
    access: ['performance-section-reviewer'],
    body: figures.importExecutionFigures,
    // 2 MiB of file as base64 (4/3) and its JSON envelope.
    maxBodyBytes: 3 * 1024 * 1024,
    idempotentBulk: true,
    response: { status: 200, description: 'The import and what it changed', schema: figures.executionImportResult },
  },
  {
    ...section,
    operationId: 'listExecutionImports',
    method: 'GET',
    path: '/api/v1/execution-imports/{fiscalYear}',
    summary: 'The files imported for a year, in the order imported (at most 100 a page)',
    access: sectionRoles,
    params: figures.figureListParams,
    query: figures.figureListQuery,
    response: { status: 200, description: 'A page', schema: pageOf(figures.executionImport) },
  },
  {
    ...section,
    operationId: 'listExecutionFigures',
    method: 'GET',
    path: '/api/v1/execution-figures/{fiscalYear}',
    summary: 'A year’s imported execution figures by project code and source (at most 100 a page)',
    access: sectionRoles,
    params: figures.figureListParams,
    query: figures.figureListQuery,
    response: { status: 200, description: 'A page', schema: pageOf(figures.executionFigure) },
  },
];
