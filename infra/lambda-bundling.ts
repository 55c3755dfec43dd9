import { resolve } from 'node:path';

/**
 * How every Lambda is bundled. The CDK stack (NodejsFunction) and the benchmark use these same
 * settings, so the sizes and cold starts `npm run bench` reports are the deployed ones.
 */
const repositoryRoot = resolve(import.meta.dirname, '..');

export const lambdaBundling = {
  format: 'esm',
  target: 'node24',
  minify: true,
  // Chinese problem titles and messages stay UTF-8 instead of \u escapes: smaller bundles.
  charset: 'utf8',
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require() inside the ESM bundle (aws/aws-cdk#29310).
  banner: "import{createRequire}from'module';const require=createRequire(import.meta.url);",
  alias: {
    '@aws-sdk/credential-provider-node': resolve(repositoryRoot, 'functions/src/adapters/aws/lambda-credentials.ts'),
    '@smithy/core/event-streams': resolve(repositoryRoot, 'functions/src/adapters/aws/no-event-streams.ts'),
  },
  /**
   * Powertools (logger, metrics, tracer with the X-Ray SDK) comes from its public Lambda layer, at
   * the version functions/package.json pins (infra/cdk/powertools-layer.ts), not from the bundle:
   * docs/decisions.md#16-powertools-from-its-public-lambda-layer.
   */
  external: ['@aws-lambda-powertools/*'],
} as const;
