/**
 * Runs in its own process with --expose-gc: RSS and heap of one handler before and after N warm
 * invocations. The warm-up is N invocations too: V8 grows its young generation during the first
 * thousands of calls (the bare SDK handler does the same), and that one-off growth is not a leak.
 * Both sides are measured after a full GC.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const gc = (globalThis as { gc?: () => void }).gc!;
const module = (await import(pathToFileURL(process.argv[2]!).href)) as {
  handler: (event: unknown, context: unknown) => Promise<{ statusCode?: number }>;
};
const event = JSON.parse(readFileSync(process.argv[3]!, 'utf8'));
const invocations = Number(process.argv[4] ?? 5000);
const context = { awsRequestId: 'warm', functionName: 'bench', getRemainingTimeInMillis: () => 10_000 };
for (let i = 0; i < invocations; i++)
  await module.handler({ ...event, requestContext: { ...event.requestContext, requestId: `w${i}` } }, context);
gc();
const before = process.memoryUsage();
let failures = 0;
for (let i = 0; i < invocations; i++) {
  const result = await module.handler(
    { ...event, requestContext: { ...event.requestContext, requestId: `r${i}` } },
    context,
  );
  if (result.statusCode !== 200) failures++;
}
gc();
const after = process.memoryUsage();
process.stdout.write(
  JSON.stringify({
    before: before.rss,
    after: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    failures,
  }),
);
