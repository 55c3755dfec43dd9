import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * AWS Signature Version 4 as S3 checks it, for the local S3 stand-in: both the header form
 * (`Authorization: AWS4-HMAC-SHA256 …`, what the handlers and the SDK send) and the presigned
 * query form (`X-Amz-Signature=…`, what the browser's uploads and downloads use). Whatever the
 * signature covers — method, path (bucket and key), query, every signed header (type, length,
 * checksum, `If-None-Match`) — cannot be changed without a 403, as in S3.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
 */
export interface SignedRequestParts {
  method: string;
  /** The request target as received: path and query, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body's SHA-256 (hex), to check a signed payload hash against. */
  bodySha256?: string;
}

/** S3's error codes and messages for what this refuses. */
export type SignatureRefusal =
  | { code: 'AccessDenied'; message: string }
  | { code: 'InvalidAccessKeyId'; message: string }
  | { code: 'SignatureDoesNotMatch'; message: string }
  | { code: 'RequestTimeTooSkewed'; message: string }
  | { code: 'AuthorizationQueryParametersError'; message: string }
  | { code: 'XAmzContentSHA256Mismatch'; message: string };

export interface VerifyOptions {
  /** Access key id → secret. */
  credentials: Readonly<Record<string, string>>;
  now?: Date;
  /**
   * The service the signature is scoped to: `s3` unless told (the SES adapter's test checks `ses`). Only S3 insists on
   * the `x-amz-content-sha256` header; other services hash the body they received.
   */
  service?: string;
}

const algorithm = 'AWS4-HMAC-SHA256';
/** S3's limits: a presigned URL lives at most 7 days; a header-signed request may be 15 minutes off. */
const maxExpiresSeconds = 7 * 24 * 3600;
const maxSkewMs = 15 * 60 * 1000;

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it: only A–Z a–z 0–9 - _ . ~ stay as they are. */
const uriEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const decode = (value: string) => {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
};

/** `20261205T112233Z` → a Date, or undefined. */
const parseAmzDate = (value: string | undefined): Date | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
};

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value.join(',') : value).trim().replace(/\s+/g, ' ');
};

const denied = (message = 'Access Denied'): SignatureRefusal => ({ code: 'AccessDenied', message });
const mismatch: SignatureRefusal = {
  code: 'SignatureDoesNotMatch',
  message:
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
};

/** Whether the request carries any SigV4 signature at all (anonymous requests carry none). */
export const isSigned = (parts: Pick<SignedRequestParts, 'url' | 'headers'>): boolean =>
  /^AWS4-HMAC-SHA256 /.test(String(parts.headers.authorization ?? '')) || /[?&]X-Amz-Signature=/.test(parts.url);

