import { uuidV7 } from '@jixiao/core/ids.ts';
import { countsOnly, recount, redEntryOf } from '@jixiao/core/monitoring/monitoring-tally.ts';
import { monitoringTallyKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import { type StoredReport, type TallyRecord, tallyId } from '@jixiao/functions/monitoring/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoRoundId } from '@jixiao/infra/local/demo-monitoring.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBudgetedProjects } from '../support/budgeted-projects.ts';
import { type CallResult, startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Mid-year monitoring through the local gateway (issue 5): the year's thresholds, opening and
 * issuing a round from budgeted projects' approved targets, the department's check-in under rule 8,
 * the review, and the department tallies kept on write — equal to a recount after any sequence.
 */
let stack: TestStack;
const education = { department: '102', unit: '102001', section: 'JKW' };
const planning = { department: '101', unit: '101001', section: 'JJJS' };
const projects: string[] = [];
const tokens: Record<string, string> = {};

const person = (id: string, roles: string[], where: { department?: string; unit?: string; section?: string } = {}) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: where.department ? demoId(`department:${where.department}`) : null,
    unitId: where.unit ? demoId(`unit:${where.unit}`) : null,
    sectionId: where.section ? demoId(`section:${where.section}`) : null,
  });

beforeAll(async () => {
  stack = await startTestStack();
  projects.push(...(await seedBudgetedProjects(stack.store, { ...education, count: 4, prefix: 'DL2026MJY' })));
  projects.push(...(await seedBudgetedProjects(stack.store, { ...planning, count: 2, prefix: 'DL2026MFG' })));
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  for (const [name, where] of Object.entries({ education, planning })) {
    tokens[`${name}:preparer`] = await person(`${name}-preparer`, ['unit-preparer'], where);
    tokens[`${name}:approver`] = await person(`${name}-approver`, ['unit-approver'], where);
    tokens[`${name}:department`] = await person(`${name}-dept`, ['department-reviewer'], {
      department: where.department,
    });
    tokens[`${name}:section`] = await person(`${name}-section`, ['business-section-reviewer'], {
      section: where.section,
    });
  }
}, 120_000);
afterAll(() => stack?.stop());

const as = (token: string | undefined, body?: unknown) => ({ token: token!, ...(body === undefined ? {} : { body }) });
let roundId = '';

