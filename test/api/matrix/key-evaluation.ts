import { part as accountCheck } from './account-check.ts';
import { part as conclusion } from './conclusion.ts';
import { part as evaluationReport } from './evaluation-report.ts';
import { part as findings } from './findings.ts';
import type { MatrixContext, MatrixPart, MatrixRequest, Row } from './matrix-row.ts';
import { part as rectificationSources } from './rectification-sources.ts';
import { part as resultsApplication } from './results-application.ts';
import { part as scoringPapers } from './scoring-papers.ts';

const parts: readonly MatrixPart[] = [
  conclusion,
  scoringPapers,
  accountCheck,
  findings,
  evaluationReport,
  resultsApplication,
  rectificationSources,
];

/** Every row of issue 13's features. */
export const keyEvaluationRows: Record<string, Row> = Object.assign({}, ...parts.map((p) => p.rows));

/** The request of the feature that owns `operationId`, if it makes its own. */
export const keyEvaluationRequest = async (context: MatrixContext): Promise<MatrixRequest> => {
  const owner = parts.find((p) => context.operationId in p.rows);
  return owner ? owner.request(context) : undefined;
};
