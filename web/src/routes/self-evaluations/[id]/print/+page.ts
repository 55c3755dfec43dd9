/** The print view exists for every self-evaluation id: the SPA fallback serves it, nothing is prerendered. */
export const prerender = false;
