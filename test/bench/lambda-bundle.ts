import { lambdaBundling } from '@jixiao/infra/lambda-bundling.ts';
import { build } from 'esbuild';

/** Bundles a handler with the deployed settings (infra/lambda-bundling.ts); returns its size in bytes. */
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
    metafile: true,
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
};
