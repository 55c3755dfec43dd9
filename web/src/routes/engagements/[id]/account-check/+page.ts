/** An engagement's account check exists for every id: the SPA fallback serves the page, nothing is prerendered. */
export const prerender = false;
