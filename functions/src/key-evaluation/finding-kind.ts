import type { Finding } from '@jixiao/core/key-evaluation/finding.ts';
import { maxFindings } from '@jixiao/core/key-evaluation/finding.ts';
import type { FindingAnswer, OpinionExchange } from '@jixiao/core/key-evaluation/opinion-exchange.ts';
import type { RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';

/**
 * The issue summary's rows (问题汇总表), one record per finding, listed per engagement
 * (docs/domain/key-evaluation.md#findings-and-the-exchange-of-opinions). The account check links its abnormal
 * payments to them and the report fills its findings section from them.
 */
export const findingKind: RecordKind = {
  type: 'evaluation-finding',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: ['title'],
  uniqueFields: [],
};

export type StoredFinding = Finding & StoredRecord;

/**
 * Every finding of an engagement, oldest first (the summary's order), all pages. An engagement holds at most
 * `maxFindings`; more than that read back is refused loudly (422) rather than cut short.
 */
export const readFindings = (store: RecordStore, tenant: string, engagementId: string): Promise<StoredFinding[]> =>
  listAll<StoredFinding>(store, tenant, findingKind, { ownerId: engagementId }, maxFindings);

/** The exchange of opinions of an engagement: one record, its id the engagement's, made when the findings are sent. */
export const opinionExchangeKind: RecordKind = {
  type: 'opinion-exchange',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
};

export type StoredOpinionExchange = OpinionExchange & StoredRecord;

/** The department's answer to one finding and the agency's handling of it: one record per finding, its id the finding's. */
export const findingAnswerKind: RecordKind = {
  type: 'finding-answer',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
};

export type StoredFindingAnswer = FindingAnswer & StoredRecord;

/** Every answer of an engagement's exchange (one per finding at most), all pages, loud beyond the findings' limit. */
export const readAnswers = (store: RecordStore, tenant: string, engagementId: string): Promise<StoredFindingAnswer[]> =>
  listAll<StoredFindingAnswer>(store, tenant, findingAnswerKind, { ownerId: engagementId }, maxFindings);
