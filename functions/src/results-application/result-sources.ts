import type { DepartmentEvaluation } from '@jixiao/core/department-evaluation/department-evaluation.ts';
import type { Engagement } from '@jixiao/core/fieldwork/engagement.ts';
import type { Disposition } from '@jixiao/core/monitoring/disposition.ts';
import type { ResultFacts, ResultSource } from '@jixiao/core/results-application/result-application.ts';
import {
  departmentEvaluationFacts,
  dispositionFacts,
  engagementFacts,
  selfEvaluationFacts,
} from '@jixiao/core/results-application/source-facts.ts';
import type { SelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { annualTotal, type Project } from '@jixiao/core/submission/project.ts';
import { departmentEvaluationKind } from '#functions/department-evaluation/record-kinds.ts';
import { engagementKind } from '#functions/fieldwork/record-kinds.ts';
import { dispositionKind, monitoringRoundKind } from '#functions/monitoring/record-kinds.ts';
import type { ListFilter, RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { selfEvaluationKind } from '#functions/self-evaluation/record-kinds.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

/** The most monitoring rounds of one year read to place dispositions in it (a year has one to three). */
export const roundsPerYearCap = 50;

/** This year's annual funds (fen) of the projects named, read in one batch. */
const amountsOf = async (store: RecordStore, tenant: string, ids: readonly (string | null)[]) => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const projects = wanted.length ? await store.getMany<Project & StoredRecord>(tenant, projectKind, wanted) : [];
  return new Map(projects.map((p) => [p.id, annualTotal(p.funds)]));
};

const amountOf = (amounts: Map<string, number>, id: string | null): number | null =>
  id === null ? null : (amounts.get(id) ?? null);

/** The rounds of a year, to tell which dispositions belong to it (a disposition names its round, not its year). */
const roundsOf = async (store: RecordStore, tenant: string, fiscalYear: number): Promise<Set<string>> => {
  const page = await store.list<StoredRecord>(tenant, monitoringRoundKind, {
    ownerId: String(fiscalYear),
    limit: roundsPerYearCap,
  });
  if (page.nextCursor) throw new Error(`more than ${roundsPerYearCap} monitoring rounds in ${fiscalYear}`);
  return new Set(page.items.map((r) => r.id));
};

export interface SourcePage {
  /** Every record of the page that has a result to apply, as facts. */
  facts: ResultFacts[];
  /** How many records the page read (some have no result yet). */
  read: number;
  nextCursor?: string | undefined;
}

interface SourceReader {
  kind: RecordKind;
  /** Where a year's records are listed, and the filters that pick them. */
  listing: (fiscalYear: number) => { ownerId?: string; filters: ListFilter[] };
  /** The facts of the records read, those without a result left out. */
  facts: (store: RecordStore, tenant: string, records: StoredRecord[], fiscalYear: number) => Promise<ResultFacts[]>;
  /** The evaluated year of one record. */
  yearOf: (store: RecordStore, tenant: string, record: StoredRecord) => Promise<number | null>;
}

const readers: Record<ResultSource, SourceReader> = {
  KEY_EVALUATION: {
    kind: engagementKind,
    listing: (fiscalYear) => ({ filters: [{ field: 'fiscalYear', op: 'eq', value: fiscalYear }] }),
    facts: async (store, tenant, records) => {
      const engagements = records as unknown as (Engagement & StoredRecord)[];
      const amounts = await amountsOf(
        store,
        tenant,
        engagements.map((e) => e.projectId),
      );
      return engagements.flatMap((e) => engagementFacts(e, amountOf(amounts, e.projectId)) ?? []);
    },
    yearOf: async (_store, _tenant, record) => Number(record.fiscalYear),
  },
  SELF_EVALUATION: {
    kind: selfEvaluationKind,
    listing: (fiscalYear) => ({
      filters: [
        { field: 'fiscalYear', op: 'eq', value: fiscalYear },
        { field: 'reviewStatus', op: 'eq', value: 'FINAL_APPROVED' },
      ],
    }),
    facts: async (store, tenant, records) => {
      const list = records as unknown as (SelfEvaluation & StoredRecord)[];
      const amounts = await amountsOf(
        store,
        tenant,
        list.map((s) => s.projectId),
      );
      return list.flatMap((s) => selfEvaluationFacts(s, amountOf(amounts, s.projectId)) ?? []);
    },
    yearOf: async (_store, _tenant, record) => Number(record.fiscalYear),
  },
  DEPARTMENT_EVALUATION: {
    kind: departmentEvaluationKind,
    listing: (fiscalYear) => ({
      ownerId: String(fiscalYear),
      filters: [{ field: 'reviewStatus', op: 'eq', value: 'FINAL_APPROVED' }],
    }),
    facts: async (_store, _tenant, records) =>
      (records as unknown as (DepartmentEvaluation & StoredRecord)[]).flatMap(
        (d) => departmentEvaluationFacts(d) ?? [],
      ),
    yearOf: async (_store, _tenant, record) => Number(record.fiscalYear),
  },
  MONITORING: {
    kind: dispositionKind,
    // Dispositions are few (a handful per round); the collection is read in decision order and kept to the year's rounds.
    listing: () => ({ filters: [] }),
    facts: async (store, tenant, records, fiscalYear) => {
      const rounds = await roundsOf(store, tenant, fiscalYear);
      const list = (records as unknown as (Disposition & StoredRecord)[]).filter((d) => rounds.has(d.roundId));
      const amounts = await amountsOf(
        store,
        tenant,
        list.map((d) => d.projectId),
      );
      return list.flatMap((d) => dispositionFacts(d, fiscalYear, amountOf(amounts, d.projectId)) ?? []);
    },
    yearOf: async (store, tenant, record) => {
      const round = await store.get<StoredRecord>(tenant, monitoringRoundKind, String(record.roundId));
      return round ? Number(round.fiscalYear) : null;
    },
  },
};

/** One page of a source's records of a year, as facts (docs/domain/results-application.md#proposals-and-decisions). */
export const sourcePage = async (
  store: RecordStore,
  tenant: string,
  source: ResultSource,
  fiscalYear: number,
  page: { limit: number; cursor?: string | undefined },
): Promise<SourcePage> => {
  const reader = readers[source];
  const read = await store.list<StoredRecord>(tenant, reader.kind, { ...reader.listing(fiscalYear), ...page });
  return {
    facts: await reader.facts(store, tenant, read.items, fiscalYear),
    read: read.items.length,
    nextCursor: read.nextCursor,
  };
};

/**
 * The facts of one source record, or `missing` when there is no such record, `no-result` when it has no result yet
 * (not concluded, not final-approved, a disposition that orders nothing).
 */
export const sourceFacts = async (
  store: RecordStore,
  tenant: string,
  source: ResultSource,
  id: string,
): Promise<ResultFacts | 'missing' | 'no-result'> => {
  const reader = readers[source];
  const record = await store.get<StoredRecord>(tenant, reader.kind, id);
  if (!record) return 'missing';
  const fiscalYear = await reader.yearOf(store, tenant, record);
  if (fiscalYear === null) return 'no-result';
  const [facts] = await reader.facts(store, tenant, [record], fiscalYear);
  return facts ?? 'no-result';
};