/** Undefined when the signature holds; otherwise what S3 would answer (always a 403). */
export const verifySigV4 = (parts: SignedRequestParts, options: VerifyOptions): SignatureRefusal | undefined => {
  const now = options.now ?? new Date();
  const service = options.service ?? 's3';
  const queryStart = parts.url.indexOf('?');
  const path = queryStart < 0 ? parts.url : parts.url.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : parts.url.slice(queryStart + 1);
  const query: [string, string][] = [];
  for (const pair of rawQuery.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=');
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? '' : pair.slice(eq + 1));
    if (name === undefined || value === undefined) return mismatch;
    query.push([name, value]);
  }
  const param = (name: string) => query.find(([n]) => n === name)?.[1];

  const authorization = headerValue(parts.headers, 'authorization');
  const presigned = param('X-Amz-Signature') !== undefined;
  if (!authorization && !presigned) return denied();
  if (authorization && presigned)
    return {
      code: 'AuthorizationQueryParametersError',
      message: 'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header',
    };

  let credential: string | undefined;
  let signedHeaderList: string | undefined;
  let signature: string | undefined;
  let amzDate: string | undefined;
  let payloadHash: string;
  if (presigned) {
    if (param('X-Amz-Algorithm') !== algorithm)
      return { code: 'AuthorizationQueryParametersError', message: 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"' };
    credential = param('X-Amz-Credential');
    signedHeaderList = param('X-Amz-SignedHeaders');
    signature = param('X-Amz-Signature');
    amzDate = param('X-Amz-Date');
    const expires = Number(param('X-Amz-Expires'));
    const signedAt = parseAmzDate(amzDate);
    if (!signedAt || !Number.isInteger(expires) || expires < 1 || expires > maxExpiresSeconds)
      return {
        code: 'AuthorizationQueryParametersError',
        message: 'X-Amz-Date and X-Amz-Expires must be a valid date and a number of seconds from 1 to 604800',
      };
    if (now.getTime() > signedAt.getTime() + expires * 1000) return denied('Request has expired');
    if (signedAt.getTime() > now.getTime() + maxSkewMs) return denied('Request is not valid yet');
    // Presigned: the payload is not signed (S3 takes the body's checksum header instead, if signed).
    payloadHash = 'UNSIGNED-PAYLOAD';
  } else {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
      authorization!,
    );
    if (!m) return denied('Unsupported Authorization Type');
    [, credential, signedHeaderList, signature] = m;
    amzDate = headerValue(parts.headers, 'x-amz-date');
    const signedAt = parseAmzDate(amzDate);
    if (!signedAt) return denied('AWS authentication requires a valid Date or x-amz-date header');
    if (Math.abs(now.getTime() - signedAt.getTime()) > maxSkewMs)
      return {
        code: 'RequestTimeTooSkewed',
        message: 'The difference between the request time and the current time is too large.',
      };
    const declared =
      headerValue(parts.headers, 'x-amz-content-sha256') ?? (service === 's3' ? undefined : parts.bodySha256);
    if (!declared)
      return { code: 'AccessDenied', message: 'Missing required header for this request: x-amz-content-sha256' };
    if (/^[0-9a-f]{64}$/.test(declared) && parts.bodySha256 !== undefined && declared !== parts.bodySha256)
      return {
        code: 'XAmzContentSHA256Mismatch',
        message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
      };
    payloadHash = declared;
  }

  const scope = /^([^/]+)\/(\d{8})\/([^/]+)\/([a-z0-9-]+)\/aws4_request$/.exec(credential ?? '');
  if (!scope || !signature || !signedHeaderList || !amzDate || scope[4] !== service) return mismatch;
  const [, accessKeyId, day, region] = scope as unknown as [string, string, string, string];
  const secret = options.credentials[accessKeyId];
  if (secret === undefined)
    return {
      code: 'InvalidAccessKeyId',
      message: 'The AWS Access Key Id you provided does not exist in our records.',
    };
  if (amzDate.slice(0, 8) !== day) return mismatch;

  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host') || signedHeaders.some((h, i) => i > 0 && signedHeaders[i - 1]! >= h))
    return mismatch;
  // Every x-amz-* header sent must be signed (S3: "headers present in the request which were not signed").
  const unsigned = Object.keys(parts.headers).filter(
    (h) => h.startsWith('x-amz-') && h !== 'x-amz-content-sha256' && !signedHeaders.includes(h),
  );
  if (unsigned.length > 0) return denied('There were headers present in the request which were not signed');

  const canonicalQuery = query
    .filter(([name]) => name !== 'X-Amz-Signature')
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${headerValue(parts.headers, h) ?? ''}\n`).join('');
  const canonicalRequest = [
    parts.method.toUpperCase(),
    path || '/',
    canonicalQuery,
    canonicalHeaders,
    signedHeaderList,
    payloadHash,
  ].join('\n');
  const stringToSign = [
    algorithm,
    amzDate,
    `${day}/${region}/${service}/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), 'aws4_request');
  const expected = Buffer.from(hmac(key, stringToSign).toString('hex'));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? undefined : mismatch;
};
