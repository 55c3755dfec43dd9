/** The print view exists for every target version: the SPA fallback serves it, nothing is prerendered. */
export const prerender = false;