describe('monitoring thresholds', () => {
  it('uses the default thresholds until the performance section saves its own, at a version', async () => {
    const read = await stack.call('GET', '/api/v1/monitoring-settings/2026', as(tokens.perf));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ version: 0, thresholds: { budgetYellowGapPts: 10, budgetRedGapPts: 20 } });
    const thresholds = { ...read.body.thresholds, divergencePts: 15 };
    const saved = await stack.call(
      'PATCH',
      '/api/v1/monitoring-settings/2026',
      as(tokens.perf, { version: 0, thresholds }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, thresholds: { divergencePts: 15 } });
    const stale = await stack.call(
      'PATCH',
      '/api/v1/monitoring-settings/2026',
      as(tokens.perf, { version: 0, thresholds }),
    );
    expect(stale.status).toBe(409);
    const bad = await stack.call(
      'PATCH',
      '/api/v1/monitoring-settings/2026',
      as(tokens.perf, { version: 1, thresholds: { ...thresholds, budgetRedGapPts: 5 } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({
      pointer: '/thresholds/budgetRedGapPts',
      message: '红色预警的落后幅度不能小于黄色预警',
    });
  });
});

describe('a monitoring round', () => {
  it('opens (idempotently), issues one report per key project from its approved targets, and can be issued again safely', async () => {
    const body = {
      id: uuidV7(),
      fiscalYear: 2026,
      name: '2026 年 1–6 月绩效运行监控',
      dataDate: '2026-06-30',
      deadline: '2026-07-20',
      scope: 'KEY',
      projectIds: projects,
    };
    const unfit = await stack.call(
      'POST',
      '/api/v1/monitoring-rounds',
      as(tokens.perf, { ...body, id: uuidV7(), projectIds: [projects[0], uuidV7()] }),
    );
    expect(unfit.status).toBe(422);
    expect(unfit.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/projectIds/1',
        message: '该项目不存在、不属于本预算年度或尚无终审通过的绩效目标',
      }),
    ]);
    const opened = await stack.call('POST', '/api/v1/monitoring-rounds', as(tokens.perf, body));
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ roundStatus: 'OPENING', reportCount: 0, thresholds: { divergencePts: 15 } });
    expect(opened.body.pendingDepartmentIds).toBeUndefined();
    const again = await stack.call('POST', '/api/v1/monitoring-rounds', as(tokens.perf, body));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    roundId = body.id;

    let round = opened.body;
    for (let i = 0; i < 10 && round.roundStatus === 'OPENING'; i++) {
      round = (await stack.call('POST', `/api/v1/monitoring-rounds/${roundId}/issue`, as(tokens.perf, {}))).body;
    }
    expect(round).toMatchObject({ roundStatus: 'ISSUED', reportCount: 6 });
    const repeat = await stack.call('POST', `/api/v1/monitoring-rounds/${roundId}/issue`, as(tokens.perf, {}));
    expect(repeat.body).toMatchObject({ roundStatus: 'ISSUED', reportCount: 6 });

    const list = await stack.call(
      'GET',
      `/api/v1/monitoring-rounds/${roundId}/reports`,
      as(tokens['education:preparer']),
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(4);
    const [report] = list.body.items;
    expect(report).toMatchObject({ reviewStatus: 'DRAFT', budget: { fiscal: 1_000_000_00 }, targetVersionNo: 1 });
    expect(report.lines.length).toBeGreaterThan(0);
    expect(report.lines.every((l: { period: string }) => l.period === 'ANNUAL')).toBe(true);

    const dashboard = await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/dashboard`, as(tokens.perf));
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.total).toMatchObject({ reports: 6, submitted: 0, notSubmitted: 6 });
    expect(dashboard.body.departments).toHaveLength(2);
    expect(dashboard.body.itemsRead).toBe(3);
  });

  it('checks in: rule 8 refuses a doubtful line without a reason, in Chinese; a complete report goes on and shows on the dashboard', async () => {
    const list = await stack.call(
      'GET',
      `/api/v1/monitoring-rounds/${roundId}/reports`,
      as(tokens['education:preparer']),
    );
    const report = list.body.items[0];
    const lines = report.lines.map((l: { rowId: string; operator: string; targetValue: string }, i: number) => ({
      rowId: l.rowId,
      actualToDate: l.operator === 'QUALITATIVE' ? '基本达到' : l.targetValue,
      forecastYearEnd: l.operator === 'QUALITATIVE' ? '达到' : l.targetValue,
      likelihood: i === 0 ? 'IMPOSSIBLE' : 'CERTAIN',
      deviationReasons: [],
      deviationAnalysis: '',
      correctiveMeasures: '',
      remarks: '',
    }));
    const saved = await stack.call(
      'PATCH',
      `/api/v1/monitoring-reports/${report.id}`,
      as(tokens['education:preparer'], {
        version: report.version,
        executed: { fiscal: 30_000_000, carryOver: 0, other: 0 },
        forecastFullYearFen: 1_000_000_00,
        goalProgress: '上半年按计划推进。',
        lines,
      }),
    );
    expect(saved.status).toBe(200);
    // Time progress is by days: 30 June is day 181 of 365.
    expect(saved.body.assessment).toMatchObject({
      colour: 'RED',
      budgetColour: 'RED',
      executionRatePct: 30,
      timeProgressPct: 49.6,
      elapsedDays: 181,
      daysInYear: 365,
    });
    expect(saved.body.checks.map((c: { code: string }) => c.code)).toEqual([
      'budget_reason_required',
      'budget_measures_required',
      'deviation_reason_required',
      'corrective_measures_required',
    ]);
    const refused = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${report.id}/submit`,
      as(tokens['education:approver'], { version: saved.body.version }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { message: string }) => e.message)).toContain(
      '完成目标可能性不是“确定能”时，至少勾选一项偏差原因',
    );

    // Every line explained (the doubtful one with its reasons): the red budget still needs its own reason.
    const linesFixed = await stack.call(
      'PATCH',
      `/api/v1/monitoring-reports/${report.id}`,
      as(tokens['education:preparer'], {
        version: saved.body.version,
        lines: [{ ...lines[0], deviationReasons: ['FUNDING', 'STAFFING'], correctiveMeasures: '追加人员，加快拨付。' }],
      }),
    );
    expect(linesFixed.body.checks.map((c: { pointer: string }) => c.pointer)).toEqual([
      '/budgetDeviationReason',
      '/budgetCorrectiveMeasures',
    ]);
    const stillRefused = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${report.id}/submit`,
      as(tokens['education:approver'], { version: linesFixed.body.version }),
    );
    expect(stillRefused.status).toBe(422);
    expect(stillRefused.body.errors[0]).toMatchObject({
      pointer: '/budgetDeviationReason',
      message: '预算执行为红色预警时，须填写预算执行偏差原因',
    });
    const unchanged = await stack.call('GET', `/api/v1/monitoring-reports/${report.id}`, as(tokens.perf));
    expect(unchanged.body).toMatchObject({ version: linesFixed.body.version, reviewStatus: 'DRAFT' });

    const fixed = await stack.call(
      'PATCH',
      `/api/v1/monitoring-reports/${report.id}`,
      as(tokens['education:preparer'], {
        version: linesFixed.body.version,
        budgetDeviationReason: '设备招标延期，款项未到支付节点。',
        budgetCorrectiveMeasures: '三季度验收后集中支付。',
      }),
    );
    expect(fixed.body.checks).toEqual([]);
    const sent = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${report.id}/submit`,
      as(tokens['education:approver'], { version: fixed.body.version }),
    );
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ reviewStatus: 'UNIT_SUBMITTED' });
    expect(sent.body.firstSubmittedAt).toBeTruthy();

    // It now waits in the department reviewer's queue (and nobody else's yet).
    const queue = await stack.call(
      'GET',
      `/api/v1/monitoring-review-queue?roundId=${roundId}`,
      as(tokens['education:department']),
    );
    expect(queue.body.items.map((r: { id: string }) => r.id)).toEqual([report.id]);
    const sectionQueue = await stack.call(
      'GET',
      `/api/v1/monitoring-review-queue?roundId=${roundId}`,
      as(tokens['education:section']),
    );
    expect(sectionQueue.body.items).toEqual([]);
    const dashboard = (await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/dashboard`, as(tokens.perf))).body;
    expect(dashboard.total).toMatchObject({
      submitted: 1,
      byColour: { RED: 1 },
      executedFen: 30_000_000,
      budgetFen: 1_000_000_00,
    });
    expect(dashboard.red).toEqual([
      expect.objectContaining({ reportId: report.id, projectCode: report.projectCode, executionRatePct: 30 }),
    ]);
    expect(dashboard.red[0].warnings.map((w: { code: string }) => w.code)).toContain('likelihood');
    // The planning department's reviewer sees only their own department.
    const theirs = (
      await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/dashboard`, as(tokens['planning:department']))
    ).body;
    expect(theirs.departments.map((d: { departmentId: string }) => d.departmentId)).toEqual([demoId('department:101')]);
    expect(theirs.red).toEqual([]);
  });

  it('records the bureau’s disposition of a large deviation: rectification through feedback and follow-up to closure, an adjustment that opens the next target version, and a suspension that ends', async () => {
    const list = (
      await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/reports`, as(tokens['education:preparer']))
    ).body.items as StoredReport[];
    const drafts = list.filter((r) => r.reviewStatus === 'DRAFT').slice(0, 3);
    expect(drafts).toHaveLength(3);
    /** Filled in far behind (10 % spent by June), sent on and approved at every level. */
    const approve = async (report: StoredReport): Promise<StoredReport> => {
      const url = `/api/v1/monitoring-reports/${report.id}`;
      let current = (
        await stack.call(
          'PATCH',
          url,
          as(tokens['education:preparer'], {
            version: report.version,
            executed: { fiscal: report.budget.fiscal / 10, carryOver: 0, other: 0 },
            forecastFullYearFen: report.budget.fiscal,
            goalProgress: '进度滞后。',
            budgetDeviationReason: '项目推迟开工。',
            budgetCorrectiveMeasures: '加快拨付。',
            lines: report.lines.map((l) => ({
              rowId: l.rowId,
              actualToDate: l.operator === 'QUALITATIVE' ? '进行中' : '0',
              forecastYearEnd: l.operator === 'QUALITATIVE' ? '达到' : l.targetValue,
              likelihood: 'POSSIBLE',
              deviationReasons: ['FUNDING'],
              deviationAnalysis: '',
              correctiveMeasures: '加快拨付。',
              remarks: '',
            })),
          }),
        )
      ).body;
      const steps: [string, string, Record<string, unknown>][] = [
        ['submit', 'education:approver', {}],
        ['department-review', 'education:department', { decision: 'approve' }],
        ['first-review', 'education:section', { decision: 'approve' }],
        ['final-review', 'perf', { decision: 'approve' }],
      ];
      for (const [path, who, body] of steps) {
        const response = await stack.call(
          'POST',
          `${url}/${path}`,
          as(tokens[who], { version: current.version, ...body }),
        );
        expect(response.status, JSON.stringify(response.body)).toBe(200);
        current = response.body;
      }
      expect(current).toMatchObject({ reviewStatus: 'FINAL_APPROVED', assessment: { colour: 'RED' } });
      return current;
    };

    // Not yet final-approved: nothing to decide.
    const early = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${drafts[0]!.id}/disposition`,
      as(tokens.perf, { version: drafts[0]!.version, decision: 'NO_ACTION', reason: '客观原因' }),
    );
    expect(early.status).toBe(422);
    expect(early.body.errors[0].message).toBe('只有终审通过且有黄色或红色预警的报告才需要处置');

    // Rectification.
    const first = await approve(drafts[0]!);
    const incomplete = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${first.id}/disposition`,
      as(tokens.perf, {
        version: first.version,
        decision: 'RECTIFY',
        reason: '执行进度严重滞后',
        dueDate: '2026-09-30',
      }),
    );
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0]).toMatchObject({ pointer: '/requirements', message: '请写明整改要求' });
    const decision = {
      version: first.version,
      decision: 'RECTIFY',
      reason: '执行进度严重滞后',
      dueDate: '2026-09-30',
      requirements: '9 月底前完成资金拨付并报送进度。',
    };
    const rectify = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${first.id}/disposition`,
      as(tokens.perf, decision),
    );
    expect(rectify.status).toBe(201);
    expect(rectify.body).toMatchObject({ decision: 'RECTIFY', state: 'DECIDED', colour: 'RED' });
    const replay = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${first.id}/disposition`,
      as(tokens.perf, decision),
    );
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const other = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${first.id}/disposition`,
      as(tokens.perf, { ...decision, decision: 'NO_ACTION' }),
    );
    expect(other.status).toBe(409);
    const decided = (
      await stack.call('GET', `/api/v1/monitoring-reports/${first.id}`, as(tokens['education:preparer']))
    ).body;
    expect(decided.disposition).toMatchObject({ id: rectify.body.id, decision: 'RECTIFY' });

    const rectificationUrl = `/api/v1/rectifications/${rectify.body.rectificationId}`;
    let rectification = (await stack.call('GET', rectificationUrl, as(tokens['education:preparer']))).body;
    expect(rectification).toMatchObject({ state: 'NOTICE_ISSUED', round: 1, dueDate: '2026-09-30' });
    const empty = await stack.call(
      'POST',
      `${rectificationUrl}/submit`,
      as(tokens['education:approver'], { version: rectification.version }),
    );
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].message).toBe('请填写整改情况');
    const feedback = async (text: string) => {
      rectification = (
        await stack.call(
          'PATCH',
          rectificationUrl,
          as(tokens['education:preparer'], { version: rectification.version, feedback: text }),
        )
      ).body;
      expect(rectification.state).toBe('FEEDBACK_DRAFT');
      const sent = await stack.call(
        'POST',
        `${rectificationUrl}/submit`,
        as(tokens['education:approver'], { version: rectification.version }),
      );
      expect(sent.status).toBe(200);
      rectification = sent.body;
    };
    await feedback('已拨付 60%。');
    const followUp = await stack.call(
      'POST',
      `${rectificationUrl}/verify`,
      as(tokens.perf, {
        version: rectification.version,
        decision: 'insufficient',
        opinion: '拨付仍未到位',
        requirements: '10 月底前拨付完毕。',
        dueDate: '2026-10-31',
      }),
    );
    expect(followUp.body).toMatchObject({ state: 'NOTICE_ISSUED', round: 2, dueDate: '2026-10-31' });
    rectification = followUp.body;
    await feedback('已全部拨付。');
    const closed = await stack.call(
      'POST',
      `${rectificationUrl}/verify`,
      as(tokens.perf, { version: rectification.version, decision: 'accept', opinion: '整改到位' }),
    );
    expect(closed.body).toMatchObject({ state: 'CLOSED' });
    expect(closed.body.log.map((s: { action: string }) => s.action)).toEqual([
      'issue-notice',
      'save-feedback',
      'submit-feedback',
      'insufficient',
      'save-feedback',
      'submit-feedback',
      'accept',
    ]);
    const open = await stack.call('GET', '/api/v1/rectifications?state=CLOSED', as(tokens['education:department']));
    expect(open.body.items.map((r: { id: string }) => r.id)).toContain(rectification.id);

    // Adjusting budget and targets opens the project's next target version, a draft for the unit.
    const second = await approve(drafts[1]!);
    const adjust = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${second.id}/disposition`,
      as(tokens.perf, {
        version: second.version,
        decision: 'ADJUST_BUDGET_AND_TARGETS',
        reason: '政策调整，需调减预算',
        dueDate: '2026-08-31',
        adjustedFunds: { fiscal: second.budget.fiscal * 0.6, carryOver: 0, other: 0 },
      }),
    );
    expect(adjust.status).toBe(201);
    expect(adjust.body.adjustedFunds).toEqual({ fiscal: second.budget.fiscal * 0.6, carryOver: 0, other: 0 });
    const project = (await stack.call('GET', `/api/v1/projects/${second.projectId}`, as(tokens['education:preparer'])))
      .body;
    expect(project).toMatchObject({
      currentTargetId: adjust.body.targetId,
      currentTargetStatus: 'DRAFT',
      targetVersionNo: 2,
      stage: 'BUDGETED',
    });
    const draft = (await stack.call('GET', `/api/v1/targets/${adjust.body.targetId}`, as(tokens['education:preparer'])))
      .body;
    expect(draft).toMatchObject({
      reviewStatus: 'DRAFT',
      versionNo: 2,
      basedOnId: second.targetId,
      annualTotalFen: second.budget.fiscal * 0.6,
    });

    // The next round's report of that project is judged against the adjusted budget, with the
    // start-of-year budget beside it (年初预算数 / 全年预算数).
    const october = {
      id: uuidV7(),
      fiscalYear: 2026,
      name: '2026 年 1–10 月绩效运行监控',
      dataDate: '2026-10-31',
      deadline: '2026-11-20',
      scope: 'KEY',
      projectIds: [second.projectId],
    };
    let later = (await stack.call('POST', '/api/v1/monitoring-rounds', as(tokens.perf, october))).body;
    for (let i = 0; i < 10 && later.roundStatus === 'OPENING'; i++) {
      later = (await stack.call('POST', `/api/v1/monitoring-rounds/${october.id}/issue`, as(tokens.perf, {}))).body;
    }
    const [nextReport] = (
      await stack.call('GET', `/api/v1/monitoring-rounds/${october.id}/reports`, as(tokens['education:preparer']))
    ).body.items as StoredReport[];
    expect(nextReport!.budget.fiscal).toBe(second.budget.fiscal * 0.6);
    const rebased = await stack.call(
      'PATCH',
      `/api/v1/monitoring-reports/${nextReport!.id}`,
      as(tokens['education:preparer'], {
        version: nextReport!.version,
        executed: { fiscal: second.budget.fiscal * 0.5, carryOver: 0, other: 0 },
        // 0.5 of the adjusted 0.6 is 83.3 %: below the 90 % share the forecast must reach.
        forecastFullYearFen: second.budget.fiscal * 0.5,
      }),
    );
    expect(rebased.status).toBe(200);
    expect(rebased.body).toMatchObject({
      initialBudget: second.budget,
      budget: { fiscal: second.budget.fiscal * 0.6 },
      assessment: { executionRatePct: 83.3, budgetColour: 'YELLOW' },
    });
    expect(rebased.body.assessment.warnings.map((w: { code: string }) => w.code)).toEqual(['forecast_execution_low']);

    // A suspension of disbursement ends with the funds recovered.
    const third = await approve(drafts[2]!);
    const suspend = await stack.call(
      'POST',
      `/api/v1/monitoring-reports/${third.id}/disposition`,
      as(tokens.perf, {
        version: third.version,
        decision: 'SUSPEND_FUNDS',
        reason: '资金闲置',
        dueDate: '2026-08-31',
        amountFen: 5_000_000,
      }),
    );
    expect(suspend.body).toMatchObject({ state: 'SUSPENDED', amountFen: 5_000_000 });
    const recovered = await stack.call(
      'POST',
      `/api/v1/monitoring-dispositions/${suspend.body.id}/resolve`,
      as(tokens.perf, { version: suspend.body.version, outcome: 'RECOVERED', reason: '逾期未整改，收回统筹' }),
    );
    expect(recovered.body).toMatchObject({ state: 'RECOVERED', resolution: { outcome: 'RECOVERED' } });
    const dispositions = await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/dispositions`, as(tokens.perf));
    expect(dispositions.body.items.map((d: { decision: string }) => d.decision).sort()).toEqual([
      'ADJUST_BUDGET_AND_TARGETS',
      'RECTIFY',
      'SUSPEND_FUNDS',
    ]);
  });

  it('keeps each department tally equal to a recount of its reports after a random sequence of edits, submissions, approvals and returns', async () => {
    // A seeded generator, so a failure can be replayed.
    let seed = 20260630;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const departments = { education, planning };
    const reportsOf = async (name: keyof typeof departments) =>
      (
        await stack.call(
          'GET',
          `/api/v1/monitoring-rounds/${roundId}/reports?departmentId=${demoId(`department:${departments[name].department}`)}`,
          as(tokens.perf),
        )
      ).body.items as StoredReport[];
    let accepted = 0;
    for (let step = 0; step < 60; step++) {
      const name = pick(['education', 'planning'] as const);
      const report = pick(await reportsOf(name));
      const url = `/api/v1/monitoring-reports/${report.id}`;
      const complete = report.lines.map((l) => ({
        rowId: l.rowId,
        actualToDate: l.operator === 'QUALITATIVE' ? '进行中' : String(Math.round(Number(l.targetValue) * random())),
        forecastYearEnd:
          l.operator === 'QUALITATIVE' ? '达到' : String(Math.round(Number(l.targetValue) * (0.7 + random() * 0.5))),
        likelihood: pick(['CERTAIN', 'POSSIBLE', 'IMPOSSIBLE']),
        deviationReasons: ['RULES'],
        deviationAnalysis: '',
        correctiveMeasures: '加强督导。',
        remarks: '',
      }));
      let response: CallResult;
      switch (report.reviewStatus) {
        case 'DRAFT':
        case 'RETURNED':
          response =
            random() < 0.5
              ? await stack.call(
                  'PATCH',
                  url,
                  as(tokens[`${name}:preparer`], {
                    version: report.version,
                    executed: { fiscal: Math.floor(report.budget.fiscal * random()), carryOver: 0, other: 0 },
                    forecastFullYearFen: report.budget.fiscal,
                    goalProgress: '按计划推进。',
                    lines: complete,
                  }),
                )
              : await stack.call('POST', `${url}/submit`, as(tokens[`${name}:approver`], { version: report.version }));
          break;
        case 'UNIT_SUBMITTED':
          response = await stack.call(
            'POST',
            `${url}/department-review`,
            as(tokens[`${name}:department`], {
              version: report.version,
              ...(random() < 0.7 ? { decision: 'approve' } : { decision: 'return', opinion: '请核实执行数。' }),
            }),
          );
          break;
        case 'DEPT_APPROVED':
          response = await stack.call(
            'POST',
            `${url}/first-review`,
            as(tokens[`${name}:section`], {
              version: report.version,
              ...(random() < 0.7 ? { decision: 'approve' } : { decision: 'return', opinion: '偏差原因不充分。' }),
            }),
          );
          break;
        case 'FIRST_REVIEWED':
          response = await stack.call(
            'POST',
            `${url}/final-review`,
            as(tokens.perf, {
              version: report.version,
              ...(random() < 0.7 ? { decision: 'approve' } : { decision: 'return', opinion: '请补充纠偏措施。' }),
            }),
          );
          break;
        default:
          continue;
      }
      // A submit of an incomplete draft is refused by the rules and changes nothing; all else goes through.
      expect([200, 422]).toContain(response.status);
      if (response.status === 200) accepted++;
    }
    expect(accepted).toBeGreaterThan(20);

    for (const name of ['education', 'planning'] as const) {
      const departmentId = demoId(`department:${departments[name].department}`);
      const tally = await stack.store.get<TallyRecord>(
        demoTenant.id,
        monitoringTallyKind,
        tallyId(roundId, departmentId),
      );
      const reports = await reportsOf(name);
      expect(countsOnly(tally!)).toEqual(countsOnly(recount(reports)));
    }
    // The red list holds exactly the reports that are red once reported, with their red reasons.
    const all = [...(await reportsOf('education')), ...(await reportsOf('planning'))];
    const red = (await stack.call('GET', `/api/v1/monitoring-rounds/${roundId}/red-list?limit=100`, as(tokens.perf)))
      .body.items as { reportId: string; warnings: unknown[] }[];
    const expected = all.map(redEntryOf).filter((e) => e !== null);
    expect(red.map((e) => e.reportId).sort()).toEqual(expected.map((e) => e.reportId).sort());
    for (const entry of red) {
      expect(entry.warnings).toEqual(expected.find((e) => e.reportId === entry.reportId)!.warnings);
    }
  });
});

