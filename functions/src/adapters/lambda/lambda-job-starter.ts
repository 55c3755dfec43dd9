import { SignatureV4 } from '@smithy/signature-v4';
import { type AwsCredentials, credentialsFromEnv } from '#functions/adapters/aws/credentials-from-env.ts';
import { Sha256 } from '#functions/adapters/aws/sha256.ts';
import { type JobStarter, JobStarterUnavailableError } from '#functions/ports/job-starter.ts';

/**
 * Starts a job by invoking its function asynchronously (Lambda Invoke, `X-Amz-Invocation-Type: Event`): Lambda queues
 * the event and answers 202 at once. A SigV4-signed HTTPS request, as the SES mailer sends, since the Lambda client
 * would add a few hundred KB to the API's bundle for one call. `endpoint` is the regional endpoint unless a test points
 * it at a loopback server.
 */
export class LambdaJobStarter implements JobStarter {
  private readonly signer: SignatureV4;
  private readonly base: URL;
  private readonly path: string;

  constructor(
    functionName: string,
    region: string,
    endpoint: string | undefined = undefined,
    credentials: () => Promise<AwsCredentials> = credentialsFromEnv((reason) => new JobStarterUnavailableError(reason)),
  ) {
    this.base = new URL(endpoint ?? `https://lambda.${region}.amazonaws.com`);
    this.path = `/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
    this.signer = new SignatureV4({ service: 'lambda', region, sha256: Sha256, credentials });
  }

  async start(job: { tenant: string; jobId: string }): Promise<void> {
    // The function was chosen by the job's kind; it is told the job only.
    const body = JSON.stringify({ tenant: job.tenant, jobId: job.jobId });
    const signed = await this.signer.sign({
      method: 'POST',
      protocol: this.base.protocol,
      hostname: this.base.hostname,
      ...(this.base.port ? { port: Number(this.base.port) } : {}),
      path: this.path,
      query: {},
      headers: { host: this.base.host, 'content-type': 'application/json', 'x-amz-invocation-type': 'Event' },
      body,
    });
    let response: Response;
    try {
      response = await fetch(new URL(this.path, this.base), {
        method: 'POST',
        headers: signed.headers as Record<string, string>,
        body,
        signal: AbortSignal.timeout(5_000),
      });
    } catch (error) {
      throw new JobStarterUnavailableError(`Lambda did not answer: ${String(error)}`);
    }
    // An asynchronous invocation is accepted with 202; anything else did not queue the event.
    if (response.status !== 202)
      throw new JobStarterUnavailableError(
        `Lambda answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
  }
}
