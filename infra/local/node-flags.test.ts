import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localRuntimeNodeFlags } from '#infra/local/node-flags.ts';
import { repositoryRoot } from '#infra/local/stack.ts';

describe('local runtime node flags', () => {
  it('are the ones npm start uses', () => {
    const scripts = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toContain(`node ${localRuntimeNodeFlags.join(' ')} infra/local/start.ts`);
  });
});
