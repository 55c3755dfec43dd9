import { fromEnv } from '@aws-sdk/credential-provider-env';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in Lambda bundles (an esbuild alias, see
 * infra/lambda-bundling.ts). Lambda hands a function its role's credentials in environment
 * variables, so the default chain's SSO, INI-file, IMDS and STS providers (with the nested
 * clients they pull in, ~85 KB minified) are dead weight there.
 */
export const defaultProvider = (_init?: unknown) => fromEnv();
