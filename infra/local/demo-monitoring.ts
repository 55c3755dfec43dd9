import type { ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import { reportId } from '@jixiao/functions/monitoring/round-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { createBudgetedProject } from '#infra/local/budgeted-project.ts';
import { demoDepartments, demoId, demoTenant } from '#infra/local/demo-data.ts';
import { type DemoProject, demoProjects, demoProjectYear, propertyServices } from '#infra/local/demo-projects.ts';
import { type Actor, operationRunner } from '#infra/local/record-loader.ts';

/**
 * The demo's mid-year monitoring (docs/domain/monitoring.md): twins of the demo's projects, a year
 * before theirs, are in the budget next to the property-services project of that year, and the
 * performance section's round of its first half (data date 30 June, deadline 20 July) was issued
 * to them. Every year in the twins' texts is the round's (a twin's goal never names the next year). By now the departments
 * have checked in at every stage of the review: one approved and green, one red that the bureau
 * ordered rectified (the unit's feedback waits for verification), one red waiting for its
 * department, one yellow at the business section, one at the performance section, one returned,
 * and one never sent — overdue.
 */
/** The round's budget year: the year before the demo's projects. */
const year = demoProjectYear - 1;
export const demoRoundId = demoId(`monitoring-round:${year}-h1`);
const day = (monthDay: string) => `${year}-${monthDay}`;
/** A text of the demo's projects, with their year replaced by the round's. */
const inRoundYear = (text: string): string => text.replaceAll(String(demoProjectYear), String(year));
const inRoundYearRow = <R extends object>(row: R): R =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? inRoundYear(v) : v])) as R;

type Plan = {
  /** Execution to date as a share of the budget. */
  spent: number;
  /** How the lines stand: every line certain, or the first one doubtful. */
  first: 'CERTAIN' | 'POSSIBLE' | 'IMPOSSIBLE';
  reach: 'draft' | 'unit-submitted' | 'dept-approved' | 'first-reviewed' | 'approved' | 'returned';
  /** Month and day it was first sent on. */
  sentOn?: string;
  rectify?: boolean;
};

const plans: Record<string, Plan> = {
  [propertyServices]: { spent: 0.45, first: 'CERTAIN', reach: 'approved', sentOn: '07-14' },
  [`DL${year}JY0002`]: { spent: 0.2, first: 'IMPOSSIBLE', reach: 'approved', sentOn: '07-16', rectify: true },
  [`DL${year}JY0003`]: { spent: 0.38, first: 'CERTAIN', reach: 'unit-submitted', sentOn: '07-18' },
  [`DL${year}JY0004`]: { spent: 0, first: 'CERTAIN', reach: 'draft' },
  [`DL${year}JY0005`]: { spent: 0.42, first: 'POSSIBLE', reach: 'dept-approved', sentOn: '07-17' },
  [`DL${year}FG0001`]: { spent: 0.55, first: 'CERTAIN', reach: 'first-reviewed', sentOn: '07-15' },
  [`DL${year}MZ0001`]: { spent: 0.3, first: 'CERTAIN', reach: 'returned', sentOn: '07-22' },
};

const twinCode = (p: DemoProject) => p.code.replace(`DL${demoProjectYear}`, `DL${year}`);
const at = (day: string, hour: number) => `${day}T${String(hour - 8).padStart(2, '0')}:30:00.000Z`;

