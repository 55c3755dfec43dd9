import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { lambdaBundling } from '@jixiao/infra/lambda-bundling.ts';
import { build } from 'esbuild';

/**
 * Bundles a handler with the deployed settings (infra/lambda-bundling.ts); returns its size in bytes.
 * Powertools stays outside the bundle as in Lambda, where its layer provides it: the installed packages
 * are linked beside the bundle in its place, so the cold start imports them as Lambda imports the layer.
 */
export const bundleHandler = async (entry: string, outfile: string): Promise<number> => {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: lambdaBundling.format,
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    charset: lambdaBundling.charset,
    mainFields: [...lambdaBundling.mainFields],
    banner: { js: lambdaBundling.banner },
    alias: lambdaBundling.alias,
    external: [...lambdaBundling.external],
    metafile: true,
    logLevel: 'silent',
  });
  const layer = join(dirname(outfile), 'node_modules', '@aws-lambda-powertools');
  if (!existsSync(layer)) {
    mkdirSync(dirname(layer), { recursive: true });
    symlinkSync(resolve(import.meta.dirname, '../../node_modules/@aws-lambda-powertools'), layer);
  }
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
};
