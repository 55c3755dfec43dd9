import type { Language } from '@jixiao/core/language.ts';
import { problem } from '@jixiao/core/problem.ts';
import type { ApiResult, FileBody } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { RecordTooLargeError, StoreUnavailableError } from '#functions/ports/record-store.ts';

const baseHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...baseHeaders, ...headers },
  body: JSON.stringify(body),
});

/** A download: the file name is sent RFC 6266-encoded, so Chinese names survive every browser. */
export const file = (status: number, body: FileBody, headers: Record<string, string> = {}): ApiResult => ({
  statusCode: status,
  headers: {
    'content-type': body.contentType,
    'content-disposition': `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(body.filename)}`,
    ...baseHeaders,
    ...headers,
  },
  body: Buffer.from(body.bytes).toString('base64'),
  isBase64Encoded: true,
});

/** Any error becomes an RFC 9457 problem; unexpected ones are a generic 500 with the request id only. */
export const problemResponse = (
  error: unknown,
  language: Language,
  requestId: string,
  instance?: string,
): ApiResult => {
  const known =
    error instanceof HttpProblem
      ? error
      : error instanceof StoreUnavailableError
        ? new HttpProblem('unavailable')
        : error instanceof RecordTooLargeError
          ? new HttpProblem('record-too-large')
          : new HttpProblem('internal');
  const body = problem(known.code, language, {
    requestId,
    ...(instance ? { instance } : {}),
    ...(known.detail ? { detail: known.detail } : {}),
    ...(known.errors ? { errors: known.errors } : {}),
    ...(known.current !== undefined ? { current: known.current } : {}),
  });
  return {
    statusCode: body.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      ...baseHeaders,
      // Nothing was written: the client (the offline outbox above all) should simply try again.
      ...(known.code === 'unavailable' ? { 'retry-after': '1' } : {}),
    },
    body: JSON.stringify(body),
  };
};
