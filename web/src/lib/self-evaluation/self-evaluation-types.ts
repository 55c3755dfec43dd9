import type { FieldError } from '@jixiao/core/problem.ts';
import type { ScoreSheetView } from '@jixiao/core/self-evaluation/score-sheet-view.ts';
import type { SelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import type { EvidenceEndpoints } from '#lib/keyed-evidence.svelte.ts';

/** A self-evaluation as the API sends it: the record, its score sheet, the rules it breaks, flags and claims. */
export type SelfEvaluationWithSheet = SelfEvaluation & {
  sheet: ScoreSheetView;
  checks: FieldError[];
  flags: FieldError[];
  claims: {
    pointer: string;
    rowId: string | null;
    claimed: number;
    computed: number;
    difference: number;
    cause: string;
    message: { 'zh-CN': string; en: string };
  }[];
};

/** What the API answers when a row's evidence list is saved: the record's version and every row's files. */
export type RowEvidenceSaved = Pick<SelfEvaluationWithSheet, 'id' | 'version' | 'rowAttachments'>;

/** Where a self-evaluation keeps its evidence files, per row (`#lib/components/attachments-field.svelte`). */
export const rowEvidenceAt = (selfEvaluationId: string): EvidenceEndpoints => ({
  record: `/self-evaluations/${selfEvaluationId}`,
  uploads: 'row-attachment-uploads',
  lists: 'row-attachments',
  keyField: 'rowId',
});
