import { describe, expect, it } from 'vitest';
import { actualNotADate, readTarget } from '#core/self-evaluation/table-check/read-target.ts';
import { decimalOf, hundredfold, isDash, scaleDecimal } from '#core/self-evaluation/table-check/table-text.ts';

describe('readTarget', () => {
  it.each([
    ['≥95%', { kind: 'NUMBER', operator: 'GTE', value: '95', unit: '%' }],
    ['≤100万元', { kind: 'NUMBER', operator: 'LTE', value: '100', unit: '万元' }],
    ['=0', { kind: 'NUMBER', operator: 'EQ', value: '0', unit: '' }],
    ['＞ 1,200 人', { kind: 'NUMBER', operator: 'GT', value: '1200', unit: '人' }],
    ['<5天', { kind: 'NUMBER', operator: 'LT', value: '5', unit: '天' }],
    ['不低于90%', { kind: 'NUMBER', operator: 'GTE', value: '90', unit: '%' }],
    ['不超过0.6万元/公里', { kind: 'NUMBER', operator: 'LTE', value: '0.6', unit: '万元/公里' }],
    ['95%以上', { kind: 'NUMBER', operator: 'GTE', value: '95', unit: '%' }],
    ['100万元以内', { kind: 'NUMBER', operator: 'LTE', value: '100', unit: '万元' }],
    ['500', { kind: 'NUMBER', operator: 'GTE', value: '500', unit: '' }],
    ['2023年12月前', { kind: 'DATE', operator: 'LTE', value: '2023-11-30' }],
    ['11月底前', { kind: 'DATE', operator: 'LTE', value: '2023-11-30' }],
    ['≤2023-10-31', { kind: 'DATE', operator: 'LTE', value: '2023-10-31' }],
    ['按期完成', { kind: 'WORDS', operator: 'QUALITATIVE', value: '按期完成' }],
    [' 达成预期 ', { kind: 'WORDS', operator: 'QUALITATIVE', value: '达成预期' }],
    ['2023年13月前', { kind: 'NOT_A_DATE' }],
    ['2月30日', { kind: 'NOT_A_DATE' }],
    ['  ', { kind: 'EMPTY' }],
  ])('reads %s', (written, reading) => {
    expect(readTarget(written, 2023)).toEqual(reading);
  });

  it('tells an actual that means a date but names no day', () => {
    expect(actualNotADate('2023年11月', 2023)).toBe(false);
    expect(actualNotADate('2023年13月', 2023)).toBe(true);
    expect(actualNotADate('按期完成', 2023)).toBe(false);
    expect(actualNotADate('98%', 2023)).toBe(false);
  });
});

describe('table text', () => {
  it('reads decimals as typed and scales them exactly', () => {
    expect(decimalOf('1,234,567.80')).toBe('1234567.80');
    expect(decimalOf('１２.５')).toBe('12.5');
    expect(decimalOf('约75万')).toBeUndefined();
    expect(scaleDecimal('12.345678', 6)).toBe(12_345_678n);
    expect(scaleDecimal('0.1234567', 6)).toBeUndefined();
    expect(scaleDecimal('3.10000000', 2)).toBe(310n);
    expect(hundredfold('0.8619')).toBe('86.19');
    expect(hundredfold('0.861925')).toBe('86.1925');
    expect(hundredfold('1')).toBe('100');
    expect(['', '—', '-', '/', '无', 'N/A'].every(isDash)).toBe(true);
    expect(isDash('0')).toBe(false);
  });
});
