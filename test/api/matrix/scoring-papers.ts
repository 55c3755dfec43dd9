import type { MatrixPart } from './matrix-row.ts';

/** The authorization matrix's rows for scoring papers (绩效指标底稿), and the requests its operations make. */
export const part: MatrixPart = {
  rows: {},
  request: async () => undefined,
};
