import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { step } from '@jixiao/core/review/review-engine.ts';
import {
  defaultPublishedReportStatus,
  isObserver,
  publishedReport,
  publishedRound,
  readsRound,
} from '@jixiao/core/scope/observer-scope.ts';
import { canSee, isUnitMember, mayActAs, seesTenant } from '@jixiao/core/scope/project-scope.ts';
import { claimDifferences } from '@jixiao/core/self-evaluation/claimed-score.ts';
import { type ScoreSheet, scoreSheet } from '@jixiao/core/self-evaluation/score-sheet.ts';
import type {
  KeptMoneyLine,
  SaveSelfEvaluation,
  SelfEvaluationRoundStatus,
} from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { type MoneySource, moneySourceCodes, type RowEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { selfEvaluationErrors, selfEvaluationWarnings } from '@jixiao/core/self-evaluation/self-evaluation-rules.ts';
import {
  editableSelfEvaluationStatuses,
  type SelfEvaluationAction,
  selfEvaluationActions,
} from '@jixiao/core/self-evaluation/self-evaluation-workflow.ts';
import type { ReviewStep, TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type {
  HistoryRequest,
  ListFilter,
  RecordStore,
  StoredRecord,
  TransactionWrite,
} from '#functions/ports/record-store.ts';
import { historyPage, listPage, writeContext } from '#functions/records/record-operations.ts';
import { reviewRefusal } from '#functions/records/review-refusal.ts';
import {
  type ExecutionFigure,
  executionFigureId,
  executionFigureKind,
} from '#functions/self-evaluation/execution-figure-kinds.ts';
import { selfEvaluationKind, selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';
import { type StoredSelfEvaluation, selfEvaluationTallyIncrement } from '#functions/self-evaluation/tally-writes.ts';
import { withoutExact } from '#functions/self-evaluation/without-exact.ts';

/** How many times a change re-reads and retries when only the department's tally moved underneath it. */
const attempts = 5;

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
  const visible = async (request: OperationRequest, id: string): Promise<StoredSelfEvaluation> => {
    const found = await visibleAsStored(request, id);
    return withImportedFigures(found, await importedFiguresOf(store, request.principal.tenant, found));
  };

  const visibleAsStored = async (request: OperationRequest, id: string): Promise<StoredSelfEvaluation> => {
    const p = request.principal;
    const found = await store.get<StoredSelfEvaluation>(p.tenant, selfEvaluationKind, id);
    if (!found) throw new HttpProblem('not-found');
    // Read only as the observer: a sent self-evaluation of a round already issued (core/src/scope/observer-scope.ts).
    if (!canSee(p, found, false)) {
      const round = publishedReport(found.reviewStatus)
        ? await store.get<StoredRecord & { roundStatus: SelfEvaluationRoundStatus }>(
            p.tenant,
            selfEvaluationRoundKind,
            found.roundId,
          )
        : undefined;
      if (!canSee(p, found, round !== undefined && publishedRound(round))) throw new HttpProblem('not-found');
    }
    return found;
  };

  /**
   * The table with its score sheet, the rules it breaks, what reviewers should look at, and every score
   * the unit states that departs from the formula's, with its likely cause (docs/domain/self-evaluation.md#claimed-and-computed-scores).
   */
  const view = (s: StoredSelfEvaluation, language: Language) => {
    const { sheet, checks, flags } = selfEvaluationChecks(s, language);
    const claims = claimDifferences(s.rows, sheet, s.claimedTotal, s.scoring);
    return { ...s, sheet: withoutExact(sheet), checks, flags, claims };
  };

  /** A round's self-evaluations of one department: units and department reviewers their own; the bureau names one. */
  const list: Operation = async (
    request: OperationRequest<{ id: string }, Record<string, string | number | undefined>>,
  ) => {
    const p = request.principal;
    const { limit, cursor, q, departmentId, reviewStatus } = request.query;
    const round = await store.get<StoredRecord & { roundStatus: SelfEvaluationRoundStatus }>(
      p.tenant,
      selfEvaluationRoundKind,
      request.params.id,
    );
    if (!round || !readsRound(p, round)) throw new HttpProblem('not-found');
    const department = (departmentId as string | undefined) ?? p.departmentId;
    if (!department) {
      throw new HttpProblem('validation-failed', {
        errors: [fieldError('/departmentId', 'required', request.language)],
      });
    }
    const filters: ListFilter[] = [];
    let status = reviewStatus as TargetStatus | undefined;
    if (!p.roles.includes('performance-section-reviewer') && isObserver(p)) {
      status ??= defaultPublishedReportStatus;
      if (!publishedReport(status)) return { status: 200, body: { items: [] } };
    } else if (!seesTenant(p)) {
      if (p.roles.includes('business-section-reviewer') && p.sectionId) {
        filters.push({ field: 'financeSectionId', op: 'eq', value: p.sectionId });
      } else if (p.departmentId !== department) {
        return { status: 200, body: { items: [] } };
      } else if (!p.roles.includes('department-reviewer')) {
        if (!p.unitId) return { status: 200, body: { items: [] } };
        filters.push({ field: 'unitId', op: 'eq', value: p.unitId });
      }
    }
    if (status) filters.push({ field: 'reviewStatus', op: 'eq', value: status });
    const page = await listPage<StoredSelfEvaluation>(
      store,
      p.tenant,
      selfEvaluationKind,
      {
        limit: Number(limit),
        cursor: cursor as string | undefined,
        q: q as string | undefined,
        ownerId: `${request.params.id}#${department}`,
        filters,
      },
      request.language,
    );
    return { status: 200, body: page };
  };

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

  const mergeRows = (current: StoredSelfEvaluation, entries: readonly RowEntry[], language: Language) => {
    const unknown = entries
      .map((e, i) => [e, i] as const)
      .filter(([e]) => !current.rows.some((r) => r.rowId === e.rowId));
    if (unknown.length > 0) {
      throw new HttpProblem('validation-failed', {
        errors: unknown.map(([, i]) => fieldError(`/rows/${i}/rowId`, 'unknown_row', language)),
      });
    }
    const byId = new Map(entries.map((e) => [e.rowId, e]));
    return current.rows.map((row) => ({ ...row, ...(byId.get(row.rowId) ?? {}) }));
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
  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveSelfEvaluation>) => {
    for (let attempt = 1; ; attempt++) {
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
        rows: rows ? mergeRows(current, rows, request.language) : current.rows,
        money: mergeMoney(current, money, request.language),
        reviewStatus,
        statusSince: current.reviewStatus === reviewStatus ? current.statusSince : request.receivedAt,
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const { after, result } = await write(request, current, next, 'save-self-evaluation');
      if (result.outcome === 'done') return { status: 200, body: view(after, request.language) };
      if (result.outcome === 'version-conflict' && result.index === 0) {
        throw new HttpProblem('version-conflict', { current: result.current });
      }
      if (attempt >= attempts) throw new HttpProblem('version-conflict');
    }
  };

  interface Decision {
    version: number;
    opinion?: string;
    decision?: 'approve' | 'return';
    rowComments?: Record<string, string>;
  }

  /** Moves a self-evaluation one step along the review, with its department's tally, in one transaction. */
  const transition = async (
    request: OperationRequest<{ id: string }, unknown, Decision>,
    action: SelfEvaluationAction,
  ) => {
    for (let attempt = 1; ; attempt++) {
      const current = await visible(request, request.params.id);
      const decision = step(
        selfEvaluationActions,
        { status: current.reviewStatus, version: current.version },
        action,
        { actsAs: (role) => mayActAs(request.principal, role, current) },
        {
          version: request.body.version,
          facts: { ruleErrors: selfEvaluationChecks(current, request.language).checks },
        },
      );
      if (!decision.ok) throw reviewRefusal(decision.problem, current);
      const { to, role, effects } = decision;
      const reviewStep: ReviewStep = {
        action,
        from: current.reviewStatus,
        to,
        by: request.principal.userId,
        byName: request.principal.displayName ?? request.principal.userId,
        role,
        at: request.receivedAt,
        opinion: request.body.opinion ?? '',
        grade: null,
        rowComments: request.body.rowComments ?? {},
      };
      const next: StoredSelfEvaluation = {
        ...current,
        reviewStatus: to,
        statusSince: request.receivedAt,
        firstSubmittedAt: current.firstSubmittedAt ?? (effects.includes('first-submitted') ? request.receivedAt : null),
        reviewLog: [...current.reviewLog, reviewStep],
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const { after, result } = await write(request, current, next, action);
      if (result.outcome === 'done') return { status: 200, body: view(after, request.language) };
      if (result.outcome === 'version-conflict' && result.index === 0) {
        throw new HttpProblem('version-conflict', { current: result.current });
      }
      if (attempt >= attempts) throw new HttpProblem('version-conflict');
    }
  };

  type DecisionRequest = OperationRequest<{ id: string }, unknown, Decision>;
  const approve = (request: DecisionRequest) => request.body.decision === 'approve';
  const submit: Operation = (request: DecisionRequest) => transition(request, 'submit');
  const departmentReview: Operation = (request: DecisionRequest) =>
    transition(request, approve(request) ? 'department-approve' : 'department-return');
  const firstReview: Operation = (request: DecisionRequest) =>
    transition(request, approve(request) ? 'first-approve' : 'first-return');
  const finalReview: Operation = (request: DecisionRequest) =>
    transition(request, approve(request) ? 'final-approve' : 'final-return');

  const history: Operation = async (request: OperationRequest<{ id: string }, HistoryRequest>) => {
    await visible(request, request.params.id);
    return historyPage(store, selfEvaluationKind, request.params.id, request);
  };

  return { list, get, save, submit, departmentReview, firstReview, finalReview, history, visible };
};
