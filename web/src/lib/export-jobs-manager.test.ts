import type { ExportJob } from '@jixiao/core/export-jobs/export-job.ts';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The unit project does not compile runes: $state stands for its initial value, so the manager is a
// plain object here and what is tested is its logic (which jobs are read again, what the list holds).
vi.stubGlobal(
  '$state',
  Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value }),
);
let manager: typeof import('#lib/export-jobs-manager.svelte.ts');
beforeAll(async () => {
  manager = await import('#lib/export-jobs-manager.svelte.ts');
});

const job = (id: string, state: ExportJob['state'], extra: Partial<ExportJob> = {}): ExportJob =>
  ({
    id,
    state,
    stalled: false,
    progress: { done: 0, total: 0 },
    download: null,
    ...extra,
  }) as ExportJob;

describe('the exports page', () => {
  it('follows only the jobs that may still move', () => {
    expect(manager.isActive(job('a', 'QUEUED'))).toBe(true);
    expect(manager.isActive(job('a', 'RUNNING'))).toBe(true);
    expect(manager.isActive(job('a', 'RUNNING', { stalled: true }))).toBe(false);
    expect(manager.isActive(job('a', 'DONE'))).toBe(false);
    expect(manager.isActive(job('a', 'FAILED'))).toBe(false);
  });

  it('reads again the moving jobs only, and says when none is left', async () => {
    const one = vi.fn(async (id: string) => job(id, 'DONE'));
    const list = new manager.ExportJobsManager({
      page: async () => ({ items: [job('a', 'RUNNING'), job('b', 'DONE'), job('c', 'FAILED')] }),
      one,
    });
    await list.load();
    expect(await list.refresh()).toBe(false);
    expect(one.mock.calls.map(([id]) => id)).toEqual(['a']);
    expect(list.items.map((j) => j.state)).toEqual(['DONE', 'DONE', 'FAILED']);
  });

  it('keeps a job as shown when its read fails, and keeps following it', async () => {
    const list = new manager.ExportJobsManager({
      page: async () => ({ items: [job('a', 'RUNNING')] }),
      one: async () => {
        throw new Error('offline');
      },
    });
    await list.load();
    expect(await list.refresh()).toBe(true);
    expect(list.items[0]!.state).toBe('RUNNING');
  });

  it('puts a new job on top once, and follows the pages to the end without repeats', async () => {
    const pages: Record<string, { items: ExportJob[]; nextCursor?: string }> = {
      first: { items: [job('b', 'DONE'), job('c', 'DONE')], nextCursor: 'p2' },
      p2: { items: [job('c', 'DONE'), job('d', 'DONE')] },
    };
    const list = new manager.ExportJobsManager({
      page: async (cursor) => pages[cursor ?? 'first']!,
      one: async (id) => job(id, 'DONE'),
    });
    await list.load();
    list.add(job('a', 'QUEUED'));
    list.add(job('a', 'RUNNING'));
    await list.more();
    expect(list.items.map((j) => `${j.id}:${j.state}`)).toEqual(['a:RUNNING', 'b:DONE', 'c:DONE', 'd:DONE']);
    expect(list.nextCursor).toBeUndefined();
  });

  it('asks for a fresh link at each download', async () => {
    const one = vi.fn(async (id: string) =>
      job(id, 'DONE', { download: { url: `https://bucket/${id}?sig`, expiresAt: '' } }),
    );
    const list = new manager.ExportJobsManager({ page: async () => ({ items: [job('a', 'DONE')] }), one });
    await list.load();
    expect(await list.linkOf('a')).toBe('https://bucket/a?sig');
    expect(one).toHaveBeenCalledTimes(1);
  });
});
