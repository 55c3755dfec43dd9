/** A project's page exists for every project id: the SPA fallback serves it, nothing is prerendered. */
export const prerender = false;
