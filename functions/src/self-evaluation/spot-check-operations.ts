import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { reviewedScore } from '@jixiao/core/self-evaluation/reviewed-score.ts';
import { type ScoringSettings, spotCheckBandLimitsFen } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import type { AdjustSpotCheck, DrawSpotCheck, SpotCheck } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { drawSample, type SampleCandidate } from '@jixiao/core/self-evaluation/spot-check-sample.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { writeContext } from '#functions/records/record-operations.ts';
import { selfEvaluationKind, selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';
import { sheetOf } from '#functions/self-evaluation/self-evaluation-record-operations.ts';
import {
  type StoredSelfEvaluation,
  selfEvaluationTalliesOf,
  selfEvaluationTallyIncrement,
} from '#functions/self-evaluation/tally-writes.ts';

/** The draw as recorded on the round, so anyone can repeat it and check the sample. */
export interface SpotCheckDraw {
  seed: string;
  sharePct: number;
  namedProjectIds: string[];
  /** The amount bands the strata were cut by, from the round's scoring settings. */
  bandLimitsFen: number[];
  count: number;
  at: string;
  by: string;
}

type StoredRound = StoredRecord & {
  roundStatus: string;
  scoring: Partial<ScoringSettings>;
  spotCheckDraw?: SpotCheckDraw;
};

/** Self-evaluations marked per transaction: a change is 2 items (record, audit), plus the tally's increment: under 100. */
const perTransaction = 45;

const messages: Record<string, Record<Language, string>> = {
  named_not_final_approved: {
    'zh-CN': '指定抽查的项目不在本轮已终审的自评中',
    en: 'The named project has no final-approved self-evaluation in this round',
  },
  unknown_row: { 'zh-CN': '复核的指标行不存在', en: 'The adjusted row does not exist' },
  row_not_applicable: { 'zh-CN': '该指标行不适用，不能复核评分', en: 'The row is not applicable and cannot be scored' },
  score_above_weight: {
    'zh-CN': '复核得分不能高于该指标的分值',
    en: 'The reviewed score cannot exceed the row’s weight',
  },
  duplicate_row: { 'zh-CN': '同一指标行只能复核一次', en: 'Each row can be adjusted once per request' },
};

const fieldError = (pointer: string, code: string, language: Language): FieldError => ({
  pointer,
  code,
  message: (messages[code] as Record<Language, string>)[language],
});

const sameDraw = (draw: SpotCheckDraw, body: DrawSpotCheck) =>
  draw.seed === body.seed &&
  draw.sharePct === body.sharePct &&
  [...draw.namedProjectIds].sort().join() === [...body.namedProjectIds].sort().join();

const amountOf = (s: StoredSelfEvaluation) => s.money.reduce((sum, line) => sum + (line.annualBudgetFen ?? 0), 0);

/** The spot-check (抽查复核) of a round's final-approved self-evaluations (docs/domain/self-evaluation.md#rounds-review-and-spot-check). */
export const spotCheckOperations = (store: RecordStore): Operations => {
  /** Every final-approved self-evaluation of the round, department by department, each page followed to the end. */
  const finalApprovedOf = async (tenant: string, roundId: string): Promise<StoredSelfEvaluation[]> => {
    const all: StoredSelfEvaluation[] = [];
    for (const tally of await selfEvaluationTalliesOf(store, tenant, roundId)) {
      let cursor: string | undefined;
      do {
        const page = await store.list<StoredSelfEvaluation>(tenant, selfEvaluationKind, {
          limit: 100,
          cursor,
          ownerId: `${roundId}#${tally.departmentId}`,
          filters: [{ field: 'reviewStatus', op: 'eq', value: 'FINAL_APPROVED' }],
        });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
    }
    return all;
  };

  const draw: Operation = async (request: OperationRequest<{ id: string }, unknown, DrawSpotCheck>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    const round = await store.get<StoredRound>(tenant, selfEvaluationRoundKind, request.params.id);
    if (!round) throw new HttpProblem('not-found');
    // The sample is drawn once: the same draw again answers what was drawn and writes nothing.
    if (round.spotCheckDraw) {
      if (sameDraw(round.spotCheckDraw, body)) return { status: 200, body: { draw: round.spotCheckDraw } };
      throw new HttpProblem('invalid-transition', { current: round });
    }
    if (round.version !== body.version) throw new HttpProblem('version-conflict', { current: round });
    if (round.roundStatus === 'OPENING') throw new HttpProblem('invalid-transition', { current: round });
    const candidates = await finalApprovedOf(tenant, round.id);
    const bandLimitsFen = spotCheckBandLimitsFen(round.scoring);
    const projects = new Set(candidates.map((s) => s.projectId));
    const unknown = body.namedProjectIds.flatMap((id, i) => (projects.has(id) ? [] : [i]));
    if (unknown.length > 0) {
      throw new HttpProblem('rules-not-met', {
        errors: unknown.map((i) => fieldError(`/namedProjectIds/${i}`, 'named_not_final_approved', request.language)),
      });
    }
    const sample = drawSample(
      candidates.map(
        (s): SampleCandidate => ({
          id: s.id,
          projectId: s.projectId,
          departmentId: s.departmentId,
          departmentSeries: s.departmentSeries,
          amountFen: amountOf(s),
        }),
      ),
      { ...body, bandLimitsFen },
    );
    const byId = new Map(candidates.map((s) => [s.id, s]));
    // Already marked ones are left alone, so a draw cut short is finished by repeating it.
    const toMark = sample.filter((d) => byId.get(d.id)?.spotCheck === null);
    const byDepartment = new Map<string, StoredSelfEvaluation[]>();
    for (const d of toMark) {
      const s = byId.get(d.id) as StoredSelfEvaluation;
      const spotCheck: SpotCheck = {
        reason: d.reason,
        drawnAt: request.receivedAt,
        adjustments: [],
        reviewedTotal: null,
        reviewedGrade: null,
        reviewedAt: null,
        reviewedBy: null,
        opinion: '',
      };
      byDepartment.set(s.departmentId, [...(byDepartment.get(s.departmentId) ?? []), { ...s, spotCheck }]);
    }
    for (const [departmentId, marked] of byDepartment) {
      for (let i = 0; i < marked.length; i += perTransaction) {
        const changes = marked.slice(i, i + perTransaction).map((after) => ({
          before: byId.get(after.id) as StoredSelfEvaluation,
          after: {
            ...after,
            version: after.version + 1,
            updatedAt: request.receivedAt,
            updatedBy: request.principal.userId,
          },
        }));
        const writes: TransactionWrite[] = changes.map((c) => ({ kind: selfEvaluationKind, ...c }));
        const tally = selfEvaluationTallyIncrement(round.id, departmentId, changes);
        if (tally) writes.push(tally);
        const result = await store.transact(tenant, writes, { ...writeContext(request), operation: 'draw-spot-check' });
        // A self-evaluation changed under the draw: nothing of this batch is written; drawing again resumes.
        if (result.outcome !== 'done') throw new HttpProblem('version-conflict');
      }
    }
    const recorded: SpotCheckDraw = {
      seed: body.seed,
      sharePct: body.sharePct,
      namedProjectIds: body.namedProjectIds,
      bandLimitsFen,
      count: sample.length,
      at: request.receivedAt,
      by: request.principal.userId,
    };
    const after: StoredRound = {
      ...round,
      spotCheckDraw: recorded,
      version: round.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const updated = await store.update(tenant, selfEvaluationRoundKind, round, after, {
      ...writeContext(request),
      operation: 'draw-spot-check',
    });
    if (updated.outcome !== 'updated') throw new HttpProblem('version-conflict');
    return {
      status: 200,
      body: {
        draw: recorded,
        items: sample.map((d) => ({ selfEvaluationId: d.id, projectId: d.projectId, reason: d.reason })),
      },
    };
  };

  const adjust: Operation = async (request: OperationRequest<{ id: string }, unknown, AdjustSpotCheck>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    const current = await store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, request.params.id);
    if (!current) throw new HttpProblem('not-found');
    if (current.version !== body.version) throw new HttpProblem('version-conflict', { current });
    const check = current.spotCheck;
    if (current.reviewStatus !== 'FINAL_APPROVED' || !check || check.reviewedTotal !== null) {
      throw new HttpProblem('invalid-transition', { current });
    }
    const sheet = sheetOf(current);
    const errors = body.adjustments.flatMap((a, i): FieldError[] => {
      const row = sheet.rows.find((r) => r.rowId === a.rowId);
      if (!row) return [fieldError(`/adjustments/${i}/rowId`, 'unknown_row', request.language)];
      if (body.adjustments.findIndex((b) => b.rowId === a.rowId) !== i) {
        return [fieldError(`/adjustments/${i}/rowId`, 'duplicate_row', request.language)];
      }
      if (row.kind === 'NOT_APPLICABLE')
        return [fieldError(`/adjustments/${i}/rowId`, 'row_not_applicable', request.language)];
      if (Number(a.score) > row.weight) {
        return [fieldError(`/adjustments/${i}/score`, 'score_above_weight', request.language)];
      }
      return [];
    });
    if (errors.length > 0) throw new HttpProblem('validation-failed', { errors });
    const by = request.principal.userId;
    const byName = request.principal.displayName ?? by;
    const adjustments = [
      ...check.adjustments.filter((kept) => !body.adjustments.some((a) => a.rowId === kept.rowId)),
      ...body.adjustments.map((a) => ({ ...a, by, byName, at: request.receivedAt })),
    ];
    const reviewed = body.finish ? reviewedScore(sheet, adjustments, current.scoring) : null;
    const after: StoredSelfEvaluation = {
      ...current,
      spotCheck: {
        ...check,
        adjustments,
        opinion: body.opinion || check.opinion,
        reviewedTotal: reviewed?.total ?? null,
        reviewedGrade: reviewed?.grade ?? null,
        reviewedAt: reviewed ? request.receivedAt : null,
        reviewedBy: reviewed ? by : null,
      },
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: by,
    };
    const writes: TransactionWrite[] = [{ kind: selfEvaluationKind, before: current, after }];
    const tally = selfEvaluationTallyIncrement(current.roundId, current.departmentId, [{ before: current, after }]);
    if (tally) writes.push(tally);
    const result = await store.transact(tenant, writes, {
      ...writeContext(request),
      operation: body.finish ? 'finish-spot-check' : 'adjust-spot-check',
    });
    if (result.outcome === 'version-conflict') throw new HttpProblem('version-conflict', { current: result.current });
    if (result.outcome !== 'done') throw new HttpProblem('version-conflict');
    return { status: 200, body: after };
  };

  return { drawSpotCheck: draw, adjustSpotCheck: adjust };
};
