/** A round's dashboard exists for every round id: the SPA fallback serves it, nothing is prerendered. */
export const prerender = false;
