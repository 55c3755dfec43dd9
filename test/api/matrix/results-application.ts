import type { MatrixPart } from './matrix-row.ts';

/** The authorization matrix's rows for results application (结果应用), and the requests its operations make. */
export const part: MatrixPart = {
  rows: {},
  request: async () => undefined,
};
