/**
 * A client-only SPA: pages depend on the signed-in person (kept in localStorage), so nothing is
 * rendered at build time. Every route is still prerendered as an empty shell, so a static host
 * (and the service worker) can answer each path with its own HTML; `200.html` covers the rest.
 */
export const ssr = false;
export const prerender = true;
