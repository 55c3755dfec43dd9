import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import type { FrameworkIndicator } from '@jixiao/core/fieldwork/engagement.ts';
import type { EngagementScore } from '@jixiao/core/key-evaluation/engagement-score.ts';
import { defaultRules, type FormulaKind, suggestedFormula } from '@jixiao/core/key-evaluation/formula-indicator.ts';
import type { PaperState } from '@jixiao/core/key-evaluation/paper-state.ts';
import { type PaperScoring, paperDocuments, type ScoringPaper } from '@jixiao/core/key-evaluation/scoring-paper.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import type { ScoreRounding } from '@jixiao/core/self-evaluation/score-rounding.ts';

/** What GET /engagements/{id}/scoring-papers answers (functions/src/key-evaluation/scoring-paper-operations.ts). */
export interface ScoringSheet {
  engagementId: string;
  engagementVersion: number;
  papersState: PaperState;
  papers: ScoringPaper[];
  score: EngagementScore;
  problems: FieldError[];
  rounding: ScoreRounding;
}

export type DraftMethod = 'NONE' | PaperScoring['method'];

/** A paper as its form edits it: every figure as typed, every method's inputs kept while another is chosen. */
export interface PaperDraft {
  standard: string;
  dataSource: string;
  verification: string;
  deviation: string;
  causeAnalysis: string;
  responsibleParty: string;
  suggestion: string;
  recordIds: string[];
  photoIds: string[];
  questionnaireIds: string[];
  /** Uploaded documents: one uploaded in the form is listed by the paper only once the paper is saved. */
  documents: Attachment[];
  method: DraftMethod;
  deductions: { points: string; reason: string }[];
  formula: FormulaKind;
  numerator: string;
  denominator: string;
  ruleKind: 'PROPORTIONAL' | 'THRESHOLD';
  fullAt: string;
  perPercent: string;
  target: string;
  amendmentReason: string;
}

/** The form for a paper: as saved, or a new one on the formula its indicator's name suggests. */
export const draftOf = (paper: ScoringPaper, indicator: Pick<FrameworkIndicator, 'name' | 'level2'>): PaperDraft => {
  const s = paper.scoring;
  const suggested = suggestedFormula(indicator.name);
  const formula = s?.method === 'FORMULA' ? s.formula : (suggested ?? 'OUTPUT_COMPLETION');
  const rule = s?.method === 'FORMULA' ? s.rule : defaultRules[formula];
  return {
    standard: paper.standard,
    dataSource: paper.dataSource,
    verification: paper.verification,
    deviation: paper.deviation,
    causeAnalysis: paper.causeAnalysis,
    responsibleParty: paper.responsibleParty,
    suggestion: paper.suggestion,
    recordIds: [...paper.evidence.recordIds],
    photoIds: [...paper.evidence.photoIds],
    questionnaireIds: [...paper.evidence.questionnaireIds],
    documents: [...paperDocuments(paper.evidence)],
    // A new paper starts on the survey for satisfaction, on its formula where the name suggests one, else unscored.
    method: s ? s.method : indicator.name.includes('满意') ? 'SATISFACTION' : suggested ? 'FORMULA' : 'NONE',
    deductions: s?.method === 'JUDGEMENT' ? s.deductions.map((d) => ({ ...d })) : [],
    formula,
    numerator: s?.method === 'FORMULA' ? s.numerator : '',
    denominator: s?.method === 'FORMULA' ? s.denominator : '',
    ruleKind: rule.kind,
    fullAt: rule.kind === 'THRESHOLD' ? rule.fullAt : '95',
    perPercent: rule.kind === 'THRESHOLD' ? rule.perPercent : '0.5',
    target: s?.method === 'SATISFACTION' ? s.target : '90',
    amendmentReason: '',
  };
};

/** The rule a formula starts with when the evaluator picks it (its defaults, every number editable). */
export const withFormula = (draft: PaperDraft, formula: FormulaKind): PaperDraft => {
  const rule = defaultRules[formula];
  return {
    ...draft,
    formula,
    ruleKind: rule.kind,
    fullAt: rule.kind === 'THRESHOLD' ? rule.fullAt : draft.fullAt,
    perPercent: rule.kind === 'THRESHOLD' ? rule.perPercent : draft.perPercent,
  };
};

export const scoringOf = (draft: PaperDraft): PaperScoring | null => {
  switch (draft.method) {
    case 'NONE':
      return null;
    case 'JUDGEMENT':
      return { method: 'JUDGEMENT', deductions: draft.deductions.map((d) => ({ ...d })) };
    case 'FORMULA':
      return {
        method: 'FORMULA',
        formula: draft.formula,
        numerator: draft.numerator.trim(),
        denominator: draft.denominator.trim(),
        rule:
          draft.ruleKind === 'PROPORTIONAL'
            ? { kind: 'PROPORTIONAL' }
            : { kind: 'THRESHOLD', fullAt: draft.fullAt.trim(), perPercent: draft.perPercent.trim() },
      };
    case 'SATISFACTION':
      return { method: 'SATISFACTION', target: draft.target.trim() };
  }
};

/** The body of POST …/scoring-papers/{indicatorId} at the paper's version; the reason only after the lock. */
export const bodyOf = (draft: PaperDraft, version: number, locked: boolean) => ({
  version,
  ...(locked ? { amendmentReason: draft.amendmentReason } : {}),
  standard: draft.standard,
  dataSource: draft.dataSource,
  // The whole list each time: a paper saved without a document no longer lists it.
  evidence: {
    recordIds: draft.recordIds,
    photoIds: draft.photoIds,
    questionnaireIds: draft.questionnaireIds,
    documents: draft.documents,
  },
  verification: draft.verification,
  scoring: scoringOf(draft),
  deviation: draft.deviation,
  causeAnalysis: draft.causeAnalysis,
  responsibleParty: draft.responsibleParty,
  suggestion: draft.suggestion,
});

/** Adds or removes an id from a list of links, keeping the order they were ticked in. */
export const toggled = (ids: readonly string[], id: string, on: boolean): string[] =>
  on ? (ids.includes(id) ? [...ids] : [...ids, id]) : ids.filter((x) => x !== id);

/** Whether the form's documents differ from the paper's as saved (added or removed, not yet saved). */
export const documentsChanged = (
  draft: Pick<PaperDraft, 'documents'>,
  paper: Pick<ScoringPaper, 'evidence'>,
): boolean => {
  const saved = paperDocuments(paper.evidence);
  return draft.documents.length !== saved.length || draft.documents.some((d, i) => d.id !== saved[i]?.id);
};
