import type { PaymentCheck, PaymentContent } from '@jixiao/core/key-evaluation/account-check.ts';
import type { AmendmentMark } from '#functions/key-evaluation/paper-lock.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';

/** One draw of the sample: its parameters (stated in the report) and who drew it, when. */
export interface AccountCheckDraw {
  seed: string;
  thresholdFen: number;
  sharePct: number;
  /** The population the draw was made from (core's populationKey): a changed list makes the draw out of date. */
  populationKey: string;
  populationCount: number;
  aboveThreshold: number;
  random: number;
  at: string;
  by: string;
  byName: string;
}

/** One imported file: what it held and who brought it in. */
export interface AccountCheckImport {
  id: string;
  fileName: string;
  format: 'CSV' | 'XLSX';
  sha256: string;
  rowCount: number;
  totalLines: number[];
  at: string;
  by: string;
}

/**
 * The account check of one engagement (its id is the engagement's): the draws, the latest last and in force, and
 * the imports. Made by the first draw or import.
 */
export interface StoredAccountCheck extends StoredRecord {
  engagementId: string;
  draws: AccountCheckDraw[];
  imports: AccountCheckImport[];
  amendment?: AmendmentMark;
}

export const accountCheckKind: RecordKind = {
  type: 'account-check',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
};

/** One payment of the project: as listed or entered, and, once sampled and checked, its check. */
export interface StoredPayment extends StoredRecord, PaymentContent {
  engagementId: string;
  /** The import it came from and its line there; null for a payment entered by hand. */
  importId: string | null;
  line: number | null;
  check: PaymentCheck | null;
  checkedAt: string | null;
  checkedByName: string | null;
  createdAt: string;
  amendment?: AmendmentMark;
}

/** Payments, listed per engagement (at most 5,000: core's maxPayments) in the order they were added. */
export const accountPaymentKind: RecordKind = {
  type: 'account-check-payment',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: ['payee', 'reference'],
  uniqueFields: [],
};
