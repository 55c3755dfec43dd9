/**
 * When the outbox tries again after a failure it may retry (no network, 408, 429, 5xx): exponential
 * backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"), so a hundred
 * phones coming back online together do not hit the server in step; a server's `Retry-After` is a
 * floor, never shortened.
 */
export const backoffBaseMs = 2000;
export const backoffCapMs = 5 * 60_000;

/** Full jitter: a random delay in [0, min(cap, base × 2^attempt)); `attempt` counts failures from 0. */
export const backoffDelay = (
  attempt: number,
  random: () => number = Math.random,
  base = backoffBaseMs,
  cap = backoffCapMs,
): number => {
  const ceiling = Math.min(cap, base * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(random() * ceiling);
};

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export const retryAfterMs = (header: string | null | undefined, now: number = Date.now()): number | null => {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
};

/** The wait before the next attempt: the jittered backoff, but never less than the server asked for (capped). */
export const nextDelay = (attempt: number, retryAfter: number | null, random: () => number = Math.random): number =>
  Math.min(backoffCapMs, Math.max(retryAfter ?? 0, backoffDelay(attempt, random)));

/** Which failures are worth retrying by themselves: the network, timeouts, throttling and server errors. */
export const isRetryable = (status: number): boolean =>
  status === 0 || status === 408 || status === 429 || status >= 500;
