import type { Localized } from '@jixiao/core/language.ts';
import type { KeptMoneyLine } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import type { MoneyLine, SelfEvaluationRow } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import type { TableFinding } from '@jixiao/core/self-evaluation/table-check/table-finding.ts';
import type { ReviewGrade } from '@jixiao/core/submission/performance-target.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';

/**
 * What a kept table check and a table brought in as an earlier year's self-evaluation are stored as
 * (docs/domain/self-evaluation.md#keeping-a-checked-table).
 */

/** Kept table checks, listed per fiscal year (owner index), in the order they were kept. */
export const tableCheckKind: RecordKind = {
  type: 'table-check',
  sortField: 'checkedAt',
  ownerField: 'fiscalYear',
  searchFields: ['fileName', 'projectCode', 'projectName'],
  uniqueFields: [],
};

/**
 * A project's self-evaluation of a year that had no round, or no table issued to it, brought in from a
 * filled table (origin TABLE_IMPORT). Its own kind: no round's tally, list or review queue reads it, so
 * it is counted nowhere in the current round; listed per project.
 */
export const historicalSelfEvaluationKind: RecordKind = {
  type: 'historical-self-evaluation',
  sortField: 'fiscalYear',
  ownerField: 'projectId',
  searchFields: [],
  uniqueFields: [],
};

/** The same file (by checksum) of the same year is one check, whoever keeps it and however often. */
export const tableCheckId = (fiscalYear: number, sha256: string): string =>
  derivedId(`table-check:${fiscalYear}:${sha256}`);

/** One historical self-evaluation per project and year: saving a later table replaces it, at its version. */
export const historicalSelfEvaluationId = (projectId: string, fiscalYear: number): string =>
  derivedId(`historical-self-evaluation:${projectId}:${fiscalYear}`);

/** A checked row as kept: the printed score beside the formula's and the causes, without the parse's detail. */
export interface KeptCheckedRow {
  rowId: string;
  sheetRow: number;
  name: string;
  weight: number;
  refs: Record<string, string | null>;
  kind: string;
  claimed: number | null;
  computed: number | null;
  difference: number | null;
  flagged: boolean;
  causes: { code: string; text: Localized }[];
  derivation: Localized;
}

/** Where a kept check was saved as a self-evaluation. */
export interface SavedAs {
  kind: 'ROUND' | 'HISTORY';
  id: string;
  projectId: string;
  savedAt: string;
  savedBy: string;
}

export interface StoredTableCheck extends StoredRecord {
  fiscalYear: number;
  fileName: string;
  sha256: string;
  sheet: string;
  /** The sheets of the workbook that held a table; only the first is kept (a workbook of several is refused). */
  projectCode: string | null;
  projectName: string | null;
  checkedAt: string;
  checkedBy: string;
  checkedByName: string;
  /** The table as a self-evaluation holds it (core's TableCheck.model), and its goal block. */
  model: { rows: SelfEvaluationRow[]; money: MoneyLine[]; goal: { expected: string; actual: string } };
  claimedTotal: string | null;
  rows: KeptCheckedRow[];
  execution: Record<string, unknown>;
  total: Record<string, unknown>;
  grade: { printed: string | null; computed: ReviewGrade | null };
  weights: { indicators: number; execution: number; sum: number; addsUp: boolean };
  findings: TableFinding[];
  /** True when a cell the formula needs could not be read: such a table is kept but never saved as a self-evaluation. */
  blocking: boolean;
  savedAs: SavedAs | null;
}

export interface StoredHistoricalSelfEvaluation extends StoredRecord {
  origin: 'TABLE_IMPORT';
  fiscalYear: number;
  projectId: string;
  projectCode: string;
  projectName: string;
  departmentId: string;
  unitId: string | null;
  tableCheckId: string;
  fileName: string;
  sha256: string;
  goalCompletion: string;
  annualGoal: string;
  money: KeptMoneyLine[];
  rows: SelfEvaluationRow[];
  claimedTotal: string | null;
  executionPoints: number;
  /** The formula's rescoring of the printed table by that year's settings, as it stood when saved. */
  total: number | null;
  grade: ReviewGrade | null;
  claimedGrade: string | null;
}
