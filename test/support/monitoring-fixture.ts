import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultThresholds } from '@jixiao/core/monitoring/monitoring-config.ts';
import { assess } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { reportLineFrom } from '@jixiao/core/monitoring/report-line.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import { monitoringReportKind, monitoringRoundKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { newTally, newTallyWrite, redMarkWrite, type StoredReport } from '@jixiao/functions/monitoring/tally-writes.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';

export interface MonitoringDepartment {
  id: string;
  code: string;
  name: string;
  series: string;
  financeSectionId: string | null;
  unitId: string;
  unitName: string;
}

/** The demo's 教育局 (section 教科文科) and 发改委 (section 经济建设科) with their own units, as the fixtures name them. */
export const demoEducation: MonitoringDepartment = {
  id: demoId('department:102'),
  code: '102',
  name: '东丽区教育局',
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JKW'),
  unitId: demoId('unit:102001'),
  unitName: '区教育局（本级）',
};
export const demoDevelopment: MonitoringDepartment = {
  id: demoId('department:101'),
  code: '101',
  name: '东丽区发展和改革委员会',
  series: 'GOVERNMENT',
  financeSectionId: demoId('section:JJJS'),
  unitId: demoId('unit:101001'),
  unitName: '区发展改革委（本级）',
};

const at = '2026-07-01T02:00:00.000Z';
const fixtureRequest = { receivedAt: at, principal: { userId: 'fixture:monitoring' } } as OperationRequest;

/** An issued round of 2026 (data date 30 June, deadline 20 July unless told), written straight to the store. */
export const seedMonitoringRound = async (
  store: RecordStore,
  tenant: string,
  options: { deadline?: string } = {},
): Promise<string> => {
  const id = uuidV7();
  await store.create(
    tenant,
    monitoringRoundKind,
    {
      id,
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'fixture',
      updatedBy: 'fixture',
      fiscalYear: 2026,
      name: '2026 年 1–6 月运行监控',
      dataDate: '2026-06-30',
      deadline: options.deadline ?? '2026-07-20',
      scope: 'KEY',
      projectIds: [],
      roundStatus: 'ISSUED',
      thresholds: defaultThresholds,
      reportCount: 1,
      pendingDepartmentIds: [],
    },
    { hash: requestHash({ round: id }), context: { actor: 'fixture', actorRoles: [], requestId: uuidV7(), at } },
  );
  return id;
};

/**
 * Reports of a department's unit in the round, one per status asked for (a draft, or one already
 * final-approved), written with the department's tally. Their execution is nil at 30 June, so
 * each is red. Answers their ids in the same order.
 */
export const seedMonitoringReports = async (
  store: RecordStore,
  tenant: string,
  roundId: string,
  department: MonitoringDepartment,
  statuses: readonly ('DRAFT' | 'FINAL_APPROVED')[] = ['DRAFT'],
): Promise<string[]> => {
  const reports = statuses.map((status) => reportOf(roundId, department, status));
  const result = await store.transact(
    tenant,
    [
      newTallyWrite(newTally(roundId, department, reports, fixtureRequest)),
      ...reports.map((report) => ({
        kind: monitoringReportKind,
        create: report,
        hash: requestHash({ report: report.id }),
      })),
      // A red report that is reported is on the round's red list.
      ...reports.flatMap((report) => redMarkWrite(undefined, report, department.code, fixtureRequest) ?? []),
    ],
    { actor: 'fixture', actorRoles: [], requestId: uuidV7(), at },
  );
  if (result.outcome !== 'done') throw new Error(`monitoring fixture: ${result.outcome}`);
  return reports.map((r) => r.id);
};

const reportOf = (
  roundId: string,
  department: MonitoringDepartment,
  reviewStatus: 'DRAFT' | 'FINAL_APPROVED',
): StoredReport => {
  const id = uuidV7();
  const lines = [
    reportLineFrom({
      rowId: 'r1',
      period: 'ANNUAL',
      level1: 'OUTPUT',
      level2: 'QUANTITY',
      name: '培训教师人次',
      operator: 'GTE',
      value: '1200',
      unit: '人次',
    }),
  ];
  const budget = { fiscal: 1_000_000_00, carryOver: 0, other: 0 };
  const executed = { fiscal: 0, carryOver: 0, other: 0 };
  const report: StoredReport = {
    id,
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: 'fixture',
    updatedBy: 'fixture',
    roundId,
    roundName: '2026 年 1–6 月运行监控',
    roundDepartment: `${roundId}#${department.id}`,
    fiscalYear: 2026,
    dataDate: '2026-06-30',
    deadline: '2026-07-20',
    thresholds: defaultThresholds,
    projectId: uuidV7(),
    projectCode: `DL2026M${Math.floor(Math.random() * 1e6)}`,
    projectName: '教师培训项目',
    departmentId: department.id,
    departmentName: department.name,
    departmentSeries: department.series,
    unitId: department.unitId,
    unitName: department.unitName,
    financeSectionId: department.financeSectionId,
    targetId: uuidV7(),
    targetVersionNo: 1,
    annualGoal: '完成全年教师培训任务',
    budget,
    executed,
    forecastFullYearFen: null,
    goalProgress: '',
    lines,
    reviewStatus,
    statusSince: at,
    reviewLog: [],
    firstSubmittedAt: reviewStatus === 'DRAFT' ? null : at,
    assessment: assess({ dataDate: '2026-06-30', budget, executed, lines }, defaultThresholds),
  };
  return report;
};

/**
 * The body that fills a seeded draft report so it passes every rule and can be sent: half the budget executed, each
 * line at half its target to date and on course for the whole target by the year's end.
 */
export const onTrackReportBody = (draft: { version: number; lines: readonly { rowId: string }[] }) => ({
  version: draft.version,
  executed: { fiscal: 50_000_000, carryOver: 0, other: 0 },
  forecastFullYearFen: 1_000_000_00,
  goalProgress: '上半年按计划推进。',
  lines: draft.lines.map((l) => ({
    rowId: l.rowId,
    actualToDate: '600',
    forecastYearEnd: '1200',
    likelihood: 'CERTAIN',
    deviationReasons: [],
    deviationAnalysis: '',
    correctiveMeasures: '',
    remarks: '',
  })),
});
