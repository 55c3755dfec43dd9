/** A self-evaluation's spot-check page exists for every id: the SPA fallback serves it, nothing is prerendered. */
export const prerender = false;
