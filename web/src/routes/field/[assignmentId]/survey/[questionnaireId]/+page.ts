/** Exists for every id on the phone: the SPA fallback serves it, offline too; nothing is prerendered. */
export const prerender = false;
