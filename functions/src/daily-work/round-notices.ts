import type { NotificationSubjectType } from '@jixiao/core/daily-work/notification.ts';
import { notificationKind } from '#functions/daily-work/record-kinds.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { monitoringRoundKind, monitoringTallyKind } from '#functions/monitoring/record-kinds.ts';
import type { RecordKind, RecordStore, StoredRecord, WriteContext } from '#functions/ports/record-store.ts';
import { type DepartmentTallyHead, talliesOfRound } from '#functions/records/department-tally.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { selfEvaluationRoundKind, selfEvaluationTallyKind } from '#functions/self-evaluation/record-kinds.ts';

/**
 * What 催报 and the reminders before a deadline share (docs/domain/daily-work.md#reminders-催报): which departments of a
 * round are behind, read from the round's department tallies (one item per department, never the records), and
 * writing the notifications that tell them.
 */
export type RoundType = Extract<NotificationSubjectType, 'monitoring-round' | 'self-evaluation-round'>;
export type Round = StoredRecord & { name: string; deadline: string; roundStatus: string; fiscalYear: number };
type Tally = DepartmentTallyHead & Record<string, unknown>;

export interface RoundSpec {
  type: RoundType;
  roundKind: RecordKind;
  tallyKind: RecordKind;
  /** Of a department's records in the round, how many it has not sent yet. */
  pending: (tally: Tally) => number;
}

export const roundSpecs: Record<RoundType, RoundSpec> = {
  'monitoring-round': {
    type: 'monitoring-round',
    roundKind: monitoringRoundKind,
    tallyKind: monitoringTallyKind,
    pending: (t) => Number(t.reports ?? 0) - Number(t.submitted ?? 0),
  },
  'self-evaluation-round': {
    type: 'self-evaluation-round',
    roundKind: selfEvaluationRoundKind,
    tallyKind: selfEvaluationTallyKind,
    pending: (t) => Number(t.selfEvaluations ?? 0) - Number(t.submitted ?? 0),
  },
};

export interface DepartmentBehind {
  id: string;
  name: string;
  pending: number;
}

/** The departments of a round with records not sent, among those `inScope` keeps. */
export const departmentsBehind = async (
  store: RecordStore,
  tenant: string,
  spec: RoundSpec,
  roundId: string,
  inScope: (tally: Tally) => boolean = () => true,
): Promise<DepartmentBehind[]> =>
  (await talliesOfRound<Tally>(store, tenant, spec.tallyKind, roundId))
    .filter(inScope)
    .map((t) => ({ id: t.departmentId, name: t.departmentName, pending: spec.pending(t) }))
    .filter((d) => d.pending > 0);

/** Creates per transaction: 30 notifications with their markers and audit entries stay under the store's 100 items. */
const notificationsPerWrite = 30;

/**
 * Writes the notifications not written yet (their ids are derived from what they tell, so one written before — by an
 * earlier attempt, or yesterday's run — is left as it is), 30 to a transaction. Answers how many were new.
 */
export const writeNotifications = async (
  store: RecordStore,
  tenant: string,
  notifications: readonly StoredRecord[],
  context: WriteContext,
): Promise<number> => {
  const written = new Set(
    (
      await store.getMany(
        tenant,
        notificationKind,
        notifications.map((n) => n.id),
      )
    ).map((n) => n.id),
  );
  const fresh = notifications.filter((n) => !written.has(n.id));
  for (let i = 0; i < fresh.length; i += notificationsPerWrite) {
    const chunk = fresh.slice(i, i + notificationsPerWrite);
    const outcome = await store.transact(
      tenant,
      chunk.map((n) => ({ kind: notificationKind, create: n, hash: requestHash({ notification: n.id }) })),
      context,
    );
    // 'replayed': a racing attempt wrote this very chunk. Anything else is not ours to overwrite.
    if (outcome.outcome === 'version-conflict' || outcome.outcome === 'id-conflict')
      throw new HttpProblem('idempotency-conflict');
  }
  return fresh.length;
};
