import type { Language } from '@jixiao/core/language.ts';
import { problem } from '@jixiao/core/problem.ts';
import type { ApiResult, FileBody } from '#functions/http/api-event.ts';
import { contentDisposition } from '#functions/http/content-disposition.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { RecordTooLargeError, StoreUnavailableError } from '#functions/ports/record-store.ts';
import { StoreOutcomeUnknownError } from '#functions/ports/store-outcome-unknown.ts';

const baseHeaders = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...baseHeaders, ...headers },
  body: JSON.stringify(body),
});

/** A download: the file name is made safe and sent RFC 6266-encoded, so Chinese names survive every browser. */
export const file = (status: number, body: FileBody, headers: Record<string, string> = {}): ApiResult => ({
  statusCode: status,
  headers: {
    'content-type': body.contentType,
    'content-disposition': contentDisposition(body.filename),
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
      : error instanceof StoreOutcomeUnknownError
        ? new HttpProblem('outcome-unknown')
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
      // 'unavailable': nothing was written; 'outcome-unknown': it may have been, and the same request
      // is safe to send again. Either way the client (the offline outbox above all) tries again.
      ...(known.code === 'unavailable' || known.code === 'outcome-unknown' ? { 'retry-after': '1' } : {}),
    },
    body: JSON.stringify(body),
  };
};
