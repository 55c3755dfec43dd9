import type { MatrixPart } from './matrix-row.ts';

/** The authorization matrix's rows for the account check (账务核查), and the requests its operations make. */
export const part: MatrixPart = {
  rows: {},
  request: async () => undefined,
};
