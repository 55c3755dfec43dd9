import type { ApiEvent } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';

/** Bodies larger than this are refused before they are parsed (DESIGN.md §7). */
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

/** Reads a JSON body: 415 for another content type, 400 for text that is not JSON. */
export const readJsonBody = (event: ApiEvent): unknown => {
  const bytes = bodyBytes(event);
  if (!bytes || bytes.byteLength === 0) return undefined;
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType))
    throw new HttpProblem('unsupported-media-type');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpProblem('malformed-json');
  }
};
