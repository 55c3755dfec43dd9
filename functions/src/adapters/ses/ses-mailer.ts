import { SignatureV4 } from '@smithy/signature-v4';
import { type AwsCredentials, credentialsFromEnv } from '#functions/adapters/aws/credentials-from-env.ts';
import { Sha256 } from '#functions/adapters/aws/sha256.ts';
import { type Mailer, MailerUnavailableError, type MailMessage, mailRecipientsLimit } from '#functions/ports/mailer.ts';

/**
 * Amazon SES (API v2, SendEmail) through a SigV4-signed HTTPS request, as the evidence store signs S3's: the SES client
 * would add a few hundred KB to the bundle for one call. `endpoint` is the regional endpoint unless a test points it at
 * a loopback server.
 */
export class SesMailer implements Mailer {
  private readonly signer: SignatureV4;
  private readonly base: URL;
  private readonly from: string;

  constructor(
    from: string,
    region: string,
    endpoint: string | undefined = undefined,
    credentials: () => Promise<AwsCredentials> = credentialsFromEnv((reason) => new MailerUnavailableError(reason)),
  ) {
    this.from = from;
    this.base = new URL(endpoint ?? `https://email.${region}.amazonaws.com`);
    this.signer = new SignatureV4({ service: 'ses', region, sha256: Sha256, credentials });
  }

  async send(message: MailMessage): Promise<void> {
    if (message.to.length === 0 || message.to.length > mailRecipientsLimit)
      throw new RangeError(`a message goes to 1 to ${mailRecipientsLimit} addresses, not ${message.to.length}`);
    const body = JSON.stringify({
      FromEmailAddress: this.from,
      Destination: { BccAddresses: message.to },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
        },
      },
    });
    const signed = await this.signer.sign({
      method: 'POST',
      protocol: this.base.protocol,
      hostname: this.base.hostname,
      ...(this.base.port ? { port: Number(this.base.port) } : {}),
      path: '/v2/email/outbound-emails',
      query: {},
      headers: { host: this.base.host, 'content-type': 'application/json' },
      body,
    });
    let response: Response;
    try {
      response = await fetch(new URL('/v2/email/outbound-emails', this.base), {
        method: 'POST',
        headers: signed.headers as Record<string, string>,
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new MailerUnavailableError(`SES did not answer: ${String(error)}`);
    }
    if (!response.ok)
      throw new MailerUnavailableError(`SES answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
}
