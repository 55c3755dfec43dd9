import type { Language } from '@jixiao/core/language.ts';
import type { MonitoringReport } from '@jixiao/core/monitoring/monitoring-report.ts';
import { readsRound } from '@jixiao/core/scope/observer-scope.ts';
import type {
  CreateSelfEvaluationRound,
  KeptMoneyLine,
  SelfEvaluationRound,
} from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { blankEntry, type MoneySource } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import type { Project, ProjectFunds } from '@jixiao/core/submission/project.ts';
import { defaultTargetWeights, type TargetWeights } from '@jixiao/core/submission/target-weights.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { monitoringReportKind, monitoringRoundKind } from '#functions/monitoring/record-kinds.ts';
import { departmentKind } from '#functions/organisation/record-kinds.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { createdResponse, listPage, newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import {
  selfEvaluationKind,
  selfEvaluationRoundKind,
  selfEvaluationTallyKind,
} from '#functions/self-evaluation/record-kinds.ts';
import type { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import {
  type DepartmentOfRound,
  newSelfEvaluationTally,
  type StoredSelfEvaluation,
  selfEvaluationTallyId,
  selfEvaluationTallyIncrement,
} from '#functions/self-evaluation/tally-writes.ts';
import { projectKind, targetKind, weightSettingsKind } from '#functions/submission/record-kinds.ts';
import { weightSettingsId } from '#functions/submission/weight-operations.ts';

type StoredRound = SelfEvaluationRound & StoredRecord & { pendingDepartmentIds: string[]; yearKey: string };
type StoredProject = Project & StoredRecord & { initialFunds?: ProjectFunds };
type StoredTarget = PerformanceTarget & StoredRecord;
type StoredReport = MonitoringReport & StoredRecord;

export const selfEvaluationId = (roundId: string, projectId: string) =>
  derivedId(`self-evaluation:${roundId}:${projectId}`);
const monitoringReportId = (roundId: string, projectId: string) =>
  derivedId(`monitoring-report:${roundId}:${projectId}`);

/** Self-evaluations written per transaction: three items each (record, create marker, audit) plus the tally's two, under 100. */
const perTransaction = 30;
/** One call issues departments until this many self-evaluations are made or this much time has passed; the caller calls again. */
const perCall = 200;
const millisecondsPerCall = 4000;

const sources: { source: MoneySource; field: keyof ProjectFunds }[] = [
  { source: 'FISCAL', field: 'fiscal' },
  { source: 'CARRY_OVER', field: 'carryOver' },
  { source: 'OTHER', field: 'other' },
];

/**
 * The money block a self-evaluation starts from: 年初预算数 from the last monitoring report of the
 * year (its start-of-year budget) or the project, 全年预算数 the project's funds now (after any
 * adjustment); 全年执行数 stays empty until the treasury's figures are imported or the unit fills it.
 */
const moneyFrom = (project: StoredProject, report: StoredReport | undefined): KeptMoneyLine[] => {
  const initial = report?.initialBudget ?? project.initialFunds ?? report?.budget ?? project.funds;
  return sources.map(({ source, field }) => ({
    source,
    initialBudgetFen: initial[field],
    annualBudgetFen: project.funds[field],
    executedFen: null,
    origin: report ? 'MONITORING' : 'PROJECT',
    importedExecutedFen: null,
    overrideReason: '',
  }));
};

export const selfEvaluationRoundOperations = (
  store: RecordStore,
  settings: ReturnType<typeof scoringSettingsOperations>,
) => {
  const visibleRound = async (request: OperationRequest, id: string): Promise<StoredRound> => {
    const round = await store.get<StoredRound>(request.principal.tenant, selfEvaluationRoundKind, id);
    if (!round || !readsRound(request.principal, round)) throw new HttpProblem('not-found');
    return round;
  };

  const publicRound = ({ pendingDepartmentIds: _pending, yearKey: _key, ...round }: StoredRound) => round;

  const list: Operation = async (request: OperationRequest<unknown, Record<string, string | number | undefined>>) => {
    const { limit, cursor, fiscalYear } = request.query;
    const page = await listPage<StoredRound>(
      store,
      request.principal.tenant,
      selfEvaluationRoundKind,
      {
        limit: Number(limit),
        cursor: cursor as string | undefined,
        ownerId: fiscalYear ? String(fiscalYear) : undefined,
      },
      request.language,
    );
    const items = page.items.filter((r) => readsRound(request.principal, r)).map(publicRound);
    return { status: 200, body: { ...page, items } };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: publicRound(await visibleRound(request, request.params.id)),
  });

  /** Every active department that spends budget (not the bureau itself), by code. */
  const activeDepartments = async (tenant: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list<StoredRecord>(tenant, departmentKind, { limit: 100, cursor });
      ids.push(...page.items.filter((d) => d.status === 'active' && d.isFinanceBureau !== true).map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  };

  /** Carried-over projects must be earlier years' budgeted projects with approved targets. */
  const checkCarriedOver = async (tenant: string, body: CreateSelfEvaluationRound, language: Language) => {
    const projects = await store.getMany<StoredProject>(tenant, projectKind, body.carriedOverProjectIds);
    const byId = new Map(projects.map((p) => [p.id, p]));
    const unfit = body.carriedOverProjectIds.flatMap((id, i) => {
      const p = byId.get(id);
      return p && p.fiscalYear < body.fiscalYear && p.stage === 'BUDGETED' && p.approvedTargetId ? [] : [i];
    });
    if (unfit.length > 0) {
      throw new HttpProblem('rules-not-met', {
        errors: unfit.map((i) => ({
          pointer: `/carriedOverProjectIds/${i}`,
          code: 'carried_over_unfit',
          message: describe('carried_over_unfit', language),
        })),
      });
    }
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, CreateSelfEvaluationRound>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    const existing = await store.get<StoredRound>(tenant, selfEvaluationRoundKind, body.id);
    if (!existing) await checkCarriedOver(tenant, body, request.language);
    const weights = await store.get<StoredRecord & { weights: TargetWeights }>(
      tenant,
      weightSettingsKind,
      weightSettingsId(body.fiscalYear),
    );
    const record = newRecord(
      {
        ...body,
        yearKey: String(body.fiscalYear),
        roundStatus: 'OPENING',
        scoring: await settings.scoringFor(tenant, body.fiscalYear),
        weights: weights?.weights ?? defaultTargetWeights,
        selfEvaluationCount: 0,
        pendingDepartmentIds: existing ? existing.pendingDepartmentIds : await activeDepartments(tenant),
      },
      request,
    );
    const made = await store.create(tenant, selfEvaluationRoundKind, record, {
      hash: requestHash(body),
      context: writeContext(request),
    });
    // One round per year: a second is refused in the words of the year, not of the key that keeps it unique.
    if (made.outcome === 'duplicate') {
      throw new HttpProblem('duplicate', {
        errors: [
          {
            pointer: '/fiscalYear',
            code: 'self_evaluation_round_exists',
            message: describe('self_evaluation_round_exists', request.language),
          },
        ],
      });
    }
    const result = createdResponse(made, request.language);
    return { ...result, body: publicRound(result.body as StoredRound) };
  };

  /** The department's projects in the round: its budgeted projects of the year, and its named carried-over ones. */
  const projectsOf = async (tenant: string, round: StoredRound, departmentId: string): Promise<StoredProject[]> => {
    const carried = (await store.getMany<StoredProject>(tenant, projectKind, round.carriedOverProjectIds)).filter(
      (p) => p.departmentId === departmentId,
    );
    const projects: StoredProject[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list<StoredProject>(tenant, projectKind, {
        limit: 100,
        cursor,
        ownerId: departmentId,
        filters: [
          { field: 'fiscalYear', op: 'eq', value: round.fiscalYear },
          { field: 'stage', op: 'eq', value: 'BUDGETED' },
        ],
      });
      projects.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return [...projects, ...carried];
  };

  /** The monitoring rounds of the year, latest data date first: where the money block's budgets come from. */
  const monitoringRoundsOf = async (tenant: string, fiscalYear: number): Promise<string[]> => {
    const rounds: (StoredRecord & { dataDate: string })[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list<StoredRecord & { dataDate: string }>(tenant, monitoringRoundKind, {
        limit: 100,
        cursor,
        ownerId: String(fiscalYear),
      });
      rounds.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return rounds.sort((a, b) => b.dataDate.localeCompare(a.dataDate)).map((r) => r.id);
  };

  const selfEvaluationsOf = async (
    tenant: string,
    round: StoredRound,
    department: DepartmentOfRound,
    projects: readonly StoredProject[],
    request: OperationRequest,
    monitoringRounds: readonly string[],
  ): Promise<StoredSelfEvaluation[]> => {
    const targets = new Map(
      (
        await store.getMany<StoredTarget>(
          tenant,
          targetKind,
          projects.map((p) => p.approvedTargetId).filter((id): id is string => Boolean(id)),
        )
      ).map((t) => [t.id, t]),
    );
    const reports = new Map(
      (
        await store.getMany<StoredReport>(
          tenant,
          monitoringReportKind,
          monitoringRounds.flatMap((r) => projects.map((p) => monitoringReportId(r, p.id))),
        )
      ).map((r) => [r.id, r]),
    );
    return projects.map((project) => {
      const target = project.approvedTargetId ? targets.get(project.approvedTargetId) : undefined;
      // A budgeted project always has approved targets (the budget gate checks it): one without is a fault.
      if (!target) throw new Error(`project ${project.id} in round ${round.id} has no approved targets`);
      const report = monitoringRounds
        .map((r) => reports.get(monitoringReportId(r, project.id)))
        .find((r) => r !== undefined);
      const rows = target.rows
        .filter((row) => row.period === 'ANNUAL')
        .map((row) => ({
          level1: row.level1,
          level2: row.level2,
          name: row.name,
          operator: row.operator,
          targetValue: row.value,
          unit: row.unit,
          weight: row.weight,
          scoringStandard: row.scoringStandard,
          ...blankEntry(row.rowId),
        }));
      return {
        id: selfEvaluationId(round.id, project.id),
        version: 1,
        status: 'active',
        createdAt: request.receivedAt,
        updatedAt: request.receivedAt,
        createdBy: request.principal.userId,
        updatedBy: request.principal.userId,
        roundId: round.id,
        roundName: round.name,
        roundDepartment: `${round.id}#${department.id}`,
        fiscalYear: round.fiscalYear,
        deadline: round.deadline,
        scoring: round.scoring,
        weights: round.weights,
        projectId: project.id,
        projectCode: project.code,
        projectName: project.name,
        departmentId: department.id,
        departmentCode: department.code,
        departmentName: department.name,
        departmentSeries: department.series,
        unitId: project.unitId,
        unitName: project.unitName ?? '',
        financeSectionId: department.financeSectionId,
        carriedOver: project.fiscalYear < round.fiscalYear,
        targetId: target.id,
        targetVersionNo: target.versionNo,
        weightReason: target.weightReason ?? '',
        annualGoal: target.annualGoal,
        goalCompletion: '',
        money: moneyFrom(project, report),
        rows,
        claimedTotal: null,
        rowAttachments: {},
        reviewStatus: 'DRAFT',
        statusSince: request.receivedAt,
        firstSubmittedAt: null,
        reviewLog: [],
        total: null,
        grade: null,
        spotCheck: null,
      } satisfies StoredSelfEvaluation;
    });
  };

  /**
   * Makes up to `budget.count` of the department's missing self-evaluations, with its tally, a
   * transaction at a time, stopping early when the call's time is up; safe to repeat.
   */
  const issueDepartment = async (
    round: StoredRound,
    department: DepartmentOfRound,
    request: OperationRequest,
    budget: { count: number; until: number },
  ): Promise<{ made: number; state: 'done' | 'more' | 'raced' }> => {
    const tenant = request.principal.tenant;
    const projects = await projectsOf(tenant, round, department.id);
    const existing = new Set(
      (
        await store.getMany(
          tenant,
          selfEvaluationKind,
          projects.map((p) => selfEvaluationId(round.id, p.id)),
        )
      ).map((r) => r.id),
    );
    const missing = projects.filter((p) => !existing.has(selfEvaluationId(round.id, p.id)));
    // Read once per department, not per transaction: the year's monitoring rounds and whether the tally exists.
    const monitoringRounds = missing.length > 0 ? await monitoringRoundsOf(tenant, round.fiscalYear) : [];
    let tallyExists =
      (await store.get(tenant, selfEvaluationTallyKind, selfEvaluationTallyId(round.id, department.id))) !== undefined;
    let made = 0;
    for (let i = 0; i < Math.min(missing.length, budget.count); i += perTransaction) {
      if (i > 0 && Date.now() >= budget.until) return { made, state: 'more' };
      const chunk = await selfEvaluationsOf(
        tenant,
        round,
        department,
        missing.slice(i, Math.min(i + perTransaction, budget.count)),
        request,
        monitoringRounds,
      );
      const writes: TransactionWrite[] = chunk.map((s) => ({
        kind: selfEvaluationKind,
        create: s,
        hash: requestHash({ roundId: round.id, projectId: s.projectId }),
      }));
      const tally = tallyExists
        ? selfEvaluationTallyIncrement(
            round.id,
            department.id,
            chunk.map((after) => ({ before: undefined, after })),
          )
        : newSelfEvaluationTally(round.id, department, chunk, request);
      if (tally) writes.unshift(tally);
      const result = await store.transact(tenant, writes, {
        ...writeContext(request),
        operation: 'issue-self-evaluations',
      });
      if (result.outcome !== 'done') return { made, state: 'raced' };
      tallyExists = true;
      made += chunk.length;
    }
    return { made, state: made < missing.length ? 'more' : 'done' };
  };

  /**
   * Issues the next departments of an opening round, as much as one call may do; a department
   * larger than that is carried on by the next call, which resumes where this one stopped. A
   * department with no projects still gets its (empty) tally, so the summary lists it.
   */
  const issue: Operation = async (request: OperationRequest<{ id: string }>) => {
    const tenant = request.principal.tenant;
    const started = Date.now();
    let round = await visibleRound(request, request.params.id);
    let made = 0;
    while (round.roundStatus === 'OPENING' && made < perCall && Date.now() - started < millisecondsPerCall) {
      const next = round.pendingDepartmentIds[0];
      let count = 0;
      if (next) {
        const record = await store.get<StoredRecord>(tenant, departmentKind, next);
        const department: DepartmentOfRound = {
          id: next,
          code: String(record?.code ?? ''),
          name: String(record?.name ?? ''),
          series: String(record?.series ?? ''),
          financeSectionId: (record?.financeSectionId as string | null | undefined) ?? null,
        };
        const issued = await issueDepartment(round, department, request, {
          count: perCall - made,
          until: started + millisecondsPerCall,
        });
        made += issued.made;
        if (issued.state === 'raced') {
          round = await visibleRound(request, round.id);
          continue;
        }
        if (issued.state === 'more') break;
        const tallyId = selfEvaluationTallyId(round.id, next);
        const tally = await store.get<StoredRecord & { selfEvaluations: number }>(
          tenant,
          selfEvaluationTallyKind,
          tallyId,
        );
        if (!tally) {
          const result = await store.transact(tenant, [newSelfEvaluationTally(round.id, department, [], request)], {
            ...writeContext(request),
            operation: 'issue-self-evaluations',
          });
          if (result.outcome !== 'done' && result.outcome !== 'replayed') {
            round = await visibleRound(request, round.id);
            continue;
          }
        }
        count = tally?.selfEvaluations ?? 0;
      }
      const pendingDepartmentIds = round.pendingDepartmentIds.slice(1);
      const after: StoredRound = {
        ...round,
        pendingDepartmentIds,
        selfEvaluationCount: round.selfEvaluationCount + count,
        roundStatus: pendingDepartmentIds.length === 0 ? 'ISSUED' : 'OPENING',
        version: round.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const result = await store.update(tenant, selfEvaluationRoundKind, round, after, {
        ...writeContext(request),
        operation: after.roundStatus === 'ISSUED' ? 'issue-self-evaluation-round' : 'issue-self-evaluation-department',
      });
      round = result.outcome === 'updated' ? after : await visibleRound(request, round.id);
    }
    return { status: 200, body: publicRound(round) };
  };

  return { list, get, create, issue, visibleRound };
};
