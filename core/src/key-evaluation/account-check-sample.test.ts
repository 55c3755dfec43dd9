import { describe, expect, it } from 'vitest';
import {
  drawAccountSample,
  methodText,
  populationKey,
  randomCount,
  type SamplePayment,
} from '#core/key-evaluation/account-check-sample.ts';

const payments: SamplePayment[] = Array.from({ length: 40 }, (_, i) => ({
  id: `p-${String(i).padStart(3, '0')}`,
  paymentDate: `2026-0${(i % 9) + 1}-1${i % 10}`,
  payee: `收款单位${i % 7}`,
  amountFen: (i + 1) * 10_000_00,
  reference: `HT-${i}`,
}));
const params = { seed: 'a1b2c3d4', thresholdFen: 300_000_00, sharePct: 20 };

describe('the account check sample', () => {
  it('draws the same sample from the same seed and list, whatever order the list came in', () => {
    const first = drawAccountSample(payments, params);
    const again = drawAccountSample([...payments].reverse(), params);
    expect([...again.reasons.entries()].sort()).toEqual([...first.reasons.entries()].sort());
    const other = drawAccountSample(payments, { ...params, seed: 'ffff0000' });
    expect([...other.reasons.keys()].sort()).not.toEqual([...first.reasons.keys()].sort());
  });

  it('always takes every payment at or above the threshold, and ceil(share × rest) of the others', () => {
    const sample = drawAccountSample(payments, params);
    const above = payments.filter((p) => p.amountFen >= params.thresholdFen);
    expect(above).toHaveLength(11); // 30万 to 40万
    for (const p of above) expect(sample.reasons.get(p.id)).toBe('THRESHOLD');
    expect(sample.aboveThreshold).toBe(11);
    // 29 below: 20 % is 5.8, rounded up to 6.
    expect(sample.random).toBe(6);
    expect([...sample.reasons.values()].filter((r) => r === 'RANDOM')).toHaveLength(6);
    for (const [id, reason] of sample.reasons)
      if (reason === 'RANDOM') expect(payments.find((p) => p.id === id)!.amountFen).toBeLessThan(params.thresholdFen);
  });

  it('states its rounding rule: up, so any share of a non-empty rest draws at least one', () => {
    expect(randomCount(29, 20)).toBe(6);
    expect(randomCount(10, 20)).toBe(2);
    expect(randomCount(1, 1)).toBe(1);
    expect(randomCount(7, 0)).toBe(0);
    expect(randomCount(7, 100)).toBe(7);
  });

  it('draws nothing from an empty list', () => {
    const sample = drawAccountSample([], params);
    expect(sample.reasons.size).toBe(0);
    expect(sample.random).toBe(0);
    expect(populationKey([])).toMatch(/^0:/);
  });

  it('keys the population by content, so a changed amount or a new payment tells the draw is out of date', () => {
    const key = populationKey(payments);
    expect(populationKey([...payments].reverse())).toBe(key);
    expect(populationKey(payments.map((p, i) => (i === 3 ? { ...p, amountFen: p.amountFen + 1 } : p)))).not.toBe(key);
    expect(populationKey(payments.slice(1))).not.toBe(key);
  });

  it('writes the method as the report states it', () => {
    expect(methodText(params, 6)).toBe(
      '全部 ≥ 300,000.00 元的支付，以及其余支付中按种子 a1b2c3d4 随机抽取的 20 %（6 笔）',
    );
    expect(methodText(params, 6, 'en')).toContain('seed a1b2c3d4 (6)');
  });
});
