/**
 * The few looks an official table needs (项目支出绩效目标申报表 and the like), named by role rather
 * than by formatting so every export draws the same kind of cell the same way:
 * - title: bold 14pt, centred, no border (the heading above the table);
 * - header: bold, centred, grey fill, thin border, wrapped (column headings);
 * - label: bold, left, thin border, wrapped (row headings such as 项目名称);
 * - text: left, top-aligned, thin border, wrapped (free text, often several lines);
 * - number / integer / money: right-aligned, thin border; General, '0' and '#,##0.00'.
 */
export type CellStyle = 'title' | 'header' | 'label' | 'text' | 'number' | 'integer' | 'money';

/** Dates are left to the caller as text: the tables show them as written, not as serial numbers. */
export type CellValue = string | number | null;

export interface Cell {
  value: CellValue;
  /** Defaults to 'text' for a string and 'number' for a number; a null without a style is not written. */
  style?: CellStyle;
}

export interface Sheet {
  /** At most 31 characters, none of : \ / ? * [ ] ; and unique in the workbook ignoring case. */
  name: string;
  /** In Excel character units, by column index; a hole keeps Excel's default width. */
  columnWidths?: number[];
  /**
   * A bare string is a 'text' cell and a bare number a 'number' cell; null is an empty cell. Cells
   * covered by a merge must be empty: they take the style of the merge's top-left cell, so its
   * border is drawn around the whole merged area.
   */
  rows: (Cell | CellValue)[][];
  /** A1-style ranges such as 'A1:K1', each of two cells or more, none overlapping another. */
  merges?: string[];
  /** 0-based row index → height in points. */
  rowHeights?: Record<number, number>;
  /** Landscape A4, scaled to fit one page wide (as many pages tall as it takes). */
  landscape?: boolean;
  /** Rows kept in view at the top while scrolling, e.g. the title and the column headings. */
  freezeRows?: number;
}

export interface Workbook {
  sheets: Sheet[];
  /** Shown as the author in the file's properties. */
  creator?: string;
  /** ISO 8601 creation time for the file's properties; fix it to get byte-identical output. */
  createdAt?: string;
}
