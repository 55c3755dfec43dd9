import { describe, expect, it } from 'vitest';
import { failureAction } from '#lib/field/outbox-policy.ts';

const problem = (code: string) => `urn:jixiao:problem:${code}`;

describe('failureAction', () => {
  it('pauses on 401 until the person signs in again', () => {
    expect(failureAction(401, problem('unauthenticated'), 'create')).toBe('pause');
  });

  it('retries the network, timeouts, throttling and server errors, and an expired upload link', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) expect(failureAction(status, null, 'upload')).toBe('retry');
    expect(failureAction(403, null, 'upload', true)).toBe('retry');
    expect(failureAction(409, problem('version-conflict'), 'create')).toBe('attention');
  });

  it('continues a create the server already holds differently as an update', () => {
    expect(failureAction(409, problem('idempotency-conflict'), 'create')).toBe('adopt');
  });

  it('lets the evaluator choose on a version conflict', () => {
    expect(failureAction(409, problem('version-conflict'), 'update')).toBe('conflict');
  });

  it('shows other refusals on the record instead of retrying them forever', () => {
    expect(failureAction(409, problem('invalid-transition'), 'create')).toBe('attention');
    expect(failureAction(422, problem('rules-not-met'), 'create')).toBe('attention');
    expect(failureAction(422, problem('rules-not-met'), 'attach')).toBe('attention');
    expect(failureAction(403, problem('forbidden'), 'update')).toBe('attention');
    expect(failureAction(404, problem('not-found'), 'attach')).toBe('attention');
    expect(failureAction(400, problem('validation-failed'), 'create')).toBe('attention');
    expect(failureAction(413, problem('body-too-large'), 'create')).toBe('attention');
  });
});
