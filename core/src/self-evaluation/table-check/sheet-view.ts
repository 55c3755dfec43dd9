import type { GridCell, GridSheet, MergedRange } from '#core/self-evaluation/table-check/cell-grid.ts';
import { sheetRef } from '#core/self-evaluation/table-check/table-finding.ts';
import { fold } from '#core/self-evaluation/table-check/table-text.ts';

/**
 * A sheet seen the way a person reads a printed table: a merged cell shows its text over its whole
 * area, labels are matched on their words with spaces and full-width forms folded away.
 */
export interface SheetView {
  name: string;
  cells: GridCell[];
  lastRow: number;
  lastCol: number;
  /** The cell stored at this position (not what a merge shows there). */
  at: (row: number, col: number) => GridCell | undefined;
  /** What a reader sees at this position: the merge's top-left cell when one covers it. */
  shown: (row: number, col: number) => GridCell | undefined;
  mergeAt: (row: number, col: number) => MergedRange | undefined;
  /** The merges that start in this row. */
  mergesIn: (row: number) => MergedRange[];
  /** The cells stored in this row, left to right. */
  inRow: (row: number) => GridCell[];
  /** "Sheet1!F14". */
  ref: (row: number, col: number) => string;
  /** The first cell, row by row, whose folded text matches. */
  find: (test: (folded: string) => boolean, from?: number, to?: number) => GridCell | undefined;
}

export const viewOf = (sheet: GridSheet): SheetView => {
  const cells = [...sheet.cells].sort((a, b) => a.row - b.row || a.col - b.col);
  const byPos = new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
  const mergeOf = new Map<string, MergedRange>();
  for (const m of sheet.merges) {
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) mergeOf.set(`${r},${c}`, m);
  }
  const folded = new Map(cells.map((c) => [c, fold(c.text)]));
  const rows = new Map<number, GridCell[]>();
  for (const c of cells) {
    const row = rows.get(c.row);
    if (row) row.push(c);
    else rows.set(c.row, [c]);
  }
  const startingIn = new Map<number, MergedRange[]>();
  for (const m of sheet.merges) startingIn.set(m.top, [...(startingIn.get(m.top) ?? []), m]);
  const at = (row: number, col: number) => byPos.get(`${row},${col}`);
  const mergeAt = (row: number, col: number) => mergeOf.get(`${row},${col}`);
  return {
    name: sheet.name,
    cells,
    lastRow: Math.max(0, ...cells.map((c) => c.row), ...sheet.merges.map((m) => m.bottom)),
    lastCol: Math.max(0, ...cells.map((c) => c.col), ...sheet.merges.map((m) => m.right)),
    at,
    mergeAt,
    shown: (row, col) => {
      const m = mergeAt(row, col);
      return m ? at(m.top, m.left) : at(row, col);
    },
    mergesIn: (row) => startingIn.get(row) ?? [],
    inRow: (row) => rows.get(row) ?? [],
    ref: (row, col) => {
      let name = '';
      for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
      return sheetRef(sheet.name, `${name}${row}`);
    },
    find: (test, from = 1, to = Number.POSITIVE_INFINITY) =>
      cells.find((c) => c.row >= from && c.row <= to && test(folded.get(c) ?? '')),
  };
};
