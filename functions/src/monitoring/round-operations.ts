import type { Language } from '@jixiao/core/language.ts';
import { defaultThresholds, type MonitoringThresholds } from '@jixiao/core/monitoring/monitoring-config.ts';
import type { CreateRound, MonitoringRound, ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import { assess } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { reportLineFrom } from '@jixiao/core/monitoring/report-line.ts';
import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import type { Project } from '@jixiao/core/submission/project.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import {
  monitoringReportKind,
  monitoringRoundKind,
  monitoringSettingsKind,
  monitoringTallyKind,
} from '#functions/monitoring/record-kinds.ts';
import {
  type DepartmentOfRound,
  newTally,
  newTallyWrite,
  type StoredReport,
  type TallyRecord,
  tallyId,
  tallyIncrement,
} from '#functions/monitoring/tally-writes.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { activeDepartmentIds, budgetedProjectsOf, roundIssuer, roundReads } from '#functions/records/issued-round.ts';
import { createOnce, newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { projectKind, targetKind } from '#functions/submission/record-kinds.ts';

type StoredRound = MonitoringRound & StoredRecord & { pendingDepartmentIds: string[] };
type StoredProject = Project & StoredRecord;
type StoredTarget = PerformanceTarget & StoredRecord;
type SettingsRecord = StoredRecord & { fiscalYear: number; thresholds: MonitoringThresholds };

const settingsId = (fiscalYear: number) => derivedId(`monitoring-settings:${fiscalYear}`);
export const reportId = (roundId: string, projectId: string) => derivedId(`monitoring-report:${roundId}:${projectId}`);

/** Reports written per transaction: three items each (record, create marker, audit) plus the tally's two, under 100. */
const reportsPerTransaction = 30;
/** One call issues departments until this many reports are made or this much time has passed; the caller calls again. */
const reportsPerCall = 300;
const millisecondsPerCall = 4000;

export const roundOperations = (store: RecordStore) => {
  const thresholdsFor = async (tenant: string, fiscalYear: number): Promise<SettingsRecord | undefined> =>
    store.get<SettingsRecord>(tenant, monitoringSettingsKind, settingsId(fiscalYear));

  const getSettings: Operation = async (request: OperationRequest<{ fiscalYear: number }>) => {
    const fiscalYear = request.params.fiscalYear;
    const stored = await thresholdsFor(request.principal.tenant, fiscalYear);
    return {
      status: 200,
      body: { fiscalYear, thresholds: stored?.thresholds ?? defaultThresholds, version: stored?.version ?? 0 },
    };
  };

  const saveSettings: Operation = async (
    request: OperationRequest<{ fiscalYear: number }, unknown, { version: number; thresholds: MonitoringThresholds }>,
  ) => {
    const tenant = request.principal.tenant;
    const { fiscalYear } = request.params;
    const current = await thresholdsFor(tenant, fiscalYear);
    if ((current?.version ?? 0) !== request.body.version) {
      throw new HttpProblem('version-conflict', { current: current ?? null });
    }
    if (!current) {
      const record = newRecord(
        { id: settingsId(fiscalYear), fiscalYear, thresholds: request.body.thresholds },
        request,
      );
      const result = await store.create(tenant, monitoringSettingsKind, record, {
        hash: requestHash(request.body),
        context: { ...writeContext(request), operation: 'save-monitoring-settings' },
      });
      if (result.outcome === 'created' || result.outcome === 'replayed') {
        return {
          status: 200,
          body: { fiscalYear, thresholds: result.record.thresholds, version: result.record.version },
        };
      }
      throw new HttpProblem('version-conflict', { current: await thresholdsFor(tenant, fiscalYear) });
    }
    const next = {
      ...current,
      thresholds: request.body.thresholds,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(tenant, monitoringSettingsKind, current, next, {
      ...writeContext(request),
      operation: 'save-monitoring-settings',
    });
    if (result.outcome !== 'updated')
      throw new HttpProblem('version-conflict', { current: await thresholdsFor(tenant, fiscalYear) });
    return { status: 200, body: { fiscalYear, thresholds: next.thresholds, version: next.version } };
  };

  const { visibleRound, publicRound, list, get } = roundReads<StoredRound>(store, monitoringRoundKind);

  /** Which departments a round covers: every active department, or those of the key projects. */
  const departmentsInScope = async (tenant: string, body: CreateRound, language: Language): Promise<string[]> => {
    if (body.scope === 'KEY') {
      const projects = await store.getMany<StoredProject>(tenant, projectKind, body.projectIds);
      const byId = new Map(projects.map((p) => [p.id, p]));
      const unfit = body.projectIds.flatMap((id, i) => {
        const p = byId.get(id);
        return p && p.fiscalYear === body.fiscalYear && p.approvedTargetId ? [] : [i];
      });
      if (unfit.length > 0) {
        throw new HttpProblem('rules-not-met', {
          errors: unfit.map((i) => ({
            pointer: `/projectIds/${i}`,
            code: 'key_project_unfit',
            message: describe('key_project_unfit', language),
          })),
        });
      }
      return [...new Set(projects.map((p) => p.departmentId))].sort();
    }
    return activeDepartmentIds(store, tenant);
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, CreateRound>) => {
    const tenant = request.principal.tenant;
    const body = request.body;
    const existing = await store.get<StoredRound>(tenant, monitoringRoundKind, body.id);
    const pendingDepartmentIds = existing
      ? existing.pendingDepartmentIds
      : await departmentsInScope(tenant, body, request.language);
    const settings = await thresholdsFor(tenant, body.fiscalYear);
    const record = newRecord(
      {
        ...body,
        roundStatus: 'OPENING',
        thresholds: settings?.thresholds ?? defaultThresholds,
        reportCount: 0,
        pendingDepartmentIds,
      },
      request,
    );
    const result = await createOnce(store, request, monitoringRoundKind, record);
    return { ...result, body: publicRound(result.body as StoredRound) };
  };

  /** The department's projects in the round's scope: its key projects, or all its budgeted ones. */
  const projectsOf = async (tenant: string, round: StoredRound, departmentId: string): Promise<StoredProject[]> => {
    if (round.scope === 'KEY') {
      const key = await store.getMany<StoredProject>(tenant, projectKind, round.projectIds);
      return key.filter((p) => p.departmentId === departmentId);
    }
    return budgetedProjectsOf<StoredProject>(store, tenant, departmentId, round.fiscalYear);
  };

  /** The reports of these projects, made from their approved targets. */
  const reportsOf = async (
    tenant: string,
    round: StoredRound,
    department: DepartmentOfRound,
    projects: readonly StoredProject[],
    request: OperationRequest,
  ): Promise<StoredReport[]> => {
    const targets = new Map(
      (
        await store.getMany<StoredTarget>(
          tenant,
          targetKind,
          projects.map((p) => p.approvedTargetId).filter((id): id is string => Boolean(id)),
        )
      ).map((t) => [t.id, t]),
    );
    return projects.map((project) => {
      const target = project.approvedTargetId ? targets.get(project.approvedTargetId) : undefined;
      // A project in scope always has approved targets (the key set is checked when the round
      // opens, the budget gate checks the rest): one without is a fault, not a project to skip.
      if (!target) throw new Error(`project ${project.id} in round ${round.id} has no approved targets`);
      const lines: ReportLine[] = target.rows
        .filter((row) => row.period === 'ANNUAL')
        .map((row) => reportLineFrom(row));
      const executed = { fiscal: 0, carryOver: 0, other: 0 };
      const content = { dataDate: round.dataDate, budget: project.funds, executed, lines };
      return {
        id: reportId(round.id, project.id),
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
        dataDate: round.dataDate,
        deadline: round.deadline,
        thresholds: round.thresholds,
        projectId: project.id,
        projectCode: project.code,
        projectName: project.name,
        departmentId: department.id,
        departmentName: department.name,
        departmentSeries: department.series,
        unitId: project.unitId,
        unitName: project.unitName ?? '',
        financeSectionId: department.financeSectionId,
        targetId: target.id,
        targetVersionNo: target.versionNo,
        annualGoal: target.annualGoal,
        budget: project.funds,
        executed,
        forecastFullYearFen: null,
        goalProgress: '',
        lines,
        reviewStatus: 'DRAFT',
        statusSince: request.receivedAt,
        reviewLog: [],
        firstSubmittedAt: null,
        assessment: assess(content, round.thresholds),
      } satisfies StoredReport;
    });
  };

  /** Issues the next departments of an opening round, as much as one call may do; the caller repeats until ISSUED. */
  const issueNext = roundIssuer<StoredRound, StoredReport, StoredProject, undefined>(
    store,
    {
      roundKind: monitoringRoundKind,
      issuedKind: monitoringReportKind,
      tallyKind: monitoringTallyKind,
      issuedId: reportId,
      tallyId,
      perTransaction: reportsPerTransaction,
      perCall: reportsPerCall,
      millisecondsPerCall,
      operations: {
        records: 'issue-monitoring-reports',
        department: 'issue-monitoring-department',
        round: 'issue-monitoring-round',
      },
      addIssued: (round, count) => ({ ...round, reportCount: round.reportCount + count }),
      tallyCount: (tally) => (tally as TallyRecord).reports,
      tallyForEmptyDepartment: false,
      projectsOf,
      contextOf: async () => undefined,
      build: (tenant, round, department, projects, request) => reportsOf(tenant, round, department, projects, request),
      newTally: (roundId, department, made, request) => newTallyWrite(newTally(roundId, department, made, request)),
      tallyIncrement,
    },
    visibleRound,
  );

  const issue: Operation = async (request: OperationRequest<{ id: string }>) => ({
    status: 200,
    body: publicRound(await issueNext(request)),
  });

  return { getSettings, saveSettings, list, get, create, issue, visibleRound };
};
