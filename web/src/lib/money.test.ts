import { describe, expect, it } from 'vitest';
import { fenToInput, formatWan, formatYuan, maxFen, parseMoney } from '#lib/money.ts';

/** 万元 ↔ fen: people type decimals in 万元 (or 元), the API keeps integer fen; no step goes through a float. */
describe('parseMoney', () => {
  it('reads 万元 as exact fen where floating point would not be exact', () => {
    expect(parseMoney('0.1', 'wan')).toEqual({ ok: true, fen: 100_000 });
    expect(parseMoney('0.3', 'wan')).toEqual({ ok: true, fen: 300_000 });
    // 0.1 + 0.2 !== 0.3 in floating point; the digits add up here.
    const a = parseMoney('0.1', 'wan');
    const b = parseMoney('0.2', 'wan');
    expect(a.ok && b.ok && a.fen + b.fen).toBe(300_000);
    expect(parseMoney('123.45', 'wan')).toEqual({ ok: true, fen: 123_450_000 });
    expect(parseMoney('1.005', 'wan')).toEqual({ ok: true, fen: 1_005_000 });
    expect(parseMoney('0.000001', 'wan')).toEqual({ ok: true, fen: 1 });
    expect(parseMoney('1234.56', 'yuan')).toEqual({ ok: true, fen: 123_456 });
    expect(parseMoney('4.35', 'yuan')).toEqual({ ok: true, fen: 435 });
  });

  it('takes whole numbers, a trailing or leading point and leading zeros', () => {
    expect(parseMoney('12', 'wan')).toEqual({ ok: true, fen: 12_000_000 });
    expect(parseMoney('12.', 'wan')).toEqual({ ok: true, fen: 12_000_000 });
    expect(parseMoney('.5', 'wan')).toEqual({ ok: true, fen: 500_000 });
    expect(parseMoney('007.50', 'wan')).toEqual({ ok: true, fen: 7_500_000 });
    expect(parseMoney('0', 'wan')).toEqual({ ok: true, fen: 0 });
    expect(parseMoney('0.000000', 'wan')).toEqual({ ok: true, fen: 0 });
  });

  it('reads what a Chinese keyboard types: full-width digits and point, grouping commas, spaces', () => {
    expect(parseMoney('１２３４．５', 'wan')).toEqual({ ok: true, fen: 1_234_500_000 });
    expect(parseMoney('１２３。４５', 'wan')).toEqual({ ok: true, fen: 123_450_000 });
    expect(parseMoney('1,234.5', 'wan')).toEqual({ ok: true, fen: 1_234_500_000 });
    expect(parseMoney('1，234', 'wan')).toEqual({ ok: true, fen: 1_234_000_000 });
    expect(parseMoney('  12 ', 'wan')).toEqual({ ok: true, fen: 12_000_000 });
    expect(parseMoney('\u300012\u3000', 'wan')).toEqual({ ok: true, fen: 12_000_000 });
  });

  it('refuses more decimals than fen allow: 6 in 万元, 2 in 元', () => {
    expect(parseMoney('123.4567891', 'wan')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseMoney('0.0000001', 'wan')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseMoney('1.234', 'yuan')).toEqual({ ok: false, reason: 'decimals' });
    expect(parseMoney('1.000000', 'wan')).toEqual({ ok: true, fen: 1_000_000 });
  });

  it('refuses blank text, negatives, signs, exponents and other text', () => {
    for (const text of ['', '   ', '.', '-5', '-0.1', '+5', '1e5', '12万', 'abc', '1.2.3', '５-', 'NaN', 'Infinity']) {
      expect(parseMoney(text, 'wan'), text).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('takes amounts up to the schema cap (1,000 亿元) and refuses anything above it', () => {
    expect(maxFen).toBe(1e13);
    expect(parseMoney('10000000', 'wan')).toEqual({ ok: true, fen: 1e13 });
    expect(parseMoney('9999999.999999', 'wan')).toEqual({ ok: true, fen: 9_999_999_999_999 });
    expect(parseMoney('10000000.000001', 'wan')).toEqual({ ok: false, reason: 'too_large' });
    expect(parseMoney('100000000000', 'yuan')).toEqual({ ok: true, fen: 1e13 });
    expect(parseMoney('100000000000.01', 'yuan')).toEqual({ ok: false, reason: 'too_large' });
    // Far beyond 2^53: refused, not rounded into range.
    expect(parseMoney('99999999999999999999', 'wan')).toEqual({ ok: false, reason: 'too_large' });
    expect(parseMoney('0000000000000000000001', 'wan')).toEqual({ ok: true, fen: 1_000_000 });
  });

  it('gives only safe integers', () => {
    for (const text of ['0.1', '9999999.999999', '1,234.567891', '３.１４１５９２']) {
      const parsed = parseMoney(text, 'wan');
      expect(parsed.ok && Number.isSafeInteger(parsed.fen), text).toBe(true);
    }
  });
});

describe('fenToInput and formatWan', () => {
  it('writes fen back in the unit with only the significant decimals', () => {
    expect(fenToInput(100_000, 'wan')).toBe('0.1');
    expect(fenToInput(123_450_000, 'wan')).toBe('123.45');
    expect(fenToInput(1, 'wan')).toBe('0.000001');
    expect(fenToInput(0, 'wan')).toBe('0');
    expect(fenToInput(12_000_000, 'wan')).toBe('12');
    expect(fenToInput(123_456, 'yuan')).toBe('1234.56');
    expect(fenToInput(5, 'yuan')).toBe('0.05');
    expect(fenToInput(1e13, 'wan')).toBe('10000000');
    expect(fenToInput(-1_500_000, 'wan')).toBe('-1.5');
  });

  it('round-trips every shown amount exactly', () => {
    for (const fen of [0, 1, 99, 100_000, 123_456_789, 9_999_999_999_999, 1e13]) {
      expect(parseMoney(fenToInput(fen, 'wan'), 'wan')).toEqual({ ok: true, fen });
      expect(parseMoney(fenToInput(fen, 'yuan'), 'yuan')).toEqual({ ok: true, fen });
    }
  });

  it('groups thousands in 万元 for reading, keeping every significant decimal', () => {
    expect(formatWan(1_234_500_000)).toBe('1,234.5');
    expect(formatWan(1e13)).toBe('10,000,000');
    expect(formatWan(123_456_789)).toBe('123.456789');
    expect(formatWan(0)).toBe('0');
    expect(formatWan(999_000_000)).toBe('999');
    expect(formatWan(-12_345_000_000)).toBe('-12,345');
  });
});

describe('formatYuan', () => {
  it('groups 元 by thousands and keeps only the fen there are', () => {
    expect(formatYuan(1_000_000_00)).toBe('1,000,000');
    expect(formatYuan(123_456_78)).toBe('123,456.78');
    expect(formatYuan(123_456_70)).toBe('123,456.7');
    expect(formatYuan(5)).toBe('0.05');
    expect(formatYuan(0)).toBe('0');
  });
});
