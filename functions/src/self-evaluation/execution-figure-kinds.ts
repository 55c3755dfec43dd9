import type { MoneySource } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import type { RecordKind, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';

/**
 * The records of the execution-figure import (docs/domain/self-evaluation.md#execution-figures): one
 * figure per project, source and year, the batches that set them, and one ledger per year.
 */

/** The id of a project's figure for one source and year: the self-evaluation reads it by this id. */
export const executionFigureId = (fiscalYear: number, projectCode: string, source: MoneySource): string =>
  derivedId(`execution-figure:${fiscalYear}:${projectCode}:${source}`);

/** A year-end figure as the treasury gave it, in integer fen. */
export type ExecutionFigure = StoredRecord & {
  fiscalYear: number;
  projectCode: string;
  projectId: string;
  projectName: string;
  departmentId: string;
  source: MoneySource;
  /** 全年预算数; null when the file had no budget for it. */
  annualBudgetFen: number | null;
  /** 全年执行数. */
  executedFen: number;
  /** The import batch that last set the figure, and the line of its file. */
  importId: string;
  line: number;
  /** `projectCode#source`: the order figures are listed in. */
  sortKey: string;
  createdAt: string;
  updatedAt: string;
};

/** A year's figures, listed by project code and source. */
export const executionFigureKind: RecordKind = {
  type: 'execution-figure',
  sortField: 'sortKey',
  ownerField: 'fiscalYear',
  searchFields: ['projectCode'],
  uniqueFields: [],
};

/** One accepted file of a year, in the order imported. */
export const executionImportKind: RecordKind = {
  type: 'execution-import',
  sortField: 'importedAt',
  ownerField: 'fiscalYear',
  searchFields: ['fileName'],
  uniqueFields: [],
};

/**
 * One per year: the last file imported. The same file again replays it (or resumes it, if it was
 * interrupted); any other file, even one imported earlier, is a new import over the figures as they are.
 */
export const executionImportLedgerKind: RecordKind = {
  type: 'execution-import-ledger',
  sortField: 'fiscalYear',
  searchFields: [],
  uniqueFields: [],
};

export const executionImportLedgerId = (fiscalYear: number): string =>
  derivedId(`execution-import-ledger:${fiscalYear}`);
