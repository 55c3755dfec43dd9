import { blankPaper, type ScoringPaper } from '@jixiao/core/key-evaluation/scoring-paper.ts';
import type { RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { listAll } from '#functions/records/list-all.ts';

/** A scoring paper as stored (docs/domain/key-evaluation.md#scoring-papers). */
export type StoredScoringPaper = ScoringPaper & StoredRecord;

/** Scoring papers, listed per engagement (its partition holds one per framework indicator, ≤ 120). */
export const scoringPaperKind: RecordKind = {
  type: 'scoring-paper',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
};

/**
 * The paper's id: one per indicator of one engagement, so two saves of a first paper cannot make two. Derived from
 * both ids rather than the indicator's alone: an indicator taken from the approved targets keeps the target row's
 * id, and a project evaluated twice would otherwise give both engagements' papers the same id.
 */
export const scoringPaperId = (engagementId: string, indicatorId: string): string =>
  derivedId(`scoring-paper:${engagementId}:${indicatorId}`);

/** A framework holds at most 120 indicators, so an engagement at most 120 papers. */
export const scoringPapersCap = 120;

/**
 * Every paper of an engagement, every page followed to the end. More than a framework can hold is refused loudly
 * (a score built from part of the papers would be wrong without saying so).
 */
export const readScoringPapers = (store: RecordStore, tenant: string, engagementId: string) =>
  listAll<StoredScoringPaper>(store, tenant, scoringPaperKind, { ownerId: engagementId }, scoringPapersCap);

/** One paper per framework indicator, in the framework's order: the saved one, or a blank with the plan's standard. */
export const papersOfFramework = (
  e: { id: string; indicators: readonly { id: string; standard: string }[] },
  saved: readonly ScoringPaper[],
): ScoringPaper[] => {
  const byIndicator = new Map(saved.map((paper) => [paper.indicatorId, paper]));
  return e.indicators.map(
    (indicator): ScoringPaper =>
      byIndicator.get(indicator.id) ?? {
        ...blankPaper(e.id, indicator),
        id: scoringPaperId(e.id, indicator.id),
        updatedAt: '',
      },
  );
};
