import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The OpenAPI document is built from the route table when the platform function is bundled (infra/cdk's
 * `afterBundling`, functions/scripts/write-openapi.ts) and shipped beside the bundle, rather than built in it: building
 * it needs every route's schema and the JSON Schema converter, which would put the whole API's validation code in the
 * platform bundle and past its size budget (docs/decisions.md#19-the-openapi-document-is-built-with-the-bundle).
 */
export const openApiFileName = 'openapi.json';

/**
 * Reads the built document: from `OPENAPI_FILE` when set (the local runtime writes it there), else from beside this
 * module (in Lambda, /var/task/openapi.json next to index.mjs). Read when asked, so a process that never serves it
 * needs none.
 */
export const openApiFromFile =
  (env: NodeJS.ProcessEnv = process.env) =>
  (): unknown =>
    JSON.parse(
      readFileSync(env.OPENAPI_FILE ?? fileURLToPath(new URL(`./${openApiFileName}`, import.meta.url)), 'utf8'),
    );
