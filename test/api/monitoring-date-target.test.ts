import { uuidV7 } from '@jixiao/core/ids.ts';
import { createBudgetedProject } from '@jixiao/infra/local/budgeted-project.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjects } from '@jixiao/infra/local/demo-projects.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * A monitoring report of a project with a date target (完成时间, docs/domain/monitoring.md, "Date
 * targets") through the local gateway: its forecast is a completion date, refused when unreadable,
 * warned red when after the target date, and the report can be sent.
 */
let stack: TestStack;
const where = { department: '102', unit: '102001', section: 'JKW' };
const tokens: Record<string, string> = {};
let projectId = '';

const person = (id: string, roles: string[], at: { department?: string; unit?: string; section?: string } = {}) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: at.department ? demoId(`department:${at.department}`) : null,
    unitId: at.unit ? demoId(`unit:${at.unit}`) : null,
    sectionId: at.section ? demoId(`section:${at.section}`) : null,
  });

beforeAll(async () => {
  stack = await startTestStack();
  const template = demoProjects.find((p) => p.fiscalYear === 2026)!;
  // The template's timeliness row becomes a completion date: 11月底前完成 in fiscal year 2026.
  const rows = template.rows.map((row) =>
    row.level2 === 'TIMELINESS'
      ? { ...row, name: '补贴拨付完成时间', operator: 'LTE' as const, value: '11月底前完成', unit: '' }
      : row,
  );
  projectId = await createBudgetedProject(
    operationRunner(stack.store, demoTenant.id),
    {
      departmentId: demoId(`department:${where.department}`),
      unitId: demoId(`unit:${where.unit}`),
      sectionId: demoId(`section:${where.section}`),
    },
    {
      id: uuidV7(),
      targetId: uuidV7(),
      fiscalYear: 2026,
      code: 'DL2026MDT0001',
      name: `${template.name}（完成时间）`,
      category: template.category,
      recurrence: template.recurrence,
      funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
      functionalClass: template.functionalClass,
      annualGoal: template.annualGoal,
      rows,
    },
  );
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.preparer = await person('dt-preparer', ['unit-preparer'], where);
  tokens.approver = await person('dt-approver', ['unit-approver'], where);
}, 120_000);
afterAll(() => stack?.stop());

const as = (token: string | undefined, body?: unknown) => ({ token: token!, ...(body === undefined ? {} : { body }) });

describe('a monitoring report with a date target', () => {
  it('takes a completion date as the forecast, warns red when it is late, and can be sent', async () => {
    const roundId = uuidV7();
    const opened = await stack.call(
      'POST',
      '/api/v1/monitoring-rounds',
      as(tokens.perf, {
        id: roundId,
        fiscalYear: 2026,
        name: '2026 年 1–6 月绩效运行监控（完成时间）',
        dataDate: '2026-06-30',
        deadline: '2026-07-20',
        scope: 'KEY',
        projectIds: [projectId],
      }),
    );
    expect(opened.status).toBe(201);
    let round = opened.body;
    for (let i = 0; i < 10 && round.roundStatus === 'OPENING'; i++) {
      round = (await stack.call('POST', `/api/v1/monitoring-rounds/${roundId}/issue`, as(tokens.perf, {}))).body;
    }
    expect(round).toMatchObject({ roundStatus: 'ISSUED', reportCount: 1 });
    const [report] = (await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/reports`, as(tokens.preparer))).body
      .items;
    const dateIndex = report.lines.findIndex((l: { name: string }) => l.name === '补贴拨付完成时间');
    expect(report.lines[dateIndex]).toMatchObject({ operator: 'LTE', targetValue: '11月底前完成' });

    const lines = (forecast: string) =>
      report.lines.map((l: { rowId: string; operator: string; targetValue: string }, i: number) => ({
        rowId: l.rowId,
        actualToDate: i === dateIndex ? '已拨付两个季度' : l.operator === 'QUALITATIVE' ? '基本达到' : l.targetValue,
        forecastYearEnd: i === dateIndex ? forecast : l.operator === 'QUALITATIVE' ? '达到' : l.targetValue,
        likelihood: 'CERTAIN',
        deviationReasons: [],
        deviationAnalysis: '',
        correctiveMeasures: '',
        remarks: '',
      }));
    const save = (version: number, forecast: string) =>
      stack.call(
        'PATCH',
        `/api/v1/monitoring-reports/${report.id}`,
        as(tokens.preparer, {
          version,
          executed: { fiscal: 50_000_000, carryOver: 0, other: 0 },
          forecastFullYearFen: 1_000_000_00,
          goalProgress: '上半年按计划推进。',
          lines: lines(forecast),
        }),
      );

    // An unreadable forecast: the rules say so, on the line, and sending is refused.
    const vague = await save(report.version, '年底左右');
    expect(vague.status).toBe(200);
    expect(vague.body.checks).toEqual([
      {
        pointer: `/lines/${dateIndex}/forecastYearEnd`,
        code: 'date_forecast',
        message: '完成时间指标的全年预计须填写预计完成日期，如 2027-11-30',
      },
    ]);
    expect(vague.body.assessment.indicatorColours[report.lines[dateIndex].rowId]).toBeNull();
    const refused = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${report.id}/submit`,
      as(tokens.approver, { version: vague.body.version }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      `/lines/${dateIndex}/forecastYearEnd`,
    ]);

    // A forecast after 30 November: no refusal, a red warning naming both dates.
    const late = await save(vague.body.version, '2026-12-20');
    expect(late.body.checks).toEqual([]);
    const warning = late.body.assessment.warnings.find((w: { code: string }) => w.code === 'forecast_date_missed');
    expect(warning).toMatchObject({
      scope: 'INDICATOR',
      colour: 'RED',
      rowId: report.lines[dateIndex].rowId,
      params: { indicator: '补贴拨付完成时间', forecast: '2026-12-20', target: '2026-11-30' },
    });
    expect(late.body.assessment.indicatorColours[report.lines[dateIndex].rowId]).toBe('RED');

    const sent = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${report.id}/submit`,
      as(tokens.approver, { version: late.body.version }),
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ reviewStatus: 'UNIT_SUBMITTED' });
  });
});
