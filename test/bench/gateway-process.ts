/** The local gateway alone in its own process, so the bench can read its peak RSS. */
import { demoId } from '@jixiao/infra/local/demo-data.ts';
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
// A unit preparer and approver of 东丽区教育局 (本级), for the target-submission figure.
const unit = { tenant: '120110000', departmentId: demoId('department:102'), unitId: demoId('unit:102001') };
const preparer = await stack.identityProvider.issueIdToken(
  { id: 'bench-preparer', displayName: 'bench', roles: ['unit-preparer'], ...unit },
  3600,
);
const approver = await stack.identityProvider.issueIdToken(
  { id: 'bench-approver', displayName: 'bench', roles: ['unit-approver'], ...unit },
  3600,
);
process.stdout.write(
  `${JSON.stringify({ url: stack.url, token: idToken, preparer: preparer.idToken, approver: approver.idToken })}\n`,
);
process.on('SIGTERM', async () => {
  await stack.stop();
  process.exit(0);
});
