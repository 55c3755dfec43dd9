import * as v from 'valibot';
import { type Attachment, attachment } from '#core/evidence/attachment.ts';
import { formulaInput } from '#core/key-evaluation/formula-indicator.ts';
import type { Localized } from '#core/language.ts';
import { anyId, settingsVersion, text, uuidV7Id } from '#core/schema-parts.ts';

/**
 * A scoring paper (绩效指标底稿, docs/domain/key-evaluation.md#scoring-papers): one per level-3 indicator of the
 * approved framework, written by the commissioned agency's lead. The weight is the indicator's points and is not
 * the paper's to change; the score is worked out from the paper (engagement-score.ts), never typed.
 */

/** Points and hundredths ("1", "0.5"): a deduction as the standard states it. */
const deductionPoints = v.pipe(
  v.string(),
  v.regex(/^\d{1,3}(\.\d{1,2})?$/, 'points'),
  v.check((s) => Number(s) > 0, 'points'),
);

export const deduction = v.strictObject({
  points: deductionPoints,
  /** Why (每发现一处不符扣 1 分: which discrepancy). */
  reason: text(1, 300),
});
export type Deduction = v.InferOutput<typeof deduction>;

export const scoringMethods = {
  JUDGEMENT: { 'zh-CN': '定性评判（扣分）', en: 'Judgement (deductions)' },
  FORMULA: { 'zh-CN': '公式计算', en: 'Formula' },
  SATISFACTION: { 'zh-CN': '满意度调查', en: 'Satisfaction survey' },
} as const satisfies Record<string, Localized>;
export type ScoringMethod = keyof typeof scoringMethods;

/**
 * How the indicator is scored: points less the deductions; a formula from entered figures; or the survey's
 * combined satisfaction rate against a target rate (percent).
 */
export const paperScoring = v.variant('method', [
  v.strictObject({
    method: v.literal('JUDGEMENT'),
    deductions: v.pipe(v.array(deduction), v.maxLength(30, 'max_items')),
  }),
  v.strictObject({ method: v.literal('FORMULA'), ...formulaInput.entries }),
  v.strictObject({
    method: v.literal('SATISFACTION'),
    target: v.pipe(
      v.string(),
      v.regex(/^\d{1,3}(\.\d{1,2})?$/, 'points'),
      v.check((s) => Number(s) <= 100, 'max_value'),
    ),
  }),
]);
export type PaperScoring = v.InferOutput<typeof paperScoring>;

/** What the paper rests on: the engagement's field records and photos, and questionnaires of its plan. */
/** At most this many documents on one paper: the paper lists them all. */
export const maxPaperDocuments = 20;

export const paperEvidence = v.strictObject({
  recordIds: v.pipe(v.array(uuidV7Id), v.maxLength(50, 'max_items')),
  photoIds: v.pipe(v.array(uuidV7Id), v.maxLength(100, 'max_items')),
  questionnaireIds: v.pipe(v.array(uuidV7Id), v.maxLength(8, 'max_items')),
  /**
   * Documents uploaded for the paper (the department's ledgers, contracts, vouchers as PDF or scans): each in the
   * evidence bucket at the paper's own key, as its upload asked; a paper saved before documents existed has none.
   * A save that leaves the list out keeps the paper's documents as they are, so a client that knows nothing of
   * them never drops them; a save that sends it sets it.
   */
  documents: v.optional(v.pipe(v.array(attachment), v.maxLength(maxPaperDocuments, 'max_items'))),
});
/** As stored: a paper saved before documents existed has no `documents`. */
export type PaperEvidence = v.InferInput<typeof paperEvidence>;

const paperFields = {
  /** 评价标准: the plan's 评分标准 unless the paper states its own. */
  standard: text(0, 500),
  /** 数据来源. */
  dataSource: text(0, 500),
  evidence: paperEvidence,
  /** 核查情况. */
  verification: text(0, 2000),
  /** Null until the agency scores the indicator. */
  scoring: v.nullable(paperScoring),
  /** 偏差金额或数量. */
  deviation: text(0, 200),
  /** 原因分析. */
  causeAnalysis: text(0, 2000),
  /** 责任主体. */
  responsibleParty: text(0, 200),
  /** 整改建议. */
  suggestion: text(0, 2000),
};

/**
 * Saving a paper: the whole paper at the version read (0 creates it). After the final report a save is an
 * amendment and carries its reason (docs/domain/key-evaluation.md#the-lock).
 */
export const saveScoringPaper = v.strictObject({
  version: settingsVersion,
  amendmentReason: v.optional(text(0, 500)),
  ...paperFields,
});
export type SaveScoringPaper = v.InferOutput<typeof saveScoringPaper>;

export const scoringPaperParams = v.strictObject({ id: anyId, indicatorId: uuidV7Id });
export const paperDocumentParams = v.strictObject({ id: anyId, indicatorId: uuidV7Id, attachmentId: anyId });

/** A paper as stored: its id is the indicator's, so an indicator has exactly one. */
export interface ScoringPaper extends Omit<SaveScoringPaper, 'version' | 'amendmentReason' | 'evidence'> {
  evidence: PaperEvidence;
  id: string;
  version: number;
  engagementId: string;
  indicatorId: string;
  /**
   * SATISFACTION: the survey's combined rate when the paper was saved (questionnaires below their minimum sample
   * left out; null when none reached it). The score rests on what the paper recorded, so it does not move when a
   * late response syncs; saving the paper again reads the survey again.
   */
  surveyRate: number | null;
  amendment?: { at: string; by: string; byName: string; reason: string };
  updatedAt: string;
  updatedByName?: string;
}

/** An indicator's paper before the agency has saved one: the plan's standard, nothing linked, not scored. */
export const blankPaper = (
  engagementId: string,
  indicator: { id: string; standard: string },
): Omit<ScoringPaper, 'updatedAt'> => ({
  id: indicator.id,
  version: 0,
  engagementId,
  indicatorId: indicator.id,
  standard: indicator.standard,
  dataSource: '',
  evidence: { recordIds: [], photoIds: [], questionnaireIds: [], documents: [] },
  verification: '',
  scoring: null,
  deviation: '',
  causeAnalysis: '',
  responsibleParty: '',
  suggestion: '',
  surveyRate: null,
});

/** The paper's documents; none on a paper saved before documents existed. */
export const paperDocuments = (evidence: Pick<PaperEvidence, 'documents'>): Attachment[] => evidence.documents ?? [];

/** How many things the paper links to. */
export const evidenceCount = (evidence: PaperEvidence): number =>
  evidence.recordIds.length +
  evidence.photoIds.length +
  evidence.questionnaireIds.length +
  paperDocuments(evidence).length;
