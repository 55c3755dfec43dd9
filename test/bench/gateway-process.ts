/** The local gateway alone in its own process, so the bench can read its peak RSS. */
import { startLocalStack } from '@jixiao/infra/local/stack.ts';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const stack = await startLocalStack({
  dynamoEndpoint: process.argv[2]!,
  tableName: process.argv[3]!,
  webRoot: '/nonexistent',
});
const { idToken } = await stack.identityProvider.issueIdToken(
  { id: 'bench-admin', displayName: 'bench', tenant: '120110000', roles: ['tenant-admin'] },
  3600,
);
process.stdout.write(`${JSON.stringify({ url: stack.url, token: idToken })}\n`);
process.on('SIGTERM', async () => {
  await stack.stop();
  process.exit(0);
});
