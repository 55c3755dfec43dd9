import { validate } from '@jixiao/core/validation.ts';
import { describe, expect, it } from 'vitest';
import { historyPageLimit } from '#functions/ports/record-store.ts';
import { historyQuery } from '#functions/routes/history-schemas.ts';
import { routes } from '#functions/routes.ts';

describe('the query of a history route', () => {
  it('asks for a full page when no limit is given', () => {
    expect(validate(historyQuery, {}, 'zh-CN')).toEqual({ ok: true, value: { limit: historyPageLimit } });
  });

  it('takes a limit of 1 to 100 and a cursor', () => {
    expect(validate(historyQuery, { limit: '1', cursor: 'eyJwayI6IngifQ' }, 'en')).toEqual({
      ok: true,
      value: { limit: 1, cursor: 'eyJwayI6IngifQ' },
    });
    expect(validate(historyQuery, { limit: '100' }, 'en')).toEqual({ ok: true, value: { limit: 100 } });
  });

  it.each(['0', '101', '-1', '1.5', 'abc', ''])('refuses the limit %j', (limit) => {
    const result = validate(historyQuery, { limit }, 'zh-CN');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.pointer)).toEqual(['/limit']);
  });

  it('refuses a cursor that is not base64url text, and anything else in the query', () => {
    const cursor = validate(historyQuery, { cursor: 'a b/c' }, 'zh-CN');
    expect(!cursor.ok && cursor.errors.map((e) => e.pointer)).toEqual(['/cursor']);
    expect(validate(historyQuery, { q: 'x' }, 'zh-CN').ok).toBe(false);
  });

  it('is the query of every history route', () => {
    const history = routes.filter((route) => route.path.endsWith('/{id}/history'));
    expect(history.length).toBeGreaterThanOrEqual(6);
    for (const route of history) expect(route.query, route.operationId).toBe(historyQuery);
  });
});
