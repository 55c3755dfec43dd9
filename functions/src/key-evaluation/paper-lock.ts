import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { describeKeyEvaluation } from '@jixiao/core/key-evaluation/key-evaluation-messages.ts';
import { paperStateOf } from '@jixiao/core/key-evaluation/paper-state.ts';
import { isPerformanceSection, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import type { StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordKind, RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';

/**
 * One record per engagement that every write of its working papers passes through
 * (docs/domain/key-evaluation.md#the-lock). A paper write raises its version in the same transaction, and so does
 * every step that opens, freezes or locks the papers; so a paper written while the final report is being approved
 * makes one of the two fail instead of slipping in after the score was fixed. Its `state` is the engagement's state
 * as of the last step that changed what the papers may do.
 */
export interface PaperLock extends StoredRecord {
  engagementId: string;
  state: EngagementState;
  /** How many amendments were made after the final report. */
  amendments: number;
}

export const paperLockKind: RecordKind = {
  type: 'paper-lock',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: [],
  uniqueFields: [],
};

/** An amendment after the final report: which paper, why, by whom. Listed per engagement, oldest first. */
export interface PaperAmendment extends StoredRecord {
  engagementId: string;
  paperType: string;
  paperId: string;
  reason: string;
  amendedByName: string;
}

export const paperAmendmentKind: RecordKind = {
  type: 'paper-amendment',
  sortField: 'createdAt',
  ownerField: 'engagementId',
  searchFields: ['reason'],
  uniqueFields: [],
};

/** What a paper carries once amended: shown beside it as 已修正, with the reason. */
export interface AmendmentMark {
  at: string;
  by: string;
  byName: string;
  reason: string;
}

/** How often a paper write is retried when another paper of the same engagement was written at the same moment. */
const attempts = 5;

const lockWrite = (
  request: OperationRequest,
  engagement: Pick<StoredEngagement, 'id'>,
  lock: PaperLock | undefined,
  change: Partial<PaperLock>,
): TransactionWrite => {
  if (lock) {
    const after: PaperLock = {
      ...lock,
      ...change,
      version: lock.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    return { kind: paperLockKind, before: lock, after };
  }
  const create = {
    ...newRecord({ id: engagement.id }, request),
    engagementId: engagement.id,
    state: 'FIELDWORK',
    amendments: 0,
    ...change,
  } as PaperLock;
  // The hash is the lock's own: two first writes racing both try to create it, and the second finds it made.
  return { kind: paperLockKind, create, hash: requestHash({ lock: engagement.id, at: request.requestId }) };
};

export const paperLocks = (store: RecordStore) => {
  const read = (tenant: string, engagementId: string) => store.get<PaperLock>(tenant, paperLockKind, engagementId);

  /**
   * The write of a step that moves the engagement to `next`: part of the step's own transaction, so the step fails
   * (409) if a paper was written since `lock` was read, and the caller reads again before deciding.
   */
  const stepWrite = (
    request: OperationRequest,
    engagement: Pick<StoredEngagement, 'id'>,
    lock: PaperLock | undefined,
    next: EngagementState,
  ): TransactionWrite => lockWrite(request, engagement, lock, { state: next });

  /**
   * Writes papers of `engagement` (creates or changes, with any companion writes) in one transaction with the lock.
   * Open papers are written as asked. Under review they are refused (409 invalid-transition: the reviewer returns
   * the report to change them). Locked, a write is refused with `papers-locked` unless it is an amendment: a reason
   * given by the performance section or the commissioned agency's lead. An amendment marks each changed paper with
   * the reason and adds an amendment record, all in the same transaction, and the audit log keeps before and after.
   * Returns the papers as written (the `after` or `create` of each paper write, in order).
   */
  const write = async (
    request: OperationRequest,
    engagement: StoredEngagement,
    papers: (context: { amendment: AmendmentMark | null }) => TransactionWrite[] | Promise<TransactionWrite[]>,
    options: { amendmentReason?: string | undefined; paperType: string } = { paperType: 'paper' },
  ): Promise<StoredRecord[]> => {
    const tenant = request.principal.tenant;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      const lock = await read(tenant, engagement.id);
      const state = paperStateOf(lock?.state ?? engagement.state);
      let amendment: AmendmentMark | null = null;
      if (state === 'locked') {
        const p = request.principal;
        const reason = options.amendmentReason?.trim() ?? '';
        if (reason === '') throw new HttpProblem('papers-locked');
        if (!isPerformanceSection(p) && !leadsAgencyOf(p, engagement)) throw new HttpProblem('forbidden');
        amendment = { at: request.receivedAt, by: p.userId, byName: p.displayName ?? p.userId, reason };
      } else if (state !== 'open') {
        const code = state === 'under-review' ? 'papers_under_review' : 'papers_not_started';
        throw new HttpProblem('invalid-transition', {
          errors: [{ pointer: '', code, message: describeKeyEvaluation(code, request.language) }],
        });
      }
      const writes = await papers({ amendment });
      const marked = amendment
        ? writes.map((w) => ('after' in w ? { ...w, after: { ...w.after, amendment } } : w))
        : writes;
      const extra: TransactionWrite[] = [];
      if (amendment) {
        const first = marked.find((w) => 'after' in w || 'create' in w);
        const paper = first && 'after' in first ? first.after : first && 'create' in first ? first.create : undefined;
        const record = {
          ...newRecord({ id: uuidV7() }, request),
          engagementId: engagement.id,
          paperType: options.paperType,
          paperId: paper?.id ?? '',
          reason: amendment.reason,
          amendedByName: amendment.byName,
        } as PaperAmendment;
        extra.push({ kind: paperAmendmentKind, create: record, hash: requestHash(request.body) });
      }
      const lockChange = amendment ? { amendments: (lock?.amendments ?? 0) + 1 } : {};
      const all = [...marked, ...extra, lockWrite(request, engagement, lock, lockChange)];
      const result = await store.transact(tenant, all, writeContext(request));
      if (result.outcome === 'done') {
        return marked.flatMap((w) => ('after' in w ? [w.after] : 'create' in w ? [w.create] : []));
      }
      const lockIndex = all.length - 1;
      // Another paper of the engagement was written (or a step taken) between the read and the write: read again.
      if (result.outcome === 'version-conflict' && result.index === lockIndex) continue;
      if ((result.outcome === 'replayed' || result.outcome === 'id-conflict') && result.index === lockIndex) continue;
      if (result.outcome === 'version-conflict') throw new HttpProblem('version-conflict', { current: result.current });
      if (result.outcome === 'replayed' && result.index === 0) return [result.record];
      throw new HttpProblem('idempotency-conflict');
    }
    throw new HttpProblem('version-conflict');
  };

  /**
   * Saves one versioned paper of `kind` through `write`: created at version 0 when `current` is absent, else changed
   * over `current` (whose version the caller checked against the request). A first save after the lock is an
   * amendment too: `write` marks changes, so the create is marked here. The shape every one-record paper shares
   * (a scoring paper, the report's narrative).
   */
  const save = async (
    request: OperationRequest,
    engagement: StoredEngagement,
    kind: RecordKind,
    paper: { id: string; current: StoredRecord | undefined; content: Record<string, unknown> },
    options: { amendmentReason?: string | undefined; paperType: string },
  ): Promise<StoredRecord> => {
    const { id, current, content } = paper;
    const [written] = await write(
      request,
      engagement,
      ({ amendment }): TransactionWrite[] => {
        if (current) {
          const after: StoredRecord = {
            ...current,
            ...content,
            version: current.version + 1,
            updatedAt: request.receivedAt,
            updatedBy: request.principal.userId,
          };
          return [{ kind, before: current, after }];
        }
        const create = newRecord({ id, ...content, ...(amendment ? { amendment } : {}) }, request);
        return [{ kind, create, hash: requestHash(request.body) }];
      },
      options,
    );
    return written!;
  };

  /** Every amendment of the engagement, oldest first (all pages; refused loudly beyond `listAll`'s cap). */
  const amendments = (tenant: string, engagementId: string) =>
    listAll<PaperAmendment>(store, tenant, paperAmendmentKind, { ownerId: engagementId });

  return { read, stepWrite, write, save, amendments };
};
