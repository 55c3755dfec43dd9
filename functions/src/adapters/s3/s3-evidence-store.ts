import { createHash } from 'node:crypto';
import { checksumHeader } from '@jixiao/core/evidence/attachment.ts';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '#functions/adapters/aws/sha256.ts';
import { localS3Credentials } from '#functions/adapters/s3/local-credentials.ts';
import { contentDisposition } from '#functions/http/content-disposition.ts';
import type { EvidenceStore, SignedRequest } from '#functions/ports/evidence-store.ts';
import { StoreUnavailableError } from '#functions/ports/record-store.ts';
import { StoreOutcomeUnknownError } from '#functions/ports/store-outcome-unknown.ts';

/**
 * The evidence bucket through SigV4-signed HTTP requests. Signing by hand with the signer the SDK
 * already ships keeps the S3 client (a few hundred KB) out of the Lambda bundle. Locally
 * S3_ENDPOINT points at the s3rver stand-in (path-style); in Lambda the regional endpoint is used.
 */
export class S3EvidenceStore implements EvidenceStore {
  private readonly signer: SignatureV4;
  private readonly base: URL;
  private readonly pathPrefix: string;

  constructor(bucket: string, region: string, endpoint: string | undefined) {
    const local = endpoint !== undefined;
    this.base = new URL(local ? endpoint : `https://${bucket}.s3.${region}.amazonaws.com`);
    this.pathPrefix = local ? `/${bucket}` : '';
    this.signer = new SignatureV4({
      service: 's3',
      region: local ? 'us-east-1' : region,
      sha256: Sha256,
      uriEscapePath: false,
      credentials: async () => {
        // Locally the stand-in knows one key only, whatever AWS keys the shell may hold.
        if (local) return { ...localS3Credentials };
        const { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
        if (AWS_ACCESS_KEY_ID && AWS_SECRET_ACCESS_KEY) {
          return {
            accessKeyId: AWS_ACCESS_KEY_ID,
            secretAccessKey: AWS_SECRET_ACCESS_KEY,
            ...(AWS_SESSION_TOKEN ? { sessionToken: AWS_SESSION_TOKEN } : {}),
          };
        }
        throw new Error('no AWS credentials in the environment');
      },
    });
  }

  private request(method: string, key: string, headers: Record<string, string>, query: Record<string, string> = {}) {
    return {
      method,
      protocol: this.base.protocol,
      hostname: this.base.hostname,
      ...(this.base.port ? { port: Number(this.base.port) } : {}),
      path: `${this.pathPrefix}/${key.split('/').map(encodeURIComponent).join('/')}`,
      query,
      headers: { host: this.base.host, ...headers },
    };
  }

  private url(signed: { path: string; query?: Record<string, string | string[] | null> }): string {
    const url = new URL(signed.path, this.base);
    for (const [name, value] of Object.entries(signed.query ?? {})) {
      if (typeof value === 'string') url.searchParams.set(name, value);
    }
    return url.toString();
  }

  async signUpload(
    key: string,
    file: { contentType: string; sizeBytes: number; sha256: string },
    expiresInSeconds: number,
  ): Promise<SignedRequest> {
    const headers = {
      'content-type': file.contentType,
      'content-length': String(file.sizeBytes),
      'x-amz-checksum-sha256': checksumHeader(file.sha256),
      // A conditional write: S3 refuses to replace a file already stored at this key.
      'if-none-match': '*',
    };
    const signed = await this.signer.presign(
      this.request('PUT', key, { ...headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }),
      {
        expiresIn: expiresInSeconds,
        // Sent as headers (and signed), so S3 refuses any other type, size or content.
        unhoistableHeaders: new Set(['x-amz-checksum-sha256', 'x-amz-content-sha256']),
        unsignableHeaders: new Set(['x-amz-content-sha256']),
      },
    );
    return { url: this.url(signed), headers, expiresAt: expiry(expiresInSeconds) };
  }

  async signDownload(key: string, filename: string, expiresInSeconds: number): Promise<SignedRequest> {
    const disposition = contentDisposition(filename);
    const signed = await this.signer.presign(
      this.request(
        'GET',
        key,
        { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
        { 'response-content-disposition': disposition },
      ),
      {
        expiresIn: expiresInSeconds,
        unhoistableHeaders: new Set(['x-amz-content-sha256']),
        unsignableHeaders: new Set(['x-amz-content-sha256']),
      },
    );
    return { url: this.url(signed), headers: {}, expiresAt: expiry(expiresInSeconds) };
  }

  async head(key: string) {
    const signed = await this.signer.sign(
      this.request('HEAD', key, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'x-amz-checksum-mode': 'ENABLED' }),
    );
    let response: Response;
    try {
      response = await fetch(this.url(signed), {
        method: 'HEAD',
        headers: Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host')),
        signal: AbortSignal.timeout(3_000),
      });
    } catch (error) {
      throw new StoreUnavailableError(`HEAD ${key}: ${(error as Error).name}`);
    }
    // Without s3:ListBucket (deliberately not granted), S3 answers 403 for a key that is not there.
    if (response.status === 404 || response.status === 403) return undefined;
    if (response.status >= 500 || response.status === 429)
      throw new StoreUnavailableError(`HEAD ${key}: ${response.status}`);
    if (!response.ok) throw new Error(`HEAD ${key}: ${response.status}`);
    return {
      sizeBytes: Number(response.headers.get('content-length') ?? 0),
      contentType: response.headers.get('content-type') ?? undefined,
      checksumSha256: response.headers.get('x-amz-checksum-sha256') ?? undefined,
    };
  }

  /** Sends one signed request to the store; a network fault or a 5xx/429 is a store that is unavailable. */
  private async send(
    method: 'GET' | 'PUT',
    key: string,
    headers: Record<string, string>,
    body?: Uint8Array<ArrayBuffer>,
  ) {
    const signed = await this.signer.sign(this.request(method, key, headers));
    try {
      const response = await fetch(this.url(signed), {
        method,
        headers: Object.fromEntries(Object.entries(signed.headers).filter(([name]) => name !== 'host')),
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(8_000),
      });
      if (response.status >= 500 || response.status === 429) {
        await response.body?.cancel();
        throw new StoreUnavailableError(`${method} ${key}: ${response.status}`);
      }
      return response;
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      const refused = (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
      // A PUT that left but got no answer may have been stored: say so, never "nothing was written".
      if (method === 'PUT' && !refused)
        throw new StoreOutcomeUnknownError(`${method} ${key}: ${(error as Error).name}`);
      throw new StoreUnavailableError(`${method} ${key}: ${(error as Error).name}`);
    }
  }

  async read(key: string): Promise<Uint8Array | undefined> {
    const response = await this.send('GET', key, { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' });
    // Without s3:ListBucket, S3 answers 403 for a key that is not there.
    if (response.status === 404 || response.status === 403) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) throw new Error(`GET ${key}: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async write(key: string, bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<void> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const response = await this.send(
      'PUT',
      key,
      {
        'content-type': contentType,
        'content-length': String(bytes.byteLength),
        'x-amz-content-sha256': sha256,
        'x-amz-checksum-sha256': Buffer.from(sha256, 'hex').toString('base64'),
      },
      bytes,
    );
    await response.body?.cancel();
    if (!response.ok) throw new Error(`PUT ${key}: ${response.status}`);
  }
}

const expiry = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
