import { parseArgs } from 'node:util';
import { identityDirectoryFromEnv } from '@jixiao/functions/adapters/cognito/identity-directory-from-env.ts';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';
import { DynamoDbRecordStore } from '@jixiao/functions/adapters/dynamodb/dynamodb-record-store.ts';
import { onboardTenant } from '#infra/operator/onboard-tenant.ts';

/**
 * `npm run onboard-tenant -- …`: creates a tenant and its first administrator in a deployed stack
 * (docs/identity.md, "Onboarding a tenant"). It runs with the operator's AWS credentials against the
 * stack's table and user pool, named by the stack outputs. Exit code 0 when the administrator can
 * sign in (invited or synced), 1 when something was refused or the directory did not take it
 * (run the same command again to retry), 2 on a usage error.
 */
const usage = `用法 / usage:
  npm run onboard-tenant -- --table <TableName> --user-pool <UserPoolId>
    --tenant <9位财政区划代码> --name <天津市东丽区> --short-name <东丽区>
    --admin-username <wangfang> --admin-name <王芳> --admin-email <wang.fang@example.gov.cn>`;

const main = async (): Promise<number> => {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        table: { type: 'string' },
        'user-pool': { type: 'string' },
        tenant: { type: 'string' },
        name: { type: 'string' },
        'short-name': { type: 'string' },
        'admin-username': { type: 'string' },
        'admin-name': { type: 'string' },
        'admin-email': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  const required = [
    'table',
    'user-pool',
    'tenant',
    'name',
    'short-name',
    'admin-username',
    'admin-name',
    'admin-email',
  ];
  const missing = required.filter((k) => !values[k]);
  if (missing.length > 0) {
    console.error(`缺少参数 / missing: ${missing.map((k) => `--${k}`).join(' ')}\n${usage}`);
    return 2;
  }
  // The directory adapter reads its pool from the environment, as in the organisation Lambda.
  process.env.USER_POOL_ID = values['user-pool'];
  const store = new DynamoDbRecordStore(createDocumentClient(), values.table as string);
  const outcome = await onboardTenant(store, identityDirectoryFromEnv(), {
    tenant: { id: values.tenant as string, name: values.name as string, shortName: values['short-name'] as string },
    admin: {
      username: values['admin-username'] as string,
      displayName: values['admin-name'] as string,
      email: values['admin-email'] as string,
    },
  });
  console.log(JSON.stringify(outcome, null, 2));
  if (!outcome.ok) return 1;
  return outcome.directory === 'invited' || outcome.directory === 'synced' ? 0 : 1;
};

process.exitCode = await main();
