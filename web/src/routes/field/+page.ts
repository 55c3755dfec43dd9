/**
 * The evaluator's home is rendered at build time as well: its frame and text are in the HTML, so
 * a phone on a slow network paints it before the scripts arrive; the person's own data (from
 * IndexedDB and the session) fills in once they do.
 */
export const ssr = true;
