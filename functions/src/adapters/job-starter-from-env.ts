import { LambdaJobStarter } from '#functions/adapters/lambda/lambda-job-starter.ts';
import { localS3Credentials } from '#functions/adapters/s3/local-credentials.ts';
import { type JobStarter, JobStarterUnavailableError } from '#functions/ports/job-starter.ts';

/**
 * How the API starts an export job: by invoking its function asynchronously, the archive function
 * (`ARCHIVE_FUNCTION_NAME`) for an engagement's archive and the export function (`EXPORT_FUNCTION_NAME`) for the
 * exports across departments, both set by infra/cdk/export-jobs.ts. The local runtime answers the same Invoke at `LAMBDA_ENDPOINT`
 * (infra/local/lambda-invoke-emulator.ts), signed with the local stand-ins' one key, so the request is made and checked
 * locally as in the cloud. Read from the environment when a job starts (as the evidence store is), so a process that
 * never exports needs none of it; without a function name the start fails and the export is refused as unavailable.
 */
export const jobStarterFromEnv = (env: NodeJS.ProcessEnv = process.env): JobStarter => ({
  start: (job) => {
    const variable = job.kind === 'working-papers' ? 'ARCHIVE_FUNCTION_NAME' : 'EXPORT_FUNCTION_NAME';
    const { [variable]: name, AWS_REGION: region, LAMBDA_ENDPOINT: endpoint } = env;
    if (!name || !region) throw new JobStarterUnavailableError(`${variable} or AWS_REGION is not set`);
    const starter = endpoint
      ? new LambdaJobStarter(name, region, endpoint, async () => ({ ...localS3Credentials }))
      : new LambdaJobStarter(name, region);
    return starter.start(job);
  },
});
