import type { Localized } from '#core/language.ts';

/**
 * What the table check says about a cell it could not read or a figure that does not add up
 * (docs/domain/self-evaluation.md, "Checking a filled table"). `ref` names the cell as Excel does,
 * with its sheet ("Sheet1!F14"), or a range for a merge; null when the finding is about the table.
 */
export type FindingCode =
  | 'NO_TABLE'
  | 'HEADER_NOT_FOUND'
  | 'MERGED_HEADER'
  | 'COLUMN_MISSING'
  | 'FISCAL_YEAR_UNKNOWN'
  | 'MONEY_UNIT_ASSUMED'
  | 'UNREADABLE_AMOUNT'
  | 'AMOUNT_NOT_WHOLE_FEN'
  | 'UNREADABLE_RATE'
  | 'UNREADABLE_POINTS'
  | 'UNREADABLE_SCORE'
  | 'MISSING_WEIGHT'
  | 'MISSING_TARGET'
  | 'NOT_A_DATE'
  | 'UNKNOWN_LEVEL'
  | 'ROW_WITHOUT_NAME'
  | 'TOTAL_NOT_FOUND'
  | 'GOAL_NOT_FOUND'
  // What the check finds in figures that were read:
  | 'MONEY_TOTAL_NOT_SUM'
  | 'RATE_MISPRINT'
  | 'WEIGHTS_NOT_100'
  | 'GRADE_DIFFERS';

export interface TableFinding {
  code: FindingCode;
  /** ERROR: a cell that could not be read, so its row or figure is left out of the check; WARNING: read, but say so. */
  severity: 'ERROR' | 'WARNING';
  ref: string | null;
  message: Localized;
}

/** "Sheet1!F14", quoted as Excel does when the name has spaces or punctuation ("'自评 表'!F14"). */
export const sheetRef = (sheet: string, ref: string): string =>
  /^[\p{L}\p{N}_]+$/u.test(sheet) ? `${sheet}!${ref}` : `'${sheet.replace(/'/g, "''")}'!${ref}`;
