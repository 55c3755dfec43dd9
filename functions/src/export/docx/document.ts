/**
 * A Word document as the reports need it (docs/decisions.md#20-the-evaluation-reports-docx-is-written-by-our-own-writer),
 * named by role rather than by formatting so every report draws the same kind of text the same way. The looks follow
 * GB/T 9704 as district bureaus use it for reports:
 * - title: 宋体 bold 二号 (22 pt), centred;
 * - heading1: 黑体 三号 (16 pt) — "一、基本情况";
 * - heading2: 楷体_GB2312 三号 — "（一）项目概况";
 * - heading3: 仿宋_GB2312 bold 三号 — "1. 立项背景";
 * - body: 仿宋_GB2312 三号, first line indented two characters, 28 pt lines;
 * - note: 仿宋_GB2312 小四 (12 pt), no indent (under a table, "注：…");
 * - table cells: 宋体 五号 (10.5 pt), single-spaced.
 * Latin text is Times New Roman; the East Asian font is set as eastAsia so Word and WPS both pick it for CJK.
 */
export type ParagraphStyle = 'title' | 'subtitle' | 'heading1' | 'heading2' | 'heading3' | 'body' | 'note';

export interface Paragraph {
  kind: 'paragraph';
  style: ParagraphStyle;
  /** Line breaks in the text start new lines within the paragraph. */
  text: string;
  align?: 'left' | 'center' | 'right';
}

export interface TableCell {
  text: string;
  /** Columns this cell covers (w:gridSpan); defaults to 1. */
  span?: number;
  /**
   * Vertical merge: 'restart' begins a merged area, 'continue' is a cell under it (same columns, its text must be
   * empty) — how Word merges a level-1 indicator's cell over its rows.
   */
  merge?: 'restart' | 'continue';
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
}

export interface Table {
  kind: 'table';
  /** Relative widths of the grid's columns; scaled to the text width of the page. */
  columns: number[];
  /** Leading rows repeated at the top of each page the table runs onto (column headings). */
  headerRows?: number;
  rows: TableCell[][];
}

export type Block = Paragraph | Table | { kind: 'page-break' };

export interface WordDocument {
  blocks: Block[];
  /** Shown at the top right of every page, e.g. 征求意见稿; none when absent. */
  header?: string;
  /** Shown as the title and author in the file's properties. */
  title?: string;
  creator?: string;
  /** ISO 8601 creation time for the file's properties; fix it to get byte-identical output. */
  createdAt?: string;
}
