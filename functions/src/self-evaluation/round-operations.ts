import type { Language } from '@jixiao/core/language.ts';
import type { MonitoringReport } from '@jixiao/core/monitoring/monitoring-report.ts';
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
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { activeDepartmentIds, budgetedProjectsOf, roundIssuer, roundReads } from '#functions/records/issued-round.ts';
import { createdResponse, newRecord, writeContext } from '#functions/records/record-operations.ts';
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
  type SelfEvaluationTally,
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
  const { visibleRound, publicRound, list, get } = roundReads<StoredRound>(store, selfEvaluationRoundKind);

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
        pendingDepartmentIds: existing ? existing.pendingDepartmentIds : await activeDepartmentIds(store, tenant),
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
    return [...(await budgetedProjectsOf<StoredProject>(store, tenant, departmentId, round.fiscalYear)), ...carried];
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

  /** Issues the next departments of an opening round, as much as one call may do; the caller repeats until ISSUED. */
  const issueNext = roundIssuer<StoredRound, StoredSelfEvaluation, StoredProject, readonly string[]>(
    store,
    {
      roundKind: selfEvaluationRoundKind,
      issuedKind: selfEvaluationKind,
      tallyKind: selfEvaluationTallyKind,
      issuedId: selfEvaluationId,
      tallyId: selfEvaluationTallyId,
      perTransaction,
      perCall,
      millisecondsPerCall,
      operations: {
        records: 'issue-self-evaluations',
        department: 'issue-self-evaluation-department',
        round: 'issue-self-evaluation-round',
      },
      addIssued: (round, count) => ({ ...round, selfEvaluationCount: round.selfEvaluationCount + count }),
      tallyCount: (tally) => (tally as SelfEvaluationTally).selfEvaluations,
      // A department with no projects still gets its (empty) tally, so the summary lists it.
      tallyForEmptyDepartment: true,
      projectsOf,
      // The year's monitoring rounds, where the money block's budgets come from.
      contextOf: async (tenant, round, missing) =>
        missing.length > 0 ? monitoringRoundsOf(tenant, round.fiscalYear) : [],
      build: selfEvaluationsOf,
      newTally: newSelfEvaluationTally,
      tallyIncrement: selfEvaluationTallyIncrement,
    },
    visibleRound,
  );

  const issue: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: publicRound(await issueNext(request)),
  });

  return { list, get, create, issue, visibleRound };
};
