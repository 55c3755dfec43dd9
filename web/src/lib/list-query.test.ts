import { describe, expect, it } from 'vitest';
import { filtersFrom, queryOf } from '#lib/list-query.ts';

const defaults = { q: '', fiscalYear: '2027', stage: '' };

describe('filtersFrom', () => {
  it('takes what the address says and the defaults for the rest', () => {
    expect(filtersFrom(new URLSearchParams('stage=DRAFT&other=1'), defaults)).toEqual({
      q: '',
      fiscalYear: '2027',
      stage: 'DRAFT',
    });
  });

  it('keeps an empty value as the choice of everything, not the default', () => {
    expect(filtersFrom(new URLSearchParams('fiscalYear='), defaults).fiscalYear).toBe('');
  });
});

describe('queryOf', () => {
  it('leaves defaults out and keeps parameters the list does not own', () => {
    const search = queryOf(
      new URLSearchParams('round=r1&stage=OLD'),
      { q: '教育', fiscalYear: '2027', stage: '' },
      defaults,
    );
    expect(search).toBe('?round=r1&q=%E6%95%99%E8%82%B2');
  });

  it('writes an empty choice where the default is not empty, and nothing at all for all defaults', () => {
    expect(queryOf(new URLSearchParams(), { ...defaults, fiscalYear: '' }, defaults)).toBe('?fiscalYear=');
    expect(queryOf(new URLSearchParams('q=x'), defaults, defaults)).toBe('');
  });

  it('reads back what it wrote', () => {
    const values = { q: 'a b&c', fiscalYear: '2026', stage: 'APPROVED' };
    const search = queryOf(new URLSearchParams(), values, defaults);
    expect(filtersFrom(new URLSearchParams(search), defaults)).toEqual(values);
  });
});