describe('the demo', () => {
  it('has a 2026 mid-year round checked in at every stage: green, red and rectified, waiting at each level, returned, and one overdue', async () => {
    const dashboard = (await stack.call('GET', `/api/v1/monitoring-rounds/${demoRoundId}/dashboard`, as(tokens.perf)))
      .body;
    expect(dashboard.round).toMatchObject({ name: '2026年1—6月绩效运行监控', roundStatus: 'ISSUED' });
    expect(dashboard.pastDeadline).toBe(true);
    expect(dashboard.total).toMatchObject({
      reports: 7,
      submitted: 6,
      notSubmitted: 1,
      late: 1,
      byStatus: { DRAFT: 1, RETURNED: 1, UNIT_SUBMITTED: 1, DEPT_APPROVED: 1, FIRST_REVIEWED: 1, FINAL_APPROVED: 2 },
    });
    expect(dashboard.total.byColour.RED).toBeGreaterThanOrEqual(2);
    // Every red project fits on the dashboard's first page of the red list.
    expect(dashboard.red).toHaveLength(dashboard.total.byColour.RED);
    expect(dashboard.redMore).toBe(false);
    expect(dashboard.red.map((r: { projectCode: string }) => r.projectCode)).toEqual(
      expect.arrayContaining(['DL2026JY0002', 'DL2026JY0003']),
    );
    // Each department has its own light: the execution of its reported projects together.
    const byCode = Object.fromEntries(
      dashboard.departments.map((d: { departmentCode: string }) => [d.departmentCode, d]),
    );
    // 发改委: 55 % spent of the one reported project by June, green; 民政局: returned, nothing reported yet.
    expect(byCode['101']).toMatchObject({ colour: 'GREEN', executionRatePct: 55, warnings: [] });
    expect(byCode['103']).toMatchObject({ colour: null, executionRatePct: null });
    expect(byCode['102'].colour).toBe('RED');
    expect(byCode['102'].warnings[0]).toMatchObject({ code: 'budget_below_checkpoint' });
    const waiting = await stack.call('GET', '/api/v1/rectifications?state=FEEDBACK_SUBMITTED', as(tokens.perf));
    expect(waiting.body.items.map((r: { projectCode: string }) => r.projectCode)).toEqual(['DL2026JY0002']);
  });

  it('exports the 执行监控表 of a report and of a department, and the list of who reported late or not at all', async () => {
    const download = async (token: string, path: string) => {
      const response = await fetch(`${stack.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
      const workbook = new ExcelJS.Workbook();
      if (response.status === 200)
        await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
      return { response, workbook };
    };
    const texts = (sheet: ExcelJS.Worksheet | undefined) => {
      const found: string[] = [];
      sheet?.eachRow((r) => {
        r.eachCell((c) => {
          found.push(String(c.value));
        });
      });
      return found;
    };
    const cctv = demoId('project:DL2026JY0002');
    const reports = (
      await stack.call(
        'GET',
        `/api/v1/monitoring-rounds/${demoRoundId}/reports?departmentId=${demoId('department:102')}`,
        as(tokens.perf),
      )
    ).body.items as StoredReport[];
    const red = reports.find((r) => r.projectId === cctv)!;
    const one = await download(tokens['education:preparer']!, `/monitoring-reports/${red.id}/monitoring-table.xlsx`);
    expect(one.response.status).toBe(200);
    expect(one.response.headers.get('content-type')).toContain('spreadsheetml');
    const table = texts(one.workbook.worksheets[0]);
    expect(table).toContain('项目支出绩效目标执行监控表');
    expect(table).toEqual(expect.arrayContaining(['年初预算数', '全年预算数', 'DL2026JY0002', '√']));
    expect(table.some((t) => t.includes('1–6月'))).toBe(true);
    // The warning and the review state are on their own sheet, with the report's own figures.
    expect(one.workbook.worksheets[1]!.name).toBe('监控预警及审核信息');
    const info = texts(one.workbook.worksheets[1]);
    expect(info).toEqual(expect.arrayContaining(['红色', `${red.assessment.executionRatePct!.toFixed(1)}%`]));
    expect(table).not.toContain('红色');

    const department = await download(
      tokens['education:department']!,
      `/monitoring-rounds/${demoRoundId}/monitoring-tables.xlsx`,
    );
    expect(department.response.status).toBe(200);
    expect(department.workbook.worksheets.length).toBe(reports.length + 2);
    // Another department's workbook is not theirs to read.
    const theirs = await download(
      tokens['education:department']!,
      `/monitoring-rounds/${demoRoundId}/monitoring-tables.xlsx?departmentId=${demoId('department:101')}`,
    );
    expect(theirs.response.status).toBe(404);

    const overdue = await download(tokens.perf!, `/monitoring-rounds/${demoRoundId}/overdue.xlsx`);
    expect(overdue.response.status).toBe(200);
    const late = texts(overdue.workbook.worksheets[0]);
    expect(late).toEqual(expect.arrayContaining(['DL2026JY0004', '未报送', 'DL2026MZ0001', '逾期报送']));
    expect(late).not.toContain('DL2026JY0003');
  });
});
