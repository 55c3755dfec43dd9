/**
 * The port that starts a job off the request path: the API records the job, then asks for it to be run, and
 * answers at once; the runner reads the job record and reports its progress there.
 */
export interface JobStarter {
  /** Asks for the job to run; resolves once the request is accepted, not when the job is done. */
  start(job: { tenant: string; jobId: string }): Promise<void>;
}

/** The runner could not be asked (the service did not answer or refused): the job was not started. */
export class JobStarterUnavailableError extends Error {}
