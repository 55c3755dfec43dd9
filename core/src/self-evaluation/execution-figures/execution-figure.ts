import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import { fiscalYearParams, pageQuery, text } from '#core/schema-parts.ts';
import { moneySourceCodes } from '#core/self-evaluation/self-evaluation-row.ts';
import { fen } from '#core/submission/project.ts';

/**
 * Year-end execution figures imported from a treasury or 一体化 export (docs/domain/self-evaluation.md#execution-figures):
 * one figure per project, source of funds and fiscal year, in integer fen.
 */

/** The largest file taken, in bytes: a district's export of thousands of rows is a few hundred kilobytes. */
export const maxImportFileBytes = 2 * 1024 * 1024;
/** Data rows one file may hold (a district has a few thousand projects, up to three sources each). */
export const maxImportRows = 10_000;
const year = v.pipe(v.number(), v.integer('integer'), v.minValue(2000, 'fiscal_year'), v.maxValue(2100, 'fiscal_year'));

/** One figure as a row of the file gives it. */
export const executionFigureRow = v.object({
  fiscalYear: year,
  projectCode: v.string(),
  source: v.picklist(moneySourceCodes),
  /** 全年预算数 (调整后预算数); null when the file has no such column or the cell is blank. */
  annualBudgetFen: v.nullable(fen),
  /** 全年执行数 (支出数, 实际支出). */
  executedFen: fen,
});
export type ExecutionFigureRow = v.InferOutput<typeof executionFigureRow>;

/**
 * The import request: the file itself, base64 in the JSON body (CSV or XLSX, told apart by their
 * bytes), at most `maxImportFileBytes` — well inside API Gateway's 10 MB and Lambda's 6 MB payload.
 */
export const importExecutionFigures = v.strictObject({
  fiscalYear: year,
  fileName: text(1, 200),
  /** Checked by the import itself (base64, size), so a bad file gets its own words rather than a schema's. */
  contentBase64: v.string(),
});
export type ImportExecutionFigures = v.InferOutput<typeof importExecutionFigures>;

export const importStatuses = {
  IMPORTING: { 'zh-CN': '导入中', en: 'Importing' },
  DONE: { 'zh-CN': '已导入', en: 'Imported' },
} as const satisfies Record<string, Localized>;

/** One accepted file: what it held, who imported it and what it changed. */
export const executionImport = v.object({
  id: v.string(),
  fiscalYear: v.number(),
  fileName: v.string(),
  /** SHA-256 of the file's bytes, hex: the same file imported again is this same batch. */
  sha256: v.string(),
  format: v.picklist(['CSV', 'XLSX']),
  /** How a CSV was decoded (UTF-8, GB18030, UTF-16); null for XLSX. */
  encoding: v.nullable(v.string()),
  /** The unit each amount column was read in, as its header said (元 when it said none). */
  units: v.object({ annualBudget: v.nullable(v.picklist(['元', '万元'])), executed: v.picklist(['元', '万元']) }),
  rowCount: v.number(),
  /** Lines read as totals (合计/小计) and not imported, listed so none is dropped unseen. */
  totalLines: v.array(v.number()),
  status: v.picklist(Object.keys(importStatuses) as ['IMPORTING', 'DONE']),
  created: v.number(),
  updated: v.number(),
  unchanged: v.number(),
  importedAt: v.string(),
  importedBy: v.string(),
  version: v.number(),
});
export type ExecutionImport = v.InferOutput<typeof executionImport>;

/** What an import call answers: the batch, and whether this call replayed an import done before. */
export const executionImportResult = v.object({ ...executionImport.entries, replayed: v.boolean() });

/** A figure as kept and listed. */
export const executionFigure = v.object({
  id: v.string(),
  ...executionFigureRow.entries,
  projectId: v.string(),
  projectName: v.string(),
  departmentId: v.string(),
  /** The import that last set it. */
  importId: v.string(),
  /** The line of that import's file it came from. */
  line: v.number(),
  version: v.number(),
  updatedAt: v.string(),
});

export const figureListParams = fiscalYearParams;
/** A page of figures or batches: at most 100 (20 unless `limit` says), the cursor to the next. */
export const figureListQuery = v.strictObject({ limit: pageQuery.limit, cursor: pageQuery.cursor });
