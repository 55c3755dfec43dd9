import * as v from 'valibot';
import { isoDate, text, uuidV7Id, version } from '#core/schema-parts.ts';

/**
 * The account check (账务核查 / 资金支付核验) of a key evaluation (docs/domain/key-evaluation.md#the-account-check):
 * the project's payments, a sample drawn from them (every payment at or above a threshold, plus a seeded random
 * share of the rest), and for each sampled payment a check against the budget, the contract and the voucher.
 */

/** At most this many payments per engagement: more is refused (422), never cut. */
export const maxPayments = 5_000;
/** The largest file an import reads (2 MiB: 5,000 payments as CSV are well under 1 MiB). */
export const maxImportFileBytes = 2 * 1024 * 1024;
/**
 * One payment's ceiling, 100亿元 in fen: 5,000 of them still add up below 2^53, so totals are exact as numbers.
 */
export const maxPaymentFen = 1_000_000_000_000;
/** Findings one payment may link to. */
export const maxFindingLinks = 20;
/** Draws kept in the history (the latest is the sample in force). */
export const maxDraws = 100;

const fen = v.pipe(v.number(), v.integer('integer'), v.minValue(1), v.maxValue(maxPaymentFen));
const optionalFen = v.nullable(v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(maxPaymentFen)));

/** What a payment says, entered by hand or read from one row of an imported list. */
export const paymentContent = {
  paymentDate: isoDate,
  payee: text(1, 200),
  amountFen: fen,
  /** 合同号或凭证号. */
  reference: text(0, 100),
  /** 指标下达日期. */
  quotaIssueDate: v.nullable(isoDate),
  /** 验收节点. */
  milestone: text(0, 200),
  /** The budget line the payment is charged to (预算项目/科目), and its amount, as context for the check. */
  budgetLine: text(0, 200),
  budgetAmountFen: optionalFen,
};
export type PaymentContent = {
  paymentDate: string;
  payee: string;
  amountFen: number;
  reference: string;
  quotaIssueDate: string | null;
  milestone: string;
  budgetLine: string;
  budgetAmountFen: number | null;
};

const amendmentReason = v.optional(text(0, 500));

export const createPayment = v.strictObject({ id: uuidV7Id, ...paymentContent, amendmentReason });
export const updatePayment = v.strictObject({ version, ...paymentContent, amendmentReason });

export const checkResults = ['OK', 'ABNORMAL', 'NOT_APPLICABLE'] as const;
export type CheckResult = (typeof checkResults)[number];

/** A sampled payment's check: against the budget line, the contract (amount, payee) and the voucher. */
export interface PaymentCheck {
  budget: CheckResult;
  contract: CheckResult;
  voucher: CheckResult;
  abnormal: boolean;
  explanation: string;
  evidenceNumber: string;
  /** Entries of the issue summary (问题汇总表) this payment's problem is listed under. */
  findingIds: string[];
}

export const paymentCheck = v.strictObject({
  version,
  budget: v.picklist(checkResults),
  contract: v.picklist(checkResults),
  voucher: v.picklist(checkResults),
  abnormal: v.boolean(),
  explanation: text(0, 2000),
  evidenceNumber: text(0, 100),
  findingIds: v.pipe(v.array(uuidV7Id), v.maxLength(maxFindingLinks)),
  amendmentReason,
});

export interface CheckProblem {
  pointer: string;
  code: string;
}

/**
 * A check's own rules: a payment found abnormal against any of the three is abnormal; an abnormal payment is
 * explained. (An abnormal payment without any abnormal check is allowed: e.g. a payment before the quota was issued.)
 */
export const checkProblems = (check: PaymentCheck): CheckProblem[] => {
  const problems: CheckProblem[] = [];
  const anyAbnormal = [check.budget, check.contract, check.voucher].includes('ABNORMAL');
  if (anyAbnormal && !check.abnormal) problems.push({ pointer: '/abnormal', code: 'account_check_abnormal_unmarked' });
  if (check.abnormal && check.explanation.trim() === '')
    problems.push({ pointer: '/explanation', code: 'account_check_explanation_required' });
  if (new Set(check.findingIds).size !== check.findingIds.length)
    problems.push({ pointer: '/findingIds', code: 'account_check_finding_repeated' });
  return problems;
};

/** A seed as recorded: 8 to 32 hex digits. */
export const seedPattern = /^[0-9a-f]{8,32}$/;

/** Draw (or redraw) the sample. Without a seed the server makes one, and records it like a given one. */
export const drawSample = v.strictObject({
  /** The account check's version the caller saw; null before the first draw. */
  version: v.nullable(version),
  thresholdFen: v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(maxPaymentFen)),
  sharePct: v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(100)),
  seed: v.optional(v.pipe(v.string(), v.toLowerCase(), v.regex(seedPattern, 'seed_hex'))),
  amendmentReason,
});

export const importPayments = v.strictObject({
  /** The import's own id (UUIDv7): a retried import replays, never duplicates. */
  id: uuidV7Id,
  fileName: text(1, 200),
  /** Checked by the import itself (base64, size), so a bad file gets its own words rather than a schema's. */
  contentBase64: v.string(),
  amendmentReason,
});
