import type { FieldError } from '@jixiao/core/problem.ts';
import type { ScoreSheetView } from '@jixiao/core/self-evaluation/score-sheet-view.ts';
import type { SelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';

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
