import { uuidV7 } from '@jixiao/core/ids.ts';
import type { ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import { reportId } from '@jixiao/functions/monitoring/round-operations.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { type Actor, operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { seedBudgetedProjects } from '../support/budgeted-projects.ts';

/**
 * Monitoring reports of the demo preparer's unit (区教育局（本级）) that have gone through the whole
 * review and wait for the performance section's disposition: new budgeted 2026 projects, a round
 * of their own (data date 31 March, earlier than the demo's round, which stays the one screens open
 * first), each checked in with nothing spent (25 points behind time, so red) and approved at every
 * level, through the API's own operations. Answers the reports' ids and the round's.
 */
export const approvedRedReports = async (
  store: RecordStore,
  options: { prefix: string; count: number; roundName: string },
): Promise<{ roundId: string; reportIds: string[] }> => {
  const where = { department: '102', unit: '102001', section: 'JKW' };
  const projectIds = await seedBudgetedProjects(store, { ...where, count: options.count, prefix: options.prefix });
  const run = operationRunner(store, demoTenant.id);
  const organisation = {
    departmentId: demoId(`department:${where.department}`),
    unitId: demoId(`unit:${where.unit}`),
  };
  const perf: Actor = { userId: 'e2e:perf', roles: ['performance-section-reviewer'] };
  const preparer: Actor = { userId: 'e2e:preparer', roles: ['unit-preparer'], ...organisation };
  const approver: Actor = { userId: 'e2e:approver', roles: ['unit-approver'], ...organisation };
  const department: Actor = {
    userId: 'e2e:department',
    roles: ['department-reviewer'],
    departmentId: organisation.departmentId,
  };
  const section: Actor = {
    userId: 'e2e:section',
    roles: ['business-section-reviewer'],
    sectionId: demoId(`section:${where.section}`),
  };

  const roundId = uuidV7();
  let round = (
    await run('createMonitoringRound', perf, {
      body: {
        id: roundId,
        fiscalYear: 2026,
        name: options.roundName,
        dataDate: '2026-03-31',
        deadline: '2026-04-20',
        scope: 'KEY',
        projectIds,
      },
    })
  ).body;
  while (round.roundStatus === 'OPENING') {
    round = (await run('issueMonitoringRound', perf, { params: { id: roundId }, body: {} })).body;
  }

  const reportIds: string[] = [];
  for (const projectId of projectIds) {
    const id = reportId(roundId, projectId);
    let report = (await run('getMonitoringReport', perf, { params: { id } })).body as {
      version: number;
      budget: { fiscal: number };
      lines: ReportLine[];
    };
    const act = async (operationId: string, actor: Actor, body: Record<string, unknown>) => {
      report = (await run(operationId, actor, { params: { id }, body: { version: report.version, ...body } }))
        .body as typeof report;
    };
    await act('saveMonitoringReport', preparer, {
      executed: { fiscal: 0, carryOver: 0, other: 0 },
      forecastFullYearFen: report.budget.fiscal,
      goalProgress: '设备采购招标延迟，一季度尚未支出。',
      // Red below time progress: the report-level reason is required before sending.
      budgetDeviationReason: '设备采购招标延迟，款项尚未到支付节点。',
      budgetCorrectiveMeasures: '二季度完成招标后按合同进度支付。',
      lines: report.lines.map((l) => ({
        rowId: l.rowId,
        actualToDate: l.operator === 'QUALITATIVE' ? '进行中' : '0',
        forecastYearEnd: l.targetValue,
        likelihood: 'POSSIBLE',
        deviationReasons: ['FUNDING'],
        deviationAnalysis: '',
        correctiveMeasures: '三季度加快资金拨付。',
        remarks: '',
      })),
    });
    await act('submitMonitoringReport', approver, { opinion: '同意报送。' });
    await act('departmentReviewMonitoringReport', department, { decision: 'approve', opinion: '同意。' });
    await act('firstReviewMonitoringReport', section, { decision: 'approve', opinion: '已核。' });
    await act('finalReviewMonitoringReport', perf, { decision: 'approve', opinion: '同意。' });
    reportIds.push(id);
  }
  return { roundId, reportIds };
};
