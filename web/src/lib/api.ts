import type { FieldError, Problem } from '@jixiao/core/problem.ts';
import { untrack } from 'svelte';
import { i18n } from '#lib/i18n.svelte.ts';
import { config } from '#lib/runtime-config.svelte.ts';
import { sessionManager } from '#lib/session-manager.svelte.ts';
import { isRecord } from '#lib/storage.ts';
import { goto } from '$app/navigation';

/**
 * A small JSON client for `/api/v1`. Every call carries the id_token and the UI language; every
 * failure becomes an `ApiError` holding an RFC 9457 problem (a synthetic one when the network
 * failed or the body was not a problem), so screens handle one shape.
 */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
  get status(): number {
    return this.problem.status;
  }
  get offline(): boolean {
    return this.problem.type === networkProblemType;
  }
  /** `urn:jixiao:problem:version-conflict` and friends. */
  is(code: string): boolean {
    return this.problem.type === `urn:jixiao:problem:${code}`;
  }
  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export const networkProblemType = 'urn:jixiao:client:network';

/**
 * What every call reads from the session, the language and the runtime config, read untracked:
 * a screen that loads inside an `$effect` must depend on what it asks for, not on the token or the
 * language it asked with. Otherwise a language switch or a refreshed token re-runs the load, and the
 * answer replaces a form the person is typing into.
 */
const callContext = () =>
  untrack(() => ({
    base: config.current?.apiBase ?? '/api/v1',
    locale: i18n.locale,
    token: sessionManager.token,
  }));

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

const isProblem = (v: unknown): v is Problem =>
  isRecord(v) && typeof v.type === 'string' && typeof v.title === 'string' && typeof v.status === 'number';

const urlOf = (base: string, path: string, query?: Query): string => {
  const url = new URL(`${base}${path}`, location.origin);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  return url.pathname + url.search;
};

export async function request<T>(method: 'GET' | 'POST' | 'PATCH', path: string, options: RequestOptions = {}) {
  const { base, locale, token } = callContext();
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': locale };
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(urlOf(base, path, options.query), {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
      cache: 'no-store',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ type: networkProblemType, title: 'network', status: 0 });
  }

  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (response.ok) return body as T;

  if (response.status === 401) {
    sessionManager.clear('expired');
    sessionManager.rememberReturnTo(location.pathname + location.search);
    void goto('/sign-in', { replace: true });
  }
  throw new ApiError(
    isProblem(body)
      ? body
      : { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status },
  );
}

/** `attachment; filename*=UTF-8''…` → the file's name, when the server gave one. */
const filenameOf = (disposition: string | null): string | undefined => {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '')?.[1];
  if (!encoded) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
};

/**
 * Fetches a file the API makes (an XLSX export) with the person's token, and hands it to the
 * browser as a download under the name the server gave it.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const { base, locale, token } = callContext();
  const headers: Record<string, string> = { 'accept-language': locale };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(urlOf(base, path), { headers, cache: 'no-store' });
  } catch {
    throw new ApiError({ type: networkProblemType, title: 'network', status: 0 });
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    throw new ApiError(
      isProblem(body) ? body : { type: 'about:blank', title: `HTTP ${response.status}`, status: response.status },
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filenameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
};

/** What list endpoints return. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
