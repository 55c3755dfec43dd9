import { beforeAll, describe, expect, it, vi } from 'vitest';

// The unit project does not compile runes: $state stands for its initial value, so the manager is a
// plain object here and what is tested is its logic (who gets the bell, when it reads, which count wins).
vi.stubGlobal('$state', <T>(value: T) => value);
let manager: typeof import('#lib/notifications-manager.svelte.ts');
beforeAll(async () => {
  manager = await import('#lib/notifications-manager.svelte.ts');
});

/** A read the test answers when it chooses. */
const deferredReads = () => {
  const pending: ((unread: number) => void)[] = [];
  const read = vi.fn(() => new Promise<number>((resolve) => pending.push(resolve)));
  return { read, answer: (i: number, unread: number) => pending[i]?.(unread) };
};

describe('who gets the bell', () => {
  it('department and bureau people, outside the field app', () => {
    const { bellApplies } = manager;
    expect(bellApplies(['unit-preparer'], '/department')).toBe(true);
    expect(bellApplies(['department-reviewer'], '/review')).toBe(true);
    expect(bellApplies(['performance-section-reviewer'], '/bureau')).toBe(true);
    expect(bellApplies(['business-section-reviewer', 'unit-approver'], '/library')).toBe(true);
  });

  it('never in the field app, never for agency roles, observers or administrators', () => {
    const { bellApplies } = manager;
    expect(bellApplies(['unit-preparer'], '/field')).toBe(false);
    expect(bellApplies(['unit-preparer'], '/field/assignment-1')).toBe(false);
    expect(bellApplies(['evaluator'], '/field')).toBe(false);
    expect(bellApplies(['agency-lead', 'unit-preparer'], '/department')).toBe(false);
    expect(bellApplies(['observer'], '/observer')).toBe(false);
    expect(bellApplies(['tenant-admin'], '/admin')).toBe(false);
    // A path that only starts with the same letters is not the field app.
    expect(bellApplies(['unit-preparer'], '/fieldwork')).toBe(true);
  });

  it('links to the home whose panel lists them', () => {
    expect(manager.notificationsHome(['unit-preparer'])).toBe('/department#notifications');
    expect(manager.notificationsHome(['business-section-reviewer', 'unit-approver'])).toBe('/bureau#notifications');
  });
});

describe('the shared unread count', () => {
  it('reads on a navigation, not again while a read is in flight or fresh', async () => {
    let now = 1_000_000;
    const reads = deferredReads();
    const count = new manager.NotificationsManager(reads.read, () => now);
    expect(count.unread).toBe(0);
    const first = count.refresh('u1');
    void count.refresh('u1'); // a second navigation while the first read is out
    expect(reads.read).toHaveBeenCalledTimes(1);
    reads.answer(0, 3);
    await first;
    expect(count.unread).toBe(3);

    now += manager.freshForMs - 1;
    await count.refresh('u1');
    expect(reads.read).toHaveBeenCalledTimes(1);
    now += 1;
    const third = count.refresh('u1');
    expect(reads.read).toHaveBeenCalledTimes(2);
    reads.answer(1, 4);
    await third;
    expect(count.unread).toBe(4);
  });

  it('takes the panel’s count over an older read still in flight (marking read clears the bell)', async () => {
    let now = 0;
    const reads = deferredReads();
    const count = new manager.NotificationsManager(reads.read, () => now);
    const stale = count.refresh('u1');
    count.seen('u1', 0); // the panel marked everything read meanwhile
    reads.answer(0, 2);
    await stale;
    expect(count.unread).toBe(0);
    // The panel's read counts as fresh: the next navigation a moment later does not ask.
    now += 10;
    await count.refresh('u1');
    expect(reads.read).toHaveBeenCalledTimes(1);
  });

  it('starts from 0 for another person and drops the previous person’s read', async () => {
    const reads = deferredReads();
    const count = new manager.NotificationsManager(reads.read, () => 0);
    count.seen('u1', 5);
    const late = count.refresh('u2');
    expect(count.unread).toBe(0);
    expect(reads.read).toHaveBeenCalledTimes(1);
    reads.answer(0, 1);
    await late;
    expect(count.unread).toBe(1);
  });

  it('keeps what it showed when a read fails, and asks again on the next navigation', async () => {
    let fail = true;
    const read = vi.fn(async () => {
      if (fail) throw new Error('offline');
      return 2;
    });
    let now = 0;
    const count = new manager.NotificationsManager(read, () => now);
    count.seen('u1', 1);
    now += manager.freshForMs;
    await count.refresh('u1');
    expect(read).toHaveBeenCalledTimes(1);
    expect(count.unread).toBe(1);
    fail = false;
    await count.refresh('u1');
    expect(read).toHaveBeenCalledTimes(2);
    expect(count.unread).toBe(2);
  });
});
