import {
  createExportJob,
  exportingRoles,
  exportJob,
  exportJobPage,
  exportJobQuery,
  exportJobRoles,
} from '@jixiao/core/export-jobs/export-job.ts';
import { idParams } from '@jixiao/core/schema-parts.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const dailyWork = { capability: 'daily-work', tag: 'daily-work' } as const;

/**
 * The bureau's exports across departments (docs/domain/daily-work.md#exports-across-departments) and an engagement's
 * archive (docs/domain/key-evaluation.md#the-archive). Asking for and reading one job lets in everyone who may export
 * something (the agency's lead too); the operation then checks the kind asked for (403) and the job's scope (404).
 * The list stays the performance section's: it spans the tenant.
 */
export const exportJobRoutes: RouteDefinition[] = [
  {
    ...dailyWork,
    operationId: 'createExportJob',
    method: 'POST',
    path: '/api/v1/export-jobs',
    summary:
      'Ask for an export packed by a job off the request path: every department’s tables of a monitoring round, of the self-evaluation round, or of a whole budget year (the performance section; at most 20,000 records, more fails the job, saying so), or one engagement’s archive of working papers with its photos, the conclusion’s papers and a SHA-256 manifest (the performance section and the engagement’s agency lead; at most 160 MB of photos, more fails the job, saying so). Answers at once with the job, QUEUED',
    access: exportJobRoles,
    body: createExportJob,
    idempotentCreate: true,
    response: { status: 201, description: 'The job', schema: exportJob },
  },
  {
    ...dailyWork,
    operationId: 'listExportJobs',
    method: 'GET',
    path: '/api/v1/export-jobs',
    summary: 'The exports asked for in this tenant, newest first (a page of at most 50; no download links)',
    access: exportingRoles,
    query: exportJobQuery,
    response: { status: 200, description: 'A page', schema: exportJobPage },
  },
  {
    ...dailyWork,
    operationId: 'getExportJob',
    method: 'GET',
    path: '/api/v1/export-jobs/{id}',
    summary:
      'One export: its state and progress, and once done a download link valid for 10 minutes (an agency’s lead reads its own engagements’ archives only)',
    access: exportJobRoles,
    params: idParams,
    response: { status: 200, description: 'The job', schema: exportJob },
  },
];
