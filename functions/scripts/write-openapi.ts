import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '#functions/platform/openapi.ts';

/**
 * Writes the OpenAPI document of the route table to the file named on the command line: run by the CDK when it
 * bundles the platform function, so the document ships beside the bundle (functions/src/platform/openapi-file.ts).
 */
const target = process.argv[2];
if (!target) throw new Error('usage: write-openapi.ts <file>');
writeFileSync(target, JSON.stringify(buildOpenApiDocument()));
