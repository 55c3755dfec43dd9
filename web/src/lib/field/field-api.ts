import type { Problem } from '@jixiao/core/problem.ts';
import { uploadHeaders } from '#lib/attachments.ts';
import { retryAfterMs } from '#lib/field/backoff.ts';
import { i18n } from '#lib/i18n.svelte.ts';

/**
 * The field app's own HTTP calls. Unlike `#lib/api.ts` a 401 does not end the session and go to
 * sign-in: the field app keeps working on what it has and the outbox pauses until the person signs
 * in again (docs/architecture.md#the-offline-first-field-app). Each call has a timeout, so a server that stops answering mid-request
 * never holds the outbox forever.
 */
export class FieldHttpError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    readonly retryAfter: number | null,
    /** The answer came from the bucket (a presigned PUT), not from the API. */
    readonly fromBucket = false,
  ) {
    super(problem?.title ?? (status === 0 ? 'network' : `HTTP ${status}`));
  }
  is(code: string): boolean {
    return this.problem?.type === `urn:jixiao:problem:${code}`;
  }
}

const isProblem = (v: unknown): v is Problem =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Problem).type === 'string' &&
  typeof (v as Problem).status === 'number';

const apiTimeoutMs = 30_000;
const uploadTimeoutMs = 120_000;

export interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export const fieldRequest = async <T>(
  token: string,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<ApiAnswer<T>> => {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': i18n.locale,
    authorization: `Bearer ${token}`,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
      signal: AbortSignal.timeout(apiTimeoutMs),
    });
  } catch {
    throw new FieldHttpError(0, null, null);
  }
  let parsed: unknown = null;
  try {
    const text = await response.text();
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // a body cut off by a dying server is a network failure, not an answer
    if (response.ok) throw new FieldHttpError(0, null, null);
  }
  if (!response.ok) {
    throw new FieldHttpError(
      response.status,
      isProblem(parsed) ? parsed : null,
      retryAfterMs(response.headers.get('retry-after')),
    );
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
};

export interface UploadTicket {
  key: string;
  upload: { method: 'PUT'; url: string; headers: Record<string, string>; expiresAt: string };
}

/**
 * PUTs a photo's bytes to the presigned URL with exactly the signed headers (less those the
 * browser sets itself). A 412 means the object is already there (an earlier attempt got through).
 */
export const putPhoto = async (upload: UploadTicket['upload'], blob: Blob): Promise<'stored' | 'already-there'> => {
  let response: Response;
  try {
    response = await fetch(upload.url, {
      method: upload.method,
      headers: uploadHeaders(upload.headers),
      body: blob,
      cache: 'no-store',
      signal: AbortSignal.timeout(uploadTimeoutMs),
    });
  } catch {
    throw new FieldHttpError(0, null, null, true);
  }
  if (response.status === 412) return 'already-there';
  if (!response.ok)
    throw new FieldHttpError(response.status, null, retryAfterMs(response.headers.get('retry-after')), true);
  return 'stored';
};
