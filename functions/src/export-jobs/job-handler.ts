import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { type JobPacker, runExportJob } from '#functions/export-jobs/run-export-job.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { logger, tracer } from '#functions/powertools.ts';

/**
 * The Lambda handler of a job function, invoked asynchronously by the API with `{ tenant, jobId }`
 * (infra/cdk/export-jobs.ts), not behind the API: runs the job with the function's packer, on the store and the
 * evidence bucket the handler made at module scope.
 */
export const jobHandler = (store: RecordStore, evidence: EvidenceStore, packer: JobPacker, what: string) =>
  middy(async (event: { tenant?: unknown; jobId?: unknown }) => {
    if (typeof event.tenant !== 'string' || typeof event.jobId !== 'string')
      throw new Error(`not an export job: ${JSON.stringify(event)}`);
    const outcome = await runExportJob(store, evidence, packer, { tenant: event.tenant, jobId: event.jobId });
    logger.info(what, { ...outcome, tenant: event.tenant });
    return outcome;
  }).use(captureLambdaHandler(tracer, { captureResponse: false }));
