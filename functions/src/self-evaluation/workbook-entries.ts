import { moneySourceCodes } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import {
  type ExecutionFigure,
  executionFigureId,
  executionFigureKind,
} from '#functions/self-evaluation/execution-figure-kinds.ts';
import { sheetOf, withImportedFigures } from '#functions/self-evaluation/self-evaluation-record-operations.ts';
import type { StoredSelfEvaluation } from '#functions/self-evaluation/tally-writes.ts';

/**
 * What a workbook of self-evaluations prints (docs/domain/self-evaluation.md#exports): each one with the treasury's
 * imported figures standing in for what its unit left blank, as on screen, and its score sheet. The figures of all
 * are read in one batch, so a department's workbook costs one read of them, not one per project.
 */
export const workbookEntries = async (store: RecordStore, tenant: string, found: readonly StoredSelfEvaluation[]) => {
  const figures = await store.getMany<ExecutionFigure>(
    tenant,
    executionFigureKind,
    found.flatMap((s) => moneySourceCodes.map((source) => executionFigureId(s.fiscalYear, s.projectCode, source))),
  );
  return found.map((s) => {
    const own = figures.filter((f) => f.projectCode === s.projectCode && f.fiscalYear === s.fiscalYear);
    const entry = withImportedFigures(s, new Map(own.map((f) => [f.source, f])));
    return { entry, sheet: sheetOf(entry) };
  });
};
