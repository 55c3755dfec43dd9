import type { MatrixPart } from './matrix-row.ts';

/** The authorization matrix's rows for findings and the exchange of opinions, and the requests its operations make. */
export const part: MatrixPart = {
  rows: {},
  request: async () => undefined,
};
