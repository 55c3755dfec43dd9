import type { Language } from '@jixiao/core/language.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { ApiEvent } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';

/** Bodies larger than this are refused before they are parsed (docs/architecture.md#reliability-and-security-floor). */
export const maxBodyBytes = 64 * 1024;

export const bodyBytes = (event: Pick<ApiEvent, 'body' | 'isBase64Encoded'>): Buffer | undefined => {
  if (event.body === undefined || event.body === null) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
};

export const assertBodySize = (event: Pick<ApiEvent, 'body' | 'isBase64Encoded'>, limit = maxBodyBytes): void => {
  // base64 inflates by 4/3: check the raw length first so a huge body is never decoded
  const raw = event.body?.length ?? 0;
  if (raw > limit * 2) throw new HttpProblem('body-too-large');
  if ((bodyBytes(event)?.byteLength ?? 0) > limit) throw new HttpProblem('body-too-large');
};

/** Keys that could reach an object's prototype; refused wherever they appear, never silently dropped. */
const hostileKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** Reads a JSON body: 415 for another content type, 400 for text that is not JSON or has hostile keys. */
export const readJsonBody = (event: ApiEvent, language: Language): unknown => {
  const bytes = bodyBytes(event);
  if (!bytes || bytes.byteLength === 0) return undefined;
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType))
    throw new HttpProblem('unsupported-media-type');
  const hostile: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'), function (this: unknown, key, value) {
      if (hostileKeys.has(key)) hostile.push(key);
      return value;
    });
  } catch {
    throw new HttpProblem('malformed-json');
  }
  if (hostile.length > 0) {
    throw new HttpProblem('validation-failed', {
      errors: hostile.map((key) => ({
        pointer: `/${key}`,
        code: 'unknown_field',
        message: describe('unknown_field', language),
      })),
    });
  }
  return parsed;
};
