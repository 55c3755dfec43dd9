/** A self-evaluation round's page exists for every id: the SPA fallback serves it, nothing is prerendered. */
export const prerender = false;
