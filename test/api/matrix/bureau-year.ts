import type { MatrixContext, MatrixPart, MatrixRequest, Row } from './matrix-row.ts';
import { part as training } from './training.ts';

const parts: readonly MatrixPart[] = [training];

/** Every row of issue 14's features (the bureau's year: assessment, disclosure, cost standards, training). */
export const bureauYearRows: Record<string, Row> = Object.assign({}, ...parts.map((p) => p.rows));

/** The request of the feature that owns `operationId`, if it makes its own. */
export const bureauYearRequest = async (context: MatrixContext): Promise<MatrixRequest> => {
  const owner = parts.find((p) => context.operationId in p.rows);
  return owner ? owner.request(context) : undefined;
};
