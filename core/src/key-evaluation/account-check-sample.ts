import { mulberry32 } from '#core/self-evaluation/spot-check-sample.ts';

/**
 * The account check's sample (docs/domain/key-evaluation.md#the-account-check), pure. The population is every
 * payment of the engagement; every payment at or above the threshold is in the sample; of the rest,
 * ceil(share × their count) are drawn at random — rounded up, so a share above 0 of a non-empty rest draws at least
 * one. The dice are mulberry32 seeded from the recorded seed, over the rest in a fixed order (payment date, payee,
 * amount, reference, id), so the same seed and the same list always draw the same sample, whatever order the list
 * came in.
 */

export interface SamplePayment {
  id: string;
  paymentDate: string;
  payee: string;
  amountFen: number;
  reference: string;
}

export interface SampleParameters {
  /** Hex, as recorded. */
  seed: string;
  thresholdFen: number;
  /** Percent of the payments below the threshold drawn at random (0–100). */
  sharePct: number;
}

export type SampleReason = 'THRESHOLD' | 'RANDOM';

export interface AccountSample {
  /** Sampled payment ids with why each is in. */
  reasons: Map<string, SampleReason>;
  aboveThreshold: number;
  random: number;
}

/** FNV-1a over the text: the 32-bit seed for mulberry32 (the spot check's own rule). */
const seed32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
};

const order = (a: SamplePayment, b: SamplePayment): number =>
  a.paymentDate.localeCompare(b.paymentDate) ||
  (a.payee < b.payee ? -1 : a.payee > b.payee ? 1 : 0) ||
  a.amountFen - b.amountFen ||
  (a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : 0) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** How many of `rest` payments the share draws: ceil(share × rest / 100), exactly. */
export const randomCount = (rest: number, sharePct: number): number => Math.ceil((sharePct * rest) / 100);

export const drawAccountSample = (payments: readonly SamplePayment[], p: SampleParameters): AccountSample => {
  const reasons = new Map<string, SampleReason>();
  const rest: SamplePayment[] = [];
  for (const payment of [...payments].sort(order)) {
    if (payment.amountFen >= p.thresholdFen) reasons.set(payment.id, 'THRESHOLD');
    else rest.push(payment);
  }
  const aboveThreshold = reasons.size;
  const wanted = Math.min(rest.length, randomCount(rest.length, p.sharePct));
  const random = mulberry32(seed32(`account-check|${p.seed}`));
  // Fisher–Yates, stopped after the places needed.
  for (let i = 0; i < wanted; i++) {
    const j = i + Math.floor(random() * (rest.length - i));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
    reasons.set(rest[i]!.id, 'RANDOM');
  }
  return { reasons, aboveThreshold, random: wanted };
};

/**
 * A digest of the population a sample was drawn from (its ids and amounts, in order): when the list changes after a
 * draw, the draw no longer describes it, and the sample must be drawn again before payments are checked.
 */
export const populationKey = (payments: readonly SamplePayment[]): string => {
  let h = 0x811c9dc5;
  let g = 0x9747b28c;
  for (const p of [...payments].sort(order)) {
    const text = `${p.id}|${p.amountFen}|${p.paymentDate}|${p.payee}|${p.reference};`;
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
      g = Math.imul(g ^ text.charCodeAt(i), 0x5bd1e995) >>> 0;
    }
  }
  return `${payments.length}:${h.toString(16).padStart(8, '0')}${g.toString(16).padStart(8, '0')}`;
};

/** 元 as the report writes them: thousands separated, two decimals ("1,234,567.80"). */
export const yuanText = (fen: number): string => {
  const whole = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${whole.toLocaleString('en-US')}.${cents}`;
};

/** The method as the report states it: "全部 ≥ X 元的支付，以及其余支付中按种子 S 随机抽取的 P %（n 笔）". */
export const methodText = (p: SampleParameters, randomDrawn: number, language: 'zh-CN' | 'en' = 'zh-CN'): string =>
  language === 'en'
    ? `Every payment of ${yuanText(p.thresholdFen)} yuan or more, and ${p.sharePct} % of the others drawn at random with seed ${p.seed} (${randomDrawn})`
    : `全部 ≥ ${yuanText(p.thresholdFen)} 元的支付，以及其余支付中按种子 ${p.seed} 随机抽取的 ${p.sharePct} %（${randomDrawn} 笔）`;
