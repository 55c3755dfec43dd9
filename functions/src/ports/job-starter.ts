import type { ExportJobKind } from '@jixiao/core/export-jobs/export-job.ts';

/**
 * The port that starts a job off the request path: the API records the job, then asks for it to be run, and
 * answers at once; the runner reads the job record and reports its progress there.
 */
export interface JobStarter {
  /**
   * Asks for the job to run; resolves once the request is accepted, not when the job is done. The kind says which
   * function runs it (an engagement's archive has its own).
   */
  start(job: { tenant: string; jobId: string; kind: ExportJobKind }): Promise<void>;
}

/** The runner could not be asked (the service did not answer or refused): the job was not started. */
export class JobStarterUnavailableError extends Error {}
