/**
 * Runs in a fresh process: import a bundle, make its handler answer one event, print the times.
 * Argument: path of the bundle, path of a JSON file with the event.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const started = performance.now();
const module = (await import(pathToFileURL(process.argv[2]!).href)) as {
  handler: (event: unknown, context: unknown) => Promise<{ statusCode?: number }>;
};
const imported = performance.now();
const event = JSON.parse(readFileSync(process.argv[3]!, 'utf8'));
const context = { awsRequestId: 'cold', functionName: 'bench', getRemainingTimeInMillis: () => 10_000 };
const result = await module.handler(event, context);
const done = performance.now();
process.stdout.write(
  JSON.stringify({ importMs: imported - started, totalMs: done - started, status: result.statusCode }),
);
