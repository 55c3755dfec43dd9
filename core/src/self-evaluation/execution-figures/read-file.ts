import { decodeText, type TextEncoding } from '#core/self-evaluation/execution-figures/decode-text.ts';
import { parseCsv, type TextRow } from '#core/self-evaluation/execution-figures/parse-csv.ts';
import {
  csvError,
  notTextError,
  type ReadResult,
  readExecutionFigures,
  type SourceVocabulary,
} from '#core/self-evaluation/execution-figures/read-execution-figures.ts';
import type { GridSheet } from '#core/self-evaluation/table-check/cell-grid.ts';

/** A CSV export read into figures, with the encoding it was decoded from (docs/domain/self-evaluation.md#execution-figures). */
export const readCsvFigures = (
  bytes: Uint8Array,
  fiscalYear: number,
  vocabulary?: SourceVocabulary,
): ReadResult & { encoding: TextEncoding | null } => {
  const decoded = decodeText(bytes);
  const refused = {
    figures: [],
    units: { annualBudget: null, executed: '元' as const },
    totalLines: [],
    codeColumn: null,
    encoding: null,
  };
  if (!decoded.ok) return { ...refused, errors: [notTextError] };
  const csv = parseCsv(decoded.text);
  if (!csv.ok) return { ...refused, encoding: decoded.encoding, errors: [csvError(csv.line, csv.problem)] };
  return { ...readExecutionFigures(csv.rows, fiscalYear, vocabulary), encoding: decoded.encoding };
};

/** A worksheet's cells as rows of text, each row numbered as the sheet numbers it. */
export const sheetRows = (sheet: GridSheet): TextRow[] => {
  const rows = new Map<number, string[]>();
  for (const cell of sheet.cells) {
    const cells = rows.get(cell.row) ?? [];
    cells[cell.col - 1] = cell.text;
    rows.set(cell.row, cells);
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([line, cells]) => ({ line, cells: Array.from(cells, (c) => c ?? '') }));
};

/**
 * A workbook's figures: read from the first visible sheet that has the header (a title sheet or a
 * notes sheet before it is passed over); the first sheet's answer when none has.
 */
export const readWorkbookFigures = (
  sheets: readonly GridSheet[],
  fiscalYear: number,
  vocabulary?: SourceVocabulary,
): ReadResult => {
  let first: ReadResult | undefined;
  for (const sheet of sheets.filter((s) => !s.hidden)) {
    const result = readExecutionFigures(sheetRows(sheet), fiscalYear, vocabulary);
    if (!result.errors.some((e) => e.code === 'header_not_found')) return result;
    first ??= result;
  }
  return first ?? readExecutionFigures([], fiscalYear, vocabulary);
};
