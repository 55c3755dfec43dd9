import { resolve } from '$app/paths';

/**
 * Registers the offline shell's service worker once the first page has settled, instead of on
 * `load` as SvelteKit would. Installing the worker downloads and stores the whole app (about two
 * hundred files); on a two-core phone that work competes with the first page's own scripts and
 * its first sync (Lighthouse's total blocking time on the field home: 77–215 ms when registered
 * on `load`, 26–92 ms when registered this way). Settled means: loaded, then two quiet seconds,
 * then an idle moment of the main thread.
 */
const quietMs = 2000;
const idleTimeoutMs = 5000;

const whenLoaded = (): Promise<void> =>
  document.readyState === 'complete'
    ? Promise.resolve()
    : new Promise((done) => addEventListener('load', () => done(), { once: true }));

const whenIdle = (): Promise<void> =>
  new Promise((done) => {
    if ('requestIdleCallback' in globalThis) requestIdleCallback(() => done(), { timeout: idleTimeoutMs });
    else setTimeout(done, 0);
  });

/** Starts the wait; the returned function cancels a registration that has not happened yet. */
export const registerServiceWorkerWhenSettled = (): (() => void) => {
  if (!('serviceWorker' in navigator)) return () => {};
  let cancelled = false;
  void (async () => {
    await whenLoaded();
    await new Promise((done) => setTimeout(done, quietMs));
    await whenIdle();
    if (cancelled) return;
    await navigator.serviceWorker.register(`${resolve('/')}service-worker.js`, { type: 'module' }).catch(() => {
      // no worker (an old browser, a private window): the app still works online
    });
  })();
  return () => {
    cancelled = true;
  };
};
