import { version } from '$app/env';
import { assets, immutable, prerendered } from '$app/manifest';
import { resolve } from '$app/paths';
import { self } from '$app/service-worker';

/**
 * The offline app shell (docs/architecture.md#the-offline-first-field-app). On install it stores this version's build output, the
 * files in `static/` and every prerendered page, plus the SPA fallback `/200.html` and `/`.
 * Navigations go to the network first (with a timeout, for flaky field connections) and fall
 * back to the cached page or the shell; precached files are served from the cache. API calls,
 * sign-in calls and the runtime config are never cached here: data belongs in IndexedDB, tokens
 * nowhere, and `/config.json` has its own localStorage copy.
 */
const cacheName = `jixiao-shell-${version}`;
const navigationTimeoutMs = 4000;

/** Manifest paths are relative to the base path; `resolve('/')` is that base, with its trailing slash. */
const root: string = resolve('/');
const at = (path: string): string => `${root}${path}`;
const shell = at('200.html');
const precache = [
  ...new Set([
    ...immutable.map((e) => at(e.path)),
    ...assets.map((e) => at(e.path)),
    ...prerendered.map((e) => at(e.path)),
    shell,
    root,
  ]),
];
const precached = new Set<string>(precache);

const neverCached = (path: string): boolean =>
  path.startsWith('/api/') ||
  path.startsWith('/local-idp/') ||
  path === '/config.json' ||
  path.endsWith('/version.json') ||
  path === '/service-worker.js';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(precache)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key !== cacheName && key.startsWith('jixiao-')) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

// The page asks a waiting worker to take over when the user accepts an update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') void self.skipWaiting();
});

const fromCache = async (path: string): Promise<Response | undefined> => {
  const cache = await caches.open(cacheName);
  return (await cache.match(path)) ?? undefined;
};

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

const navigate = async (request: Request, path: string): Promise<Response> => {
  let response: Response | undefined;
  try {
    response = await withTimeout(fetch(request), navigationTimeoutMs);
    if (response.status < 500) return response;
  } catch {
    // offline or too slow: fall back to the cached page or shell
  }
  const cached = (await fromCache(path)) ?? (await fromCache(shell)) ?? (await fromCache(root));
  return cached ?? response ?? Response.error();
};

const cacheFirst = async (request: Request, path: string): Promise<Response> => {
  const cached = await fromCache(path);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(cacheName);
    await cache.put(path, response.clone());
  }
  return response;
};

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || neverCached(url.pathname)) return;

  if (request.mode === 'navigate') {
    event.respondWith(navigate(request, url.pathname));
  } else if (precached.has(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
  }
});
