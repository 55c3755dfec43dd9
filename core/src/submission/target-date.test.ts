import { describe, expect, it } from 'vitest';
import { targetDate } from '#core/submission/target-date.ts';

describe('date targets read as the last day they allow', () => {
  it.each([
    ['2027-11-30', '2027-11-30'],
    ['≤ 2027-11-30', '2027-11-30'],
    ['<=2027/11/30', '2027-11-30'],
    ['2027.6.1', '2027-06-01'],
    ['2027年11月30日前', '2027-11-30'],
    ['11月30日前完成', '2027-11-30'],
    ['2027年12月', '2027-12-31'],
    ['2027-02', '2027-02-28'],
    ['2028年2月底', '2028-02-29'],
    ['11月底前完成', '2027-11-30'],
    ['11月末', '2027-11-30'],
    ['12月', '2027-12-31'],
    ['6月份', '2027-06-30'],
    // "9月前": before September begins.
    ['9月前', '2027-08-31'],
    ['1月前', '2026-12-31'],
    ['年底前', '2027-12-31'],
    ['2026年年底', '2026-12-31'],
    ['第三季度末', '2027-09-30'],
    ['第3季度前', '2027-06-30'],
  ])('%s → %s (fiscal year 2027)', (value, expected) => {
    expect(targetDate(value, 2027)).toBe(expected);
  });

  it.each(['', '  ', '10', '95.5', '2027-13-01', '2027-02-30', '13月', '明显改善', '尽快', '0月前'])(
    'reads %j as no date',
    (value) => {
      expect(targetDate(value, 2027)).toBeNull();
    },
  );
});

describe('how a date may be written', () => {
  it.each([
    // Spaces around and inside the text, and an operator in front of it, do not change the date.
    [' ≤ 2027-11-30 ', '2027-11-30'],
    ['2027 年 12 月', '2027-12-31'],
    ['2027 年 11 月 30 日', '2027-11-30'],
    // 完成, 完工 or 办结 after the date, with or without 前.
    ['2027年12月完成', '2027-12-31'],
    ['11月30日完工', '2027-11-30'],
    ['2027-06-30办结', '2027-06-30'],
    // The first and the last day of a month are days of it.
    ['2027-01-01', '2027-01-01'],
    ['2027-01-31', '2027-01-31'],
  ])('%j → %s (fiscal year 2027)', (value, expected) => {
    expect(targetDate(value, 2027)).toBe(expected);
  });

  it.each([
    '2027-00-10',
    '2027-06-00',
    '0月30日',
    '6月0日',
    // An approximate date is not a deadline: reading it as one would be a guess.
    '约2027-11-30',
    '2027-11-30左右',
    '约2027年11月30日',
    '2027年11月30日左右',
    '约11月30日',
    '11月30日左右',
    '约12月',
    '12月左右',
    '约年底',
    '约第三季度末',
    '第三季度末左右',
    // Mistyped numbers are not cut down to a date.
    '2027-11-301',
    '22027-11-30',
    // An operator counts only in front of the date.
    '2027-11-30≤',
  ])('reads %j as no date', (value) => {
    expect(targetDate(value, 2027)).toBeNull();
  });
});

describe('quarters', () => {
  it.each([
    // A quarter alone, or its end, is the quarter's last day; "前" alone is before the quarter begins.
    ['第三季度', '2027-09-30'],
    ['第四季度末', '2027-12-31'],
    ['第二季度末前完成', '2027-06-30'],
    ['第一季度前', '2026-12-31'],
    ['第1季度末', '2027-03-31'],
    // With its own year.
    ['2026年第四季度', '2026-12-31'],
    ['2028年第一季度前', '2027-12-31'],
    // Without 第, as tables often write it.
    ['三季度末', '2027-09-30'],
    ['四季度', '2027-12-31'],
    ['2027年三季度末前完成', '2027-09-30'],
    ['二季度前', '2027-03-31'],
  ])('%s → %s (fiscal year 2027)', (value, expected) => {
    expect(targetDate(value, 2027)).toBe(expected);
  });

  it.each(['第五季度', '五季度末', '第0季度', '季度末'])('reads %j as no date', (value) => {
    expect(targetDate(value, 2027)).toBeNull();
  });
});