export const seedDemoMonitoring = async (store: RecordStore): Promise<void> => {
  const run = operationRunner(store, demoTenant.id);
  const bureau = (role: 'performance-section-reviewer' | 'business-section-reviewer', sectionId?: string): Actor => ({
    userId: `demo:${role}`,
    roles: [role],
    ...(sectionId ? { sectionId } : {}),
  });
  const whereOf = (p: DemoProject) => ({
    departmentId: demoId(`department:${p.department}`),
    unitId: demoId(`unit:${p.unit}`),
    sectionId: demoId(`section:${demoDepartments.find((d) => d.code === p.department)!.section}`),
  });

  // The twins: the demo's projects that got past their unit, a year earlier and already budgeted.
  const projects = demoProjects.filter((p) => p.code in plans || twinCode(p) in plans);
  // Projects are independent of each other: they go into the budget side by side.
  await Promise.all(
    projects
      .filter((p) => p.code !== propertyServices)
      .map((p) =>
        createBudgetedProject(run, whereOf(p), {
          id: demoId(`project:${twinCode(p)}`),
          targetId: demoId(`target:${twinCode(p)}:1`),
          fiscalYear: year,
          code: twinCode(p),
          name: inRoundYear(p.name),
          category: p.category,
          recurrence: p.recurrence,
          funds: p.funds,
          functionalClass: p.functionalClass,
          annualGoal: inRoundYear(p.annualGoal),
          rows: p.rows.map(inRoundYearRow),
        }),
      ),
  );

  const perf = bureau('performance-section-reviewer');
  const opened = await run('createMonitoringRound', perf, {
    body: {
      id: demoRoundId,
      fiscalYear: year,
      name: `${year}年1—6月绩效运行监控`,
      dataDate: day('06-30'),
      deadline: day('07-20'),
      scope: 'ALL',
    },
    receivedAt: at(day('07-01'), 9),
  });
  if (opened.replayed) return;
  let round = opened.body;
  while (round.roundStatus === 'OPENING') {
    round = (
      await run('issueMonitoringRound', perf, {
        params: { id: demoRoundId },
        body: {},
        receivedAt: at(day('07-01'), 9),
      })
    ).body;
  }

  // Departments check in side by side; within one, one report after another, as each step also
  // moves the department's tally.
  const byDepartment = Map.groupBy(projects, (p) => p.department);
  await Promise.all([...byDepartment.values()].map((mine) => checkIn(mine)));

  async function checkIn(mine: DemoProject[]): Promise<void> {
    for (const p of mine) {
      const code = p.code === propertyServices ? p.code : twinCode(p);
      const plan = plans[code]!;
      const where = whereOf(p);
      const unit = (role: 'unit-preparer' | 'unit-approver'): Actor => ({
        userId: `demo:${role}:${p.unit}`,
        roles: [role],
        ...where,
      });
      const id = reportId(demoRoundId, demoId(`project:${code}`));
      let report = (await run('getMonitoringReport', perf, { params: { id } })).body as Record<string, unknown> & {
        version: number;
        budget: { fiscal: number; carryOver: number; other: number };
        lines: ReportLine[];
      };
      if (plan.reach === 'draft') continue;
      const sent = day(plan.sentOn!);
      const act = async (
        operationId: string,
        actor: Actor,
        body: Record<string, unknown>,
        hour: number,
        day = sent,
      ) => {
        report = (
          await run(operationId, actor, {
            params: { id },
            body: { version: report.version, ...body },
            receivedAt: at(day, hour),
          })
        ).body as typeof report;
      };
      const share = (n: string, s: number) => String(Math.round(Number(n) * s * 100) / 100);
      await act(
        'saveMonitoringReport',
        unit('unit-preparer'),
        {
          executed: {
            fiscal: Math.round(report.budget.fiscal * plan.spent),
            carryOver: Math.round(report.budget.carryOver * plan.spent),
            other: Math.round(report.budget.other * plan.spent),
          },
          forecastFullYearFen: report.budget.fiscal + report.budget.carryOver + report.budget.other,
          goalProgress: '上半年各项工作按计划推进，资金按进度拨付。',
          // Below the end-of-June checkpoint the budget warning is red: the reason is required at the report level.
          ...(plan.spent < 0.4
            ? {
                budgetDeviationReason: '设备采购招标晚于计划，部分款项尚未达到支付条件。',
                budgetCorrectiveMeasures: '三季度完成验收后集中支付，按月跟踪支付进度。',
              }
            : {}),
          lines: report.lines.map((line, i) => {
            const doubtful = i === 0 && plan.first !== 'CERTAIN';
            const quantitative = line.operator !== 'QUALITATIVE';
            return {
              rowId: line.rowId,
              actualToDate: quantitative
                ? share(line.targetValue, line.operator.startsWith('L') ? 0.5 : Math.max(plan.spent, 0.3))
                : '按计划推进',
              forecastYearEnd: quantitative
                ? doubtful
                  ? share(line.targetValue, plan.first === 'IMPOSSIBLE' ? 0.7 : 0.95)
                  : line.targetValue
                : line.targetValue,
              likelihood: doubtful ? plan.first : 'CERTAIN',
              deviationReasons: doubtful ? (plan.first === 'IMPOSSIBLE' ? ['FUNDING', 'HARDWARE'] : ['STAFFING']) : [],
              deviationAnalysis: doubtful ? '部分设备到货延迟，资金拨付晚于计划。' : '',
              correctiveMeasures: doubtful ? '督促供应商按期交货，三季度加快资金拨付。' : '',
              remarks: '',
            };
          }),
        },
        9,
      );
      await act('submitMonitoringReport', unit('unit-approver'), { opinion: '经单位审核，同意报送。' }, 11);
      const department: Actor = {
        userId: 'demo:department-reviewer',
        roles: ['department-reviewer'],
        departmentId: where.departmentId,
      };
      if (plan.reach === 'returned') {
        await act(
          'departmentReviewMonitoringReport',
          department,
          { decision: 'return', opinion: '执行数与财务账不符，请核实后重新报送。' },
          15,
        );
        continue;
      }
      if (plan.reach === 'unit-submitted') continue;
      await act('departmentReviewMonitoringReport', department, { decision: 'approve', opinion: '同意。' }, 15);
      if (plan.reach === 'dept-approved') continue;
      await act(
        'firstReviewMonitoringReport',
        bureau('business-section-reviewer', where.sectionId),
        { decision: 'approve', opinion: '已核。' },
        10,
        day('07-24'),
      );
      if (plan.reach === 'first-reviewed') continue;
      await act('finalReviewMonitoringReport', perf, { decision: 'approve', opinion: '同意。' }, 10, day('07-28'));
      if (!plan.rectify) continue;
      const disposition = (
        await run('recordMonitoringDisposition', perf, {
          params: { id },
          body: {
            version: report.version,
            decision: 'RECTIFY',
            reason: '预算执行率低于 6 月末 40% 的检查点，且主要产出指标预计无法完成。',
            dueDate: day('09-30'),
            requirements: '9 月底前完成设备安装调试，加快资金拨付，并报送整改情况。',
          },
          receivedAt: at(day('08-05'), 10),
        })
      ).body;
      const rectificationId = String(disposition.rectificationId);
      let rectification = (await run('getRectification', perf, { params: { id: rectificationId } })).body;
      rectification = (
        await run('saveRectificationFeedback', unit('unit-preparer'), {
          params: { id: rectificationId },
          body: { version: rectification.version, feedback: '设备已于 9 月 20 日安装完毕，累计执行率达 78%。' },
          receivedAt: at(day('09-24'), 10),
        })
      ).body;
      await run('submitRectificationFeedback', unit('unit-approver'), {
        params: { id: rectificationId },
        body: { version: rectification.version },
        receivedAt: at(day('09-25'), 10),
      });
    }
  }
};
