import type { MatrixPart } from './matrix-row.ts';

/** The authorization matrix's rows for the engagement's steps after fieldwork, the reviews, the lock and amendments, and the requests its operations make. */
export const part: MatrixPart = {
  rows: {},
  request: async () => undefined,
};
