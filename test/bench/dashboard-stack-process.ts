/**
 * The local stack in its own process for the dashboard figure (`monitoring-dashboard.ts`). A
 * handler makes its DynamoDB client once, when its module is first imported, from the environment
 * of that moment; the bench process has already imported them for section 4 with another endpoint
 * and table, so a stack whose handlers talk to the counting proxy needs a fresh process.
 *
 * Arguments: DynamoDB endpoint, table, tenant, and optionally the person to sign in as (JSON, as the identity
 * provider takes it). Prints one JSON line with the stack's URL and a token of that person, else of a
 * performance-section reviewer; stops on SIGTERM.
 */
import { startLocalStack } from '@jixiao/infra/local/stack.ts';

const [dynamoEndpoint, tableName, tenant, person] = process.argv.slice(2) as [string, string, string, string?];
const stack = await startLocalStack({ dynamoEndpoint, tableName, seed: false, webRoot: '/nonexistent' });
const { idToken } = await stack.identityProvider.issueIdToken(
  person
    ? { ...JSON.parse(person), tenant }
    : { id: 'bench-performance', displayName: '绩效科基准', tenant, roles: ['performance-section-reviewer'] },
  3600,
);
process.stdout.write(`${JSON.stringify({ url: stack.url, token: idToken })}\n`);
process.on('SIGTERM', async () => {
  await stack.stop();
  process.exit(0);
});
