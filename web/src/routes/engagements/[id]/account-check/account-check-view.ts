import type { PaymentCheck, PaymentContent } from '@jixiao/core/key-evaluation/account-check.ts';
import type { AccountCheckTotals } from '@jixiao/core/key-evaluation/account-check-totals.ts';
import type { PaperState } from '@jixiao/core/key-evaluation/paper-state.ts';

/** What GET /engagements/{id}/account-check answers (functions/src/key-evaluation/account-check-operations.ts). */
export interface Payment extends PaymentContent {
  id: string;
  version: number;
  importId: string | null;
  line: number | null;
  check: PaymentCheck | null;
  checkedAt: string | null;
  checkedByName: string | null;
  sampleReason: 'THRESHOLD' | 'RANDOM' | null;
  amendment?: { reason: string; byName: string; at: string };
}

export interface Draw {
  seed: string;
  thresholdFen: number;
  sharePct: number;
  populationCount: number;
  aboveThreshold: number;
  random: number;
  at: string;
  byName: string;
}

export interface AccountCheckView {
  engagementId: string;
  paperState: PaperState;
  version: number | null;
  amendment: { reason: string; byName: string; at: string } | null;
  sample: (Draw & { current: boolean; method: { 'zh-CN': string; en: string } }) | null;
  draws: Draw[];
  imports: { id: string; fileName: string; format: string; rowCount: number; totalLines: number[]; at: string }[];
  totals: AccountCheckTotals;
  items: Payment[];
  limits: { maxPayments: number; maxImportFileBytes: number; paymentsPerTransaction: number };
}
