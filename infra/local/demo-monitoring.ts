import type { ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import { reportId } from '@jixiao/functions/monitoring/round-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { createBudgetedProject } from '#infra/local/budgeted-project.ts';
import { demoDepartments, demoId, demoTenant } from '#infra/local/demo-data.ts';
import { type DemoProject, demoProjects, propertyServices } from '#infra/local/demo-projects.ts';
import { type Actor, operationRunner } from '#infra/local/record-loader.ts';

/**
 * The demo's mid-year monitoring (domain.md §5.4): 2026 twins of the demo's projects are in the
 * budget next to the 2026 property-services project, and the performance section's round of
 * 2026年1—6月 (data date 30 June, deadline 20 July) was issued to them. By now the departments
 * have checked in at every stage of the review: one approved and green, one red that the bureau
 * ordered rectified (the unit's feedback waits for verification), one red waiting for its
 * department, one yellow at the business section, one at the performance section, one returned,
 * and one never sent — overdue.
 */
export const demoRoundId = demoId('monitoring-round:2026-h1');

type Plan = {
  /** Execution to date as a share of the budget. */
  spent: number;
  /** How the lines stand: every line certain, or the first one doubtful. */
  first: 'CERTAIN' | 'POSSIBLE' | 'IMPOSSIBLE';
  reach: 'draft' | 'unit-submitted' | 'dept-approved' | 'first-reviewed' | 'approved' | 'returned';
  sentOn?: string;
  rectify?: boolean;
};

const plans: Record<string, Plan> = {
  [propertyServices]: { spent: 0.45, first: 'CERTAIN', reach: 'approved', sentOn: '2026-07-14' },
  DL2026JY0002: { spent: 0.2, first: 'IMPOSSIBLE', reach: 'approved', sentOn: '2026-07-16', rectify: true },
  DL2026JY0003: { spent: 0.38, first: 'CERTAIN', reach: 'unit-submitted', sentOn: '2026-07-18' },
  DL2026JY0004: { spent: 0, first: 'CERTAIN', reach: 'draft' },
  DL2026JY0005: { spent: 0.42, first: 'POSSIBLE', reach: 'dept-approved', sentOn: '2026-07-17' },
  DL2026FG0001: { spent: 0.55, first: 'CERTAIN', reach: 'first-reviewed', sentOn: '2026-07-15' },
  DL2026MZ0001: { spent: 0.3, first: 'CERTAIN', reach: 'returned', sentOn: '2026-07-22' },
};

const twinCode = (p: DemoProject) => p.code.replace('DL2027', 'DL2026');
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

  // The twins: the 2027 projects that got past their unit, a year earlier and already budgeted.
  const projects = demoProjects.filter((p) => p.code in plans || twinCode(p) in plans);
  // Projects are independent of each other: they go into the budget side by side.
  await Promise.all(
    projects
      .filter((p) => p.code !== propertyServices)
      .map((p) =>
        createBudgetedProject(run, whereOf(p), {
          id: demoId(`project:${twinCode(p)}`),
          targetId: demoId(`target:${twinCode(p)}:1`),
          fiscalYear: 2026,
          code: twinCode(p),
          name: p.name,
          category: p.category,
          recurrence: p.recurrence,
          funds: p.funds,
          functionalClass: p.functionalClass,
          annualGoal: p.annualGoal,
          rows: p.rows,
        }),
      ),
  );

  const perf = bureau('performance-section-reviewer');
  const opened = await run('createMonitoringRound', perf, {
    body: {
      id: demoRoundId,
      fiscalYear: 2026,
      name: '2026年1—6月绩效运行监控',
      dataDate: '2026-06-30',
      deadline: '2026-07-20',
      scope: 'ALL',
    },
    receivedAt: at('2026-07-01', 9),
  });
  if (opened.replayed) return;
  let round = opened.body;
  while (round.roundStatus === 'OPENING') {
    round = (
      await run('issueMonitoringRound', perf, {
        params: { id: demoRoundId },
        body: {},
        receivedAt: at('2026-07-01', 9),
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
      const sent = plan.sentOn!;
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
        '2026-07-24',
      );
      if (plan.reach === 'first-reviewed') continue;
      await act('finalReviewMonitoringReport', perf, { decision: 'approve', opinion: '同意。' }, 10, '2026-07-28');
      if (!plan.rectify) continue;
      const disposition = (
        await run('recordMonitoringDisposition', perf, {
          params: { id },
          body: {
            version: report.version,
            decision: 'RECTIFY',
            reason: '预算执行率低于 6 月末 40% 的检查点，且主要产出指标预计无法完成。',
            dueDate: '2026-09-30',
            requirements: '9 月底前完成设备安装调试，加快资金拨付，并报送整改情况。',
          },
          receivedAt: at('2026-08-05', 10),
        })
      ).body;
      const rectificationId = String(disposition.rectificationId);
      let rectification = (await run('getRectification', perf, { params: { id: rectificationId } })).body;
      rectification = (
        await run('saveRectificationFeedback', unit('unit-preparer'), {
          params: { id: rectificationId },
          body: { version: rectification.version, feedback: '设备已于 9 月 20 日安装完毕，累计执行率达 78%。' },
          receivedAt: at('2026-09-24', 10),
        })
      ).body;
      await run('submitRectificationFeedback', unit('unit-approver'), {
        params: { id: rectificationId },
        body: { version: rectification.version },
        receivedAt: at('2026-09-25', 10),
      });
    }
  }
};
