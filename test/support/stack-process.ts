import { startLocalStack } from '@jixiao/infra/local/stack.ts';

/**
 * The local stack in a process of its own, so a test can kill it with SIGKILL in the middle of a
 * request (docs/architecture.md#reliability-and-security-floor) and start it again on the
 * same port and data. Options come from the environment:
 *
 *   JIXIAO_PORT, JIXIAO_DATA_DIR, JIXIAO_DYNAMO_ENDPOINT, JIXIAO_TABLE, JIXIAO_SEED (1/0), JIXIAO_WEB_ROOT
 *
 * It prints `READY <url>` on a line of its own once it listens, and stops cleanly on SIGTERM.
 */
const env = (name: string): string | undefined => process.env[name] || undefined;

const stack = await startLocalStack({
  port: Number(env('JIXIAO_PORT') ?? 0),
  ...(env('JIXIAO_DATA_DIR') ? { dataDir: env('JIXIAO_DATA_DIR') } : {}),
  ...(env('JIXIAO_DYNAMO_ENDPOINT') ? { dynamoEndpoint: env('JIXIAO_DYNAMO_ENDPOINT') } : {}),
  ...(env('JIXIAO_TABLE') ? { tableName: env('JIXIAO_TABLE') } : {}),
  ...(env('JIXIAO_WEB_ROOT') ? { webRoot: env('JIXIAO_WEB_ROOT') } : {}),
  seed: env('JIXIAO_SEED') === '1',
});
process.stdout.write(`READY ${stack.url}\n`);

const stop = async () => {
  await stack.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
