import { describe, expect, it } from 'vitest';
import { requestHash } from '#functions/records/request-hash.ts';

describe('requestHash', () => {
  it('is the same for the same content in any key order', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(requestHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  });

  it('differs when any value, list order or key differs', () => {
    const base = requestHash({ a: 1, b: [1, 2] });
    expect(requestHash({ a: 2, b: [1, 2] })).not.toBe(base);
    expect(requestHash({ a: 1, b: [2, 1] })).not.toBe(base);
    expect(requestHash({ a: 1, b: [1, 2], c: null })).not.toBe(base);
  });

  it('ignores absent (undefined) fields, as JSON does', () => {
    expect(requestHash({ a: 1, b: undefined })).toBe(requestHash({ a: 1 }));
  });
});
