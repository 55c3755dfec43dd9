import type { MatrixPart } from './matrix-row.ts';

/** The authorization matrix's rows for the evaluation report, and the requests its operations make. */
export const part: MatrixPart = {
  rows: {},
  request: async () => undefined,
};
