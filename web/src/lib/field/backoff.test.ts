import { describe, expect, it } from 'vitest';
import { backoffCapMs, backoffDelay, isRetryable, nextDelay, retryAfterMs } from '#lib/field/backoff.ts';

describe('backoffDelay (full jitter)', () => {
  it('stays below base × 2^attempt and is spread over that whole range', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(2000);
    expect(backoffDelay(3, () => 0.5)).toBe(8000);
    expect(backoffDelay(3, () => 0.999)).toBeLessThan(16_000);
  });

  it('never exceeds the cap of five minutes, however many failures', () => {
    expect(backoffDelay(50, () => 0.999999)).toBeLessThan(backoffCapMs);
    expect(backoffDelay(1_000, () => 1)).toBe(backoffCapMs);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('7')).toBe(7000);
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(retryAfterMs('Thu, 26 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});

describe('nextDelay', () => {
  it('never waits less than the server asked, nor more than the cap', () => {
    expect(nextDelay(0, 30_000, () => 0)).toBe(30_000);
    expect(nextDelay(0, null, () => 0)).toBe(0);
    expect(nextDelay(2, 1000, () => 0.5)).toBe(4000);
    expect(nextDelay(0, 3_600_000, () => 0)).toBe(backoffCapMs);
  });
});

describe('isRetryable', () => {
  it('retries the network, 408, 429 and 5xx; not other 4xx', () => {
    for (const s of [0, 408, 429, 500, 502, 503, 504]) expect(isRetryable(s)).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 413, 422]) expect(isRetryable(s)).toBe(false);
  });
});
