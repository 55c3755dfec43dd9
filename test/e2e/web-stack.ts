import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import { inject } from 'vitest';
import { webBuild } from './browser.ts';

/** Browser tests run against the built app; building it is the test command's first step, not theirs. */
export const requireWebBuild = (): void => {
  if (!existsSync(join(webBuild, '200.html'))) {
    throw new Error('web/build is missing: run `npm run build -w web` before the e2e tests');
  }
};

/**
 * The local runtime serving the built app, on a table of its own (named after the test file) in the
 * DynamoDB Local the test run started, with the demo loaded. The test stops it.
 */
export const startWebStack = async (name: string): Promise<LocalStack> => {
  requireWebBuild();
  return startLocalStack({
    dynamoEndpoint: inject('dynamoEndpoint'),
    tableName: `${name}-${randomUUID()}`,
    webRoot: webBuild,
  });
};
