import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Ports and adapters (docs/architecture.md): the Lambda entry points in `handlers/` make the adapters and hand them
 * to the operations, so an operation can be run over any store (DynamoDB Local in the tests, the demo loader) and
 * never reaches for AWS itself.
 */
const root = import.meta.dirname;
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

describe('adapter wiring', () => {
  it('only handlers/ and the adapters themselves import an adapter', () => {
    const offenders = sources(root)
      .map((path) => relative(root, path))
      .filter((path) => !path.startsWith('handlers/') && !path.startsWith('adapters/'))
      .filter((path) => /from '#functions\/adapters\//.test(readFileSync(join(root, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
