import type { Handle } from '@sveltejs/kit/hooks';

/**
 * Only stylesheets are announced in the head of a page rendered at build time (the evaluator's
 * home is one). The page's frame is in the HTML and paints at once; the scripts follow from the
 * bootstrap at the end of the body. Announcing dozens of scripts up front makes a slow phone
 * fetch them all before anything is drawn.
 */
export const handle: Handle = ({ event, resolve }) =>
  resolve(event, { preload: ({ type, path }) => type === 'css' || path.includes('/entry/') });
