/** An engagement's report exists for every id: the SPA fallback serves the page, nothing is prerendered. */
export const prerender = false;
