import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { type WithdrawSubmission, withdrawalFor } from '@jixiao/core/review/withdrawal.ts';
import { isUnitMember, mayActAs } from '@jixiao/core/scope/project-scope.ts';
import { claimDifferences } from '@jixiao/core/self-evaluation/claimed-score.ts';
import { type ScoreSheet, scoreSheet } from '@jixiao/core/self-evaluation/score-sheet.ts';
import type { KeptMoneyLine, SaveSelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { type MoneySource, moneySourceCodes } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { selfEvaluationErrors, selfEvaluationWarnings } from '@jixiao/core/self-evaluation/self-evaluation-rules.ts';
import {
  editableSelfEvaluationStatuses,
  type SelfEvaluationAction,
  selfEvaluationActions,
} from '@jixiao/core/self-evaluation/self-evaluation-workflow.ts';
import { reviewDecision, type TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { HistoryRequest, RecordStore, TransactionWrite } from '#functions/ports/record-store.ts';
import { bulkReview } from '#functions/records/bulk-review.ts';
import { historyPage, writeContext } from '#functions/records/record-operations.ts';
import {
  listRoundRecords,
  mergeRowsById,
  type ReviewDecision,
  readRoundRecord,
  reviewedOnce,
  untilWritten,
} from '#functions/records/round-records.ts';
import {
  type ExecutionFigure,
  executionFigureId,
  executionFigureKind,
} from '#functions/self-evaluation/execution-figure-kinds.ts';
import { selfEvaluationKind, selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';
import { type StoredSelfEvaluation, selfEvaluationTallyIncrement } from '#functions/self-evaluation/tally-writes.ts';
import { withoutExact } from '#functions/self-evaluation/without-exact.ts';

const fieldError = (pointer: string, code: string, language: Language): FieldError => ({
  pointer,
  code,
  message: describe(code, language),
});

/** The score sheet of a self-evaluation as it stands, by the round's settings and weights. */
export const sheetOf = (s: StoredSelfEvaluation): ScoreSheet =>
  scoreSheet(
    { fiscalYear: s.fiscalYear, money: s.money, rows: s.rows, executionPoints: s.weights.budgetExecution },
    s.scoring,
  );

/** Rule 9: a 全年执行数 that departs from the treasury's imported figure says why. */
const moneyErrors = (money: readonly KeptMoneyLine[], language: Language): FieldError[] =>
  money.flatMap((line, i) =>
    line.importedExecutedFen !== null && line.executedFen !== line.importedExecutedFen && !line.overrideReason.trim()
      ? [fieldError(`/money/${i}/overrideReason`, 'execution_override_reason', language)]
      : [],
  );

/** What every reviewer sees: an imported figure the unit changed. */
const moneyFlags = (money: readonly KeptMoneyLine[], language: Language): FieldError[] =>
  money.flatMap((line, i) =>
    line.importedExecutedFen !== null && line.executedFen !== line.importedExecutedFen
      ? [fieldError(`/money/${i}/executedFen`, 'execution_overridden', language)]
      : [],
  );

export const selfEvaluationChecks = (s: StoredSelfEvaluation, language: Language) => {
  const sheet = sheetOf(s);
  return {
    sheet,
    checks: [...moneyErrors(s.money, language), ...selfEvaluationErrors(s.rows, sheet, s.scoring, language)],
    flags: [...moneyFlags(s.money, language), ...selfEvaluationWarnings(s.rows, sheet, s.scoring, s.weights, language)],
  };
};

/**
 * The money block with the treasury's figures of the year (rule 9): an empty 全年执行数 takes the
 * imported one, and every line knows the imported figure, so a unit's different figure needs a
 * reason and shows to every reviewer. Figures imported after the self-evaluation was made count too.
 */
export const withImportedFigures = (
  s: StoredSelfEvaluation,
  figures: ReadonlyMap<MoneySource, ExecutionFigure>,
): StoredSelfEvaluation => ({
  ...s,
  money: s.money.map((line) => {
    const imported = figures.get(line.source)?.executedFen ?? null;
    if (imported === null) return { ...line, importedExecutedFen: null };
    return line.executedFen === null
      ? { ...line, executedFen: imported, origin: 'TREASURY' as const, importedExecutedFen: imported }
      : { ...line, importedExecutedFen: imported };
  }),
});

export const importedFiguresOf = async (
  store: RecordStore,
  tenant: string,
  s: Pick<StoredSelfEvaluation, 'fiscalYear' | 'projectCode'>,
): Promise<Map<MoneySource, ExecutionFigure>> => {
  const figures = await store.getMany<ExecutionFigure>(
    tenant,
    executionFigureKind,
    moneySourceCodes.map((source) => executionFigureId(s.fiscalYear, s.projectCode, source)),
  );
  return new Map(figures.map((f) => [f.source, f]));
};

export const selfEvaluationRecordOperations = (store: RecordStore) => {
  const kinds = { record: selfEvaluationKind, round: selfEvaluationRoundKind };

  const visible = async (request: OperationRequest, id: string): Promise<StoredSelfEvaluation> => {
    const found = await visibleAsStored(request, id);
    return withImportedFigures(found, await importedFiguresOf(store, request.principal.tenant, found));
  };

  const visibleAsStored = (request: OperationRequest, id: string): Promise<StoredSelfEvaluation> =>
    readRoundRecord<StoredSelfEvaluation>(store, kinds, request, id);

  /**
   * The table with its score sheet, the rules it breaks, what reviewers should look at, and every score
   * the unit states that departs from the formula's, with its likely cause (docs/domain/self-evaluation.md#claimed-and-computed-scores).
   */
  const view = (s: StoredSelfEvaluation, language: Language) => {
    const { sheet, checks, flags } = selfEvaluationChecks(s, language);
    const claims = claimDifferences(s.rows, sheet, s.claimedTotal, s.scoring);
    return { ...s, sheet: withoutExact(sheet), checks, flags, claims };
  };

  /** A round's self-evaluations of one department (functions/src/records/round-records.ts). */
  const list = listRoundRecords<StoredSelfEvaluation>(store, kinds);

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: view(await visible(request, request.params.id), request.language),
  });

  /** Writes a self-evaluation, scored again, together with its department's tally when what it counts moved. */
  const write = async (
    request: OperationRequest,
    before: StoredSelfEvaluation,
    changed: StoredSelfEvaluation,
    operation: string,
  ) => {
    const sheet = sheetOf(changed);
    const after: StoredSelfEvaluation = {
      ...changed,
      total: sheet.complete ? sheet.total : null,
      grade: sheet.complete ? sheet.grade : null,
    };
    const writes: TransactionWrite[] = [{ kind: selfEvaluationKind, before, after }];
    const tally = selfEvaluationTallyIncrement(before.roundId, before.departmentId, [{ before, after }]);
    if (tally) writes.push(tally);
    return {
      after,
      result: await store.transact(request.principal.tenant, writes, { ...writeContext(request), operation }),
    };
  };

  const mergeMoney = (current: StoredSelfEvaluation, body: SaveSelfEvaluation['money'], language: Language) => {
    if (!body) return current.money;
    const sources = body.map((m) => m.source);
    if (new Set(sources).size !== sources.length) {
      throw new HttpProblem('validation-failed', { errors: [fieldError('/money', 'unique_items', language)] });
    }
    return current.money.map((line) => {
      const entry = body.find((m) => m.source === line.source);
      if (!entry) return line;
      const { overrideReason, ...figures } = entry;
      const changed =
        figures.initialBudgetFen !== line.initialBudgetFen ||
        figures.annualBudgetFen !== line.annualBudgetFen ||
        figures.executedFen !== line.executedFen;
      return {
        ...line,
        ...figures,
        origin: changed ? ('UNIT' as const) : line.origin,
        overrideReason: overrideReason ?? '',
      };
    });
  };

  /** Saves what the unit filled in (a draft, or a returned one, which becomes a draft again). */
  const save: Operation = (request: OperationRequest<{ id: string }, unknown, SaveSelfEvaluation>) =>
    untilWritten(async () => {
      const current = await visible(request, request.params.id);
      if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
      if (!editableSelfEvaluationStatuses.includes(current.reviewStatus)) {
        throw new HttpProblem('invalid-transition', { current });
      }
      const { version: _expected, rows, money, ...changes } = request.body;
      const reviewStatus: TargetStatus = 'DRAFT';
      const next: StoredSelfEvaluation = {
        ...current,
        ...changes,
        rows: rows ? mergeRowsById(current.rows, rows, '/rows', request.language) : current.rows,
        money: mergeMoney(current, money, request.language),
        reviewStatus,
        statusSince: current.reviewStatus === reviewStatus ? current.statusSince : request.receivedAt,
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const { after, result } = await write(request, current, next, 'save-self-evaluation');
      return { result, body: view(after, request.language) };
    });

  /** Moves a self-evaluation one step along the review, with its department's tally, in one transaction. */
  const transition = (
    request: OperationRequest<{ id: string }, unknown, ReviewDecision>,
    pick: SelfEvaluationAction | ((current: StoredSelfEvaluation) => SelfEvaluationAction),
  ) =>
    untilWritten(async () => {
      const current = await visible(request, request.params.id);
      const action = typeof pick === 'function' ? pick(current) : pick;
      const next = reviewedOnce(selfEvaluationActions, request, current, action, {
        ruleErrors: selfEvaluationChecks(current, request.language).checks,
        lastAction: current.reviewLog.at(-1)?.action,
      });
      const { after, result } = await write(request, current, next, action);
      return { result, body: view(after, request.language) };
    });

  type DecisionRequest = OperationRequest<{ id: string }, unknown, ReviewDecision>;
  const approve = (request: DecisionRequest) => request.body.decision === 'approve';
  const submit: Operation = (request: DecisionRequest) => transition(request, 'submit');
  const departmentReview: Operation = (request: DecisionRequest) =>
    transition(request, approve(request) ? 'department-approve' : 'department-return');
  const firstReview: Operation = (request: DecisionRequest) =>
    transition(request, approve(request) ? 'first-approve' : 'first-return');
  const finalReview: Operation = (request: DecisionRequest) =>
    transition(request, approve(request) ? 'final-approve' : 'final-return');
  /** 撤回 (docs/domain/submission.md#withdrawal): the caller's own last step taken back, with the tally. */
  const withdraw: Operation = (request: OperationRequest<{ id: string }, unknown, WithdrawSubmission>) =>
    transition(
      { ...request, body: { version: request.body.version, opinion: request.body.comment ?? '' } },
      (current) =>
        withdrawalFor(selfEvaluationActions, current.reviewStatus, (role) =>
          mayActAs(request.principal, role, current),
        ),
    );

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visible(request, request.params.id);
    return historyPage(store, selfEvaluationKind, request.params.id, request);
  };

  return { list, get, save, submit, departmentReview, firstReview, finalReview, withdraw, history, visible };
};

/** 批量审核 (docs/domain/submission.md#bulk-review): many self-evaluations, one opinion, each through the single step above. */
export const bulkSelfEvaluationReview = (store: RecordStore): Operation =>
  bulkReview(
    store,
    (over) => {
      const steps = selfEvaluationRecordOperations(over);
      return {
        'department-reviewer': steps.departmentReview,
        'business-section-reviewer': steps.firstReview,
        'performance-section-reviewer': steps.finalReview,
      };
    },
    () => reviewDecision,
  );
