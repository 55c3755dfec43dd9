import { join } from 'node:path';
import { demoUsers } from '#infra/local/demo-data.ts';
import { JavaMissingError } from '#infra/local/dynamodb-local.ts';
import { PortInUseError } from '#infra/local/ports.ts';
import { repositoryRoot, startLocalStack } from '#infra/local/stack.ts';

/** `npm start`: the whole system on one origin with the Dongli demo, until Ctrl-C. */
const port = Number(process.env.PORT ?? 8787);
const dataDir = process.env.JIXIAO_DATA_DIR ?? join(repositoryRoot, '.local');

try {
  const outboxFile = join(dataDir, 'outbox.jsonl');
  // The scheduled jobs every minute: reminders before deadlines (once per round and department) and e-mail.
  const stack = await startLocalStack({ port, dataDir, jobs: { outboxFile, everyMs: 60_000 } });
  const seeded = stack.seed ? `${stack.seed.created} records added, ${stack.seed.unchanged} already there` : 'skipped';
  console.log(`
  绩效 Jixiao is running at ${stack.url}
  Data: ${dataDir} (demo data: ${seeded})
  OpenAPI: ${stack.url}/api/v1/openapi.json
  E-mail that would be sent: ${outboxFile}

  Sign in as any demo user (no password locally):
${demoUsers.map((u) => `    ${u.username.padEnd(18)} ${u.displayName}  ${u.roles.join(', ')}`).join('\n')}

  Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n  Stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  if (error instanceof JavaMissingError || error instanceof PortInUseError) {
    console.error(`\n  Cannot start Jixiao: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
