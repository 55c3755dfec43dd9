import { engagementScore } from '@jixiao/core/key-evaluation/engagement-score.ts';
import { reportProblems } from '@jixiao/core/key-evaluation/report-readiness.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import type { StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { readScoringPapers } from '#functions/key-evaluation/scoring-paper-kind.ts';
import { engagementFacts, rectificationOf, startRectification } from '#functions/monitoring/rectification-start.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';

/**
 * What the conclusion's steps ask of the papers: rule 10 (every indicator with its standard, evidence and score), the
 * score and grade the final report fixes (the self-evaluation engine's rounding and grade bands of the tenant and year),
 * and the rectification a result notice orders, started the one way every source starts one.
 */
export const conclusionPapers = (store: RecordStore) => {
  const settings = scoringSettingsOperations(store);

  const problems = async (request: OperationRequest, e: StoredEngagement): Promise<FieldError[]> => {
    const papers = await readScoringPapers(store, request.principal.tenant, e.id);
    return reportProblems(e, papers, request.language);
  };

  const score = async (request: OperationRequest, e: StoredEngagement) => {
    const papers = await readScoringPapers(store, request.principal.tenant, e.id);
    const sheet = engagementScore(e, papers, await settings.scoringFor(request.principal.tenant, e.fiscalYear));
    // Rule 10 was checked first: an incomplete sheet here means the papers moved in between, and the caller retries.
    if (!sheet.complete || sheet.grade === null) throw new HttpProblem('version-conflict');
    return { score: sheet.total, grade: sheet.grade };
  };

  /**
   * The result notice's rectification, as a write of the step's transaction. Refused when the bureau already started
   * one from this evaluation after its final report (the id is the source's: a second one cannot be made).
   */
  const rectification = async (
    request: OperationRequest,
    e: StoredEngagement,
    notice: { requirements: string; dueDate: string },
    opinion: string,
  ) => {
    const tenant = request.principal.tenant;
    if (await rectificationOf(store, tenant, 'KEY_EVALUATION', e.id)) {
      throw new HttpProblem('rules-not-met', {
        errors: [
          {
            pointer: '/rectification',
            code: 'rectification_already_started',
            message:
              request.language === 'en'
                ? 'A rectification was already started from this evaluation'
                : '已从本次评价下达过整改通知',
          },
        ],
      });
    }
    const facts = await engagementFacts(store, tenant, e);
    return startRectification({ ...facts, ...notice, opinion }, request);
  };

  return { problems, score, rectification };
};
