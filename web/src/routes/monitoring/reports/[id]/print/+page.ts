/** The print view exists for every report id: the SPA fallback serves it, nothing is prerendered. */
export const prerender = false;
