/** An engagement's scoring papers exist for every id: the SPA fallback serves the page, nothing is prerendered. */
export const prerender = false;
