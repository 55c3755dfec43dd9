import { beijingDay } from '@jixiao/core/beijing-day.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import { readsRound } from '@jixiao/core/scope/observer-scope.ts';
import { seesTenant } from '@jixiao/core/scope/project-scope.ts';
import { roundSummary } from '@jixiao/core/self-evaluation/round-summary.ts';
import type { SelfEvaluationRound } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';
import { type SelfEvaluationTally, selfEvaluationTalliesOf } from '#functions/self-evaluation/tally-writes.ts';

type StoredRound = SelfEvaluationRound & StoredRecord;

/** Whose tallies a reviewer reads: as the monitoring dashboard's (functions/src/monitoring/tally-writes.ts `reviewsTally`). */
const readsTally = (p: Principal, t: SelfEvaluationTally): boolean =>
  seesTenant(p) ||
  (p.roles.includes('business-section-reviewer') && p.sectionId !== undefined && p.sectionId === t.financeSectionId) ||
  (p.roles.includes('department-reviewer') && p.departmentId === t.departmentId);

/**
 * The bureau's summary of a round (docs/domain/self-evaluation.md#bureau-summary): coverage, late and
 * overdue, grades, the average counted score and the spot-check's gaps, in total, per series and per
 * department. It reads the round and one tally per department, never the self-evaluations, and is
 * scoped like the monitoring dashboard: the tenant for the performance section and the observer, a
 * business section's departments, a department reviewer's own.
 */
export const selfEvaluationSummaryOperations = (store: RecordStore): Operations => {
  const getSelfEvaluationRoundSummary: Operation = async (request: OperationRequest<{ id: string }>) => {
    const { tenant } = request.principal;
    const round = await store.get<StoredRound>(tenant, selfEvaluationRoundKind, request.params.id);
    if (!round || !readsRound(request.principal, round)) throw new HttpProblem('not-found');
    const tallies = await selfEvaluationTalliesOf(store, tenant, round.id);
    const visible = tallies
      .filter((t) => readsTally(request.principal, t))
      .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
    const pastDeadline = beijingDay(request.receivedAt) > round.deadline;
    return {
      status: 200,
      body: {
        round: {
          id: round.id,
          name: round.name,
          fiscalYear: round.fiscalYear,
          deadline: round.deadline,
          roundStatus: round.roundStatus,
        },
        pastDeadline,
        ...roundSummary(visible, pastDeadline, round.scoring.rounding),
        /** The round and every department's tally: grows with departments, never with self-evaluations. */
        itemsRead: 1 + tallies.length,
      },
    };
  };
  return { getSelfEvaluationRoundSummary };
};
