import type { Engagement } from '#core/fieldwork/engagement.ts';
import { paperScore } from '#core/key-evaluation/engagement-score.ts';
import { evidenceCount, type ScoringPaper } from '#core/key-evaluation/scoring-paper.ts';
import { describeScoringPaper } from '#core/key-evaluation/scoring-paper-messages.ts';
import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';

export type PaperForReadiness = Pick<ScoringPaper, 'indicatorId' | 'standard' | 'evidence' | 'scoring' | 'surveyRate'>;

/**
 * Rule 10, its second half (docs/domain/key-evaluation.md#scoring-papers): no final report while any level-3
 * indicator lacks its evaluation standard, an evidence link or a score. One error per missing thing, pointing at
 * `/indicators/<indicatorId>`, in the framework's order; an empty list means the papers are ready.
 */
export const reportProblems = (
  engagement: Pick<Engagement, 'indicators'>,
  papers: readonly PaperForReadiness[],
  language: Language = 'zh-CN',
): FieldError[] => {
  const byIndicator = new Map(papers.map((p) => [p.indicatorId, p]));
  return engagement.indicators.flatMap((indicator) => {
    const paper = byIndicator.get(indicator.id);
    const pointer = `/indicators/${indicator.id}`;
    const error = (code: string): FieldError => ({
      pointer,
      code,
      message: describeScoringPaper(code, language, { name: indicator.name }),
    });
    const errors: FieldError[] = [];
    // Before its paper is saved the indicator keeps the plan's standard (the plan's approval required one).
    if ((paper?.standard ?? indicator.standard).trim() === '') errors.push(error('indicator_standard_missing'));
    if (!paper || evidenceCount(paper.evidence) === 0) errors.push(error('indicator_evidence_missing'));
    if (paperScore(paper, indicator).exact === null) errors.push(error('indicator_not_scored'));
    return errors;
  });
};
