import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { frameworkTemplates } from '@jixiao/core/department-evaluation/framework-templates.ts';

/**
 * Packs core's framework templates for the Lambda (packed-templates.ts says why). After changing
 * core/src/department-evaluation/framework-templates.ts run `npx node functions/src/department-evaluation/pack-templates.ts`;
 * packed-templates.test.ts fails until then.
 */
export const packTemplates = (): string =>
  brotliCompressSync(Buffer.from(JSON.stringify(frameworkTemplates)), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).toString('base64');

if (import.meta.main) {
  const target = new URL('./packed-templates.ts', import.meta.url);
  const source = readFileSync(target, 'utf8');
  writeFileSync(target, source.replace(/(packedTemplateSource =\s*)'[^']*'/u, `$1'${packTemplates()}'`));
}
