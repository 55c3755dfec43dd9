/**
 * A worksheet as cells, the way a spreadsheet reader hands it over (docs/domain/self-evaluation.md,
 * "Checking a filled table"): only what the table check needs, no I/O. Rows and columns count from 1,
 * as the cell reference does ("F14" is row 14, column 6).
 */
export interface GridCell {
  /** "F14". */
  ref: string;
  row: number;
  col: number;
  /**
   * The cell as a person reads it: text as written; a number as its exact decimal ("12.35", never
   * "12.350000000000001"); a percentage-formatted number as "86.19%"; a date-formatted number as
   * "2023-12-31"; a boolean as TRUE/FALSE; an error as Excel prints it ("#DIV/0!").
   */
  text: string;
  /** The number stored, for number, percent and date cells (a date's serial day). */
  number?: number;
  kind: 'text' | 'number' | 'percent' | 'date' | 'boolean' | 'error';
}

/** A merged range: "A5:A9" runs from row 5, column 1 to row 9, column 1. */
export interface MergedRange {
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface GridSheet {
  name: string;
  hidden: boolean;
  /** Non-empty cells only, row by row and left to right. */
  cells: GridCell[];
  merges: MergedRange[];
}

export interface CellGrid {
  sheets: GridSheet[];
}

export const columnLetters = (col: number): string => {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

export const cellRef = (row: number, col: number): string => `${columnLetters(col)}${row}`;

/** "F14" → { row: 14, col: 6 }; undefined when it is not an A1 reference. */
export const parseCellRef = (ref: string): { row: number; col: number } | undefined => {
  const m = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/.exec(ref.trim().toUpperCase());
  if (!m) return undefined;
  const col = [...m[1]!].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  return { row: Number(m[2]), col };
};

/** "A5:A9" (or a single "A5") as a range; undefined when it is not one. */
export const parseRange = (ref: string): MergedRange | undefined => {
  const [a, b = a] = ref.split(':');
  const start = a ? parseCellRef(a) : undefined;
  const end = b ? parseCellRef(b) : undefined;
  if (!start || !end) return undefined;
  return {
    ref: ref.toUpperCase(),
    top: Math.min(start.row, end.row),
    left: Math.min(start.col, end.col),
    bottom: Math.max(start.row, end.row),
    right: Math.max(start.col, end.col),
  };
};
