/**
 * CloudFront Function (viewer request, JS 2.0 runtime) on the site's default behaviour. SvelteKit's
 * adapter-static writes a `200.html` shell for client-side routes; a path whose last segment has no
 * extension is such a route, anything with an extension is a real file. `/` is left alone so the
 * distribution's default root object (`index.html`) answers it.
 *
 * Deliberately not done with error responses: those apply to the `/api/*` behaviour too and would
 * turn the API's 403/404 problem documents into the HTML shell.
 */
export const spaFallbackFunctionCode = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (uri !== '/' && lastSegment.indexOf('.') === -1) {
    request.uri = '/200.html';
  }
  return request;
}
`;
