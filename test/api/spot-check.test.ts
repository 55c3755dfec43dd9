import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { blankEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import {
  countedScore,
  recountSelfEvaluations,
  selfEvaluationCountsOnly,
} from '@jixiao/core/self-evaluation/self-evaluation-tally.ts';
import { drawSample } from '@jixiao/core/self-evaluation/spot-check-sample.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { selfEvaluationKind, selfEvaluationTallyKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { sheetOf } from '@jixiao/functions/self-evaluation/self-evaluation-record-operations.ts';
import {
  type DepartmentOfRound,
  newSelfEvaluationTally,
  type SelfEvaluationTally,
  type StoredSelfEvaluation,
  selfEvaluationTallyId,
  selfEvaluationTallyIncrement,
} from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The spot-check (抽查复核) through the local gateway (issue 11 item 4): the performance section draws
 * a seeded, stratified sample of a round's final-approved self-evaluations (the same draw again
 * changes nothing), scores rows again with reasons, finishes, and the reviewed score then counts;
 * each department's tally stays equal to a recount. The final-approved self-evaluations are written
 * straight to the store, as test/support/self-evaluation-fixture.ts does, to keep the test quick.
 */
let stack: TestStack;
let perf: string;
let preparer: string;
let roundId: string;
const tenant = demoTenant.id;
const at = '2027-03-01T02:00:00.000Z';

const departments: DepartmentOfRound[] = [
  { id: demoId('department:102'), code: '102', name: '区教育局', series: 'EDUCATION', financeSectionId: null },
  { id: demoId('department:101'), code: '101', name: '区卫健委', series: 'HEALTH', financeSectionId: null },
  { id: demoId('department:103'), code: '103', name: '区住建委', series: 'CONSTRUCTION', financeSectionId: null },
];
const seeded = new Map<string, StoredSelfEvaluation[]>();

const finalApproved = (department: DepartmentOfRound, annualBudgetFen: number): StoredSelfEvaluation => {
  const row = (rowId: string, weight: number, actual: string) => ({
    level1: 'OUTPUT' as const,
    level2: 'QUANTITY' as const,
    name: `培训教师人次${rowId}`,
    operator: 'GTE' as const,
    targetValue: '1200',
    unit: '人次',
    weight,
    scoringStandard: '完成值达到目标值得满分，未达到的按完成比例计分',
    ...blankEntry(rowId),
    actual,
    deviationReasons: '部分学校未按期组织',
    improvementMeasures: '下年度提前安排',
  });
  const record: StoredSelfEvaluation = {
    id: uuidV7(),
    version: 3,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: 'fixture',
    updatedBy: 'fixture',
    roundId,
    roundName: '2026年度项目支出绩效自评',
    roundDepartment: `${roundId}#${department.id}`,
    fiscalYear: 2026,
    deadline: '2027-03-31',
    scoring: defaultScoringSettings,
    weights: defaultTargetWeights,
    projectId: uuidV7(),
    projectCode: `DL2026SC${Math.floor(Math.random() * 1e6)}`,
    projectName: '教师培训项目',
    departmentId: department.id,
    departmentCode: department.code,
    departmentName: department.name,
    departmentSeries: department.series,
    unitId: uuidV7(),
    unitName: '区第一中学',
    financeSectionId: null,
    carriedOver: false,
    targetId: uuidV7(),
    targetVersionNo: 1,
    weightReason: '',
    annualGoal: '完成全年教师培训任务',
    goalCompletion: '基本完成',
    money: [
      {
        source: 'FISCAL',
        initialBudgetFen: annualBudgetFen,
        annualBudgetFen,
        executedFen: annualBudgetFen,
        origin: 'PROJECT',
        importedExecutedFen: null,
        overrideReason: '',
      },
    ],
    rows: [row('r1', 50, '1200'), row('r2', 40, '1080')],
    claimedTotal: null,
    rowAttachments: {},
    reviewStatus: 'FINAL_APPROVED',
    statusSince: at,
    firstSubmittedAt: '2027-03-10T02:00:00.000Z',
    reviewLog: [],
    total: null,
    grade: null,
    spotCheck: null,
  };
  const sheet = sheetOf(record);
  return { ...record, total: sheet.total, grade: sheet.grade };
};

const seedDepartment = async (department: DepartmentOfRound, amounts: number[]) => {
  const records = amounts.map((amount) => finalApproved(department, amount));
  const request = { receivedAt: at, principal: { userId: 'fixture:spot-check' } } as OperationRequest;
  // 30 creates to a transaction (3 items each), the tally made with the first.
  for (let i = 0; i < records.length; i += 30) {
    const chunk = records.slice(i, i + 30);
    const result = await stack.store.transact(
      tenant,
      [
        i === 0
          ? newSelfEvaluationTally(roundId, department, chunk, request)
          : selfEvaluationTallyIncrement(
              roundId,
              department.id,
              chunk.map((after) => ({ before: undefined, after })),
            )!,
        ...chunk.map((r) => ({ kind: selfEvaluationKind, create: r, hash: requestHash({ selfEvaluation: r.id }) })),
      ],
      { actor: 'fixture', actorRoles: [], requestId: uuidV7(), at },
    );
    if (result.outcome !== 'done') throw new Error(`spot-check fixture: ${result.outcome}`);
  }
  seeded.set(department.id, records);
};

const allOf = async (department: DepartmentOfRound) => {
  const all: StoredSelfEvaluation[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.store.list<StoredSelfEvaluation>(tenant, selfEvaluationKind, {
      limit: 100,
      cursor,
      ownerId: `${roundId}#${department.id}`,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
};

const tallyOf = (department: DepartmentOfRound) =>
  stack.store.get<SelfEvaluationTally>(tenant, selfEvaluationTallyKind, selfEvaluationTallyId(roundId, department.id));

const expectTalliesEqualRecounts = async () => {
  for (const department of departments) {
    const tally = await tallyOf(department);
    expect(selfEvaluationCountsOnly(tally!)).toEqual(
      selfEvaluationCountsOnly(recountSelfEvaluations(await allOf(department))),
    );
  }
};

beforeAll(async () => {
  stack = await startTestStack();
  // The tenant cuts its amount bands at 250万 this year (not the default 100万 and 500万).
  roundId = await seedSelfEvaluationRound(stack.store, tenant, {
    ...defaultScoringSettings,
    spotCheckBandLimitsWan: [250],
  });
  // Education: 12 of 5万 and 8 of 200万, all below 250万; health: 5 below; construction: 130 of 300万 (more than a page).
  await seedDepartment(departments[0]!, [...Array(12).fill(50_000_00), ...Array(8).fill(2_000_000_00)]);
  await seedDepartment(departments[1]!, Array(5).fill(80_000_00));
  await seedDepartment(departments[2]!, Array(130).fill(3_000_000_00));
  perf = await stack.tokenForPerson({
    id: 'perf',
    displayName: '绩效科',
    tenant,
    roles: ['performance-section-reviewer'],
    departmentId: null,
    unitId: null,
    sectionId: null,
  });
  preparer = await stack.tokenForPerson({
    id: 'preparer',
    displayName: 'preparer',
    tenant,
    roles: ['unit-preparer'],
    departmentId: demoId('department:102'),
    unitId: demoId('unit:102001'),
    sectionId: null,
  });
}, 600_000);
afterAll(() => stack?.stop());

const roundVersion = async () =>
  (await stack.call('GET', `/api/v1/self-evaluation-rounds/${roundId}`, { token: perf })).body.version as number;

describe('drawing the spot-check sample', () => {
  let drawn: { selfEvaluationId: string; projectId: string; reason: string }[] = [];
  const seed = 'a1b2c3d4e5';

  it('refuses a named project without a final-approved self-evaluation in the round, and writes nothing', async () => {
    const version = await roundVersion();
    const refused = await stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/spot-check`, {
      token: perf,
      body: { version, seed, sharePct: 40, namedProjectIds: [uuidV7()] },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/namedProjectIds/0', code: 'named_not_final_approved' });
    expect(await roundVersion()).toBe(version);
    expect((await tallyOf(departments[0]!))!.sampled).toBe(0);
  });

  it('draws ceil(40%) of each department × series × amount band by the seed, the named project included', async () => {
    const named = seeded.get(departments[0]!.id)![15]!.projectId;
    const version = await roundVersion();
    const made = await stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/spot-check`, {
      token: perf,
      body: { version, seed, sharePct: 40, namedProjectIds: [named] },
    });
    expect(made.status).toBe(200);
    drawn = made.body.items;
    // By the tenant's bands (below 250万, and above): education's 20 → 8 (the named one among them), health's 5 → 2,
    // construction's 130 → 52 (read over two pages, marked in two transactions). By the default bands education
    // would be two strata, 12 → 5 and 8 → 4.
    expect(drawn).toHaveLength(62);
    expect(made.body.draw).toMatchObject({
      seed,
      sharePct: 40,
      namedProjectIds: [named],
      bandLimitsFen: [250_0000_00],
      count: 62,
      by: 'perf',
    });
    expect(drawn.find((d) => d.projectId === named)?.reason).toBe('NAMED');
    // The same seed over the same candidates draws the same sample, wherever it is drawn.
    const candidates = [...seeded.values()].flat().map((s) => ({
      id: s.id,
      projectId: s.projectId,
      departmentId: s.departmentId,
      departmentSeries: s.departmentSeries,
      amountFen: s.money[0]!.annualBudgetFen!,
    }));
    expect(drawn.map((d) => d.selfEvaluationId)).toEqual(
      drawSample(candidates, { seed, sharePct: 40, namedProjectIds: [named], bandLimitsFen: [250_0000_00] }).map(
        (d) => d.id,
      ),
    );
    const marked = (await Promise.all(departments.map(allOf))).flat().filter((s) => s.spotCheck !== null);
    expect(marked.map((s) => s.id).sort()).toEqual(drawn.map((d) => d.selfEvaluationId).sort());
    expect((await tallyOf(departments[0]!))!.sampled).toBe(8);
    expect((await tallyOf(departments[1]!))!.sampled).toBe(2);
    expect((await tallyOf(departments[2]!))!.sampled).toBe(52);
    await expectTalliesEqualRecounts();
  });

  it('changes nothing when the same draw comes again, and refuses another draw', async () => {
    const named = seeded.get(departments[0]!.id)![15]!.projectId;
    const version = await roundVersion();
    const before = (await Promise.all(departments.map(allOf))).flat().map((s) => [s.id, s.version]);
    const again = await stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/spot-check`, {
      token: perf,
      body: { version: version - 1, seed, sharePct: 40, namedProjectIds: [named] },
    });
    expect(again.status).toBe(200);
    expect(again.body.draw).toMatchObject({ seed, count: 62 });
    expect(await roundVersion()).toBe(version);
    expect((await Promise.all(departments.map(allOf))).flat().map((s) => [s.id, s.version])).toEqual(before);
    const other = await stack.call('POST', `/api/v1/self-evaluation-rounds/${roundId}/spot-check`, {
      token: perf,
      body: { version, seed: 'ffffffff', sharePct: 40, namedProjectIds: [] },
    });
    expect(other.status).toBe(409);
    expect((await tallyOf(departments[0]!))!.sampled).toBe(8);
  });

  it('adjusts rows with reasons, refuses a score above the weight, and the finished review counts', async () => {
    const target = drawn.find((d) => d.reason === 'NAMED')!.selfEvaluationId;
    const path = `/api/v1/self-evaluations/${target}/spot-check`;
    const current = await stack.store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, target);
    expect(current).toMatchObject({ total: 96, grade: 'EXCELLENT' });

    const tooMuch = await stack.call('PATCH', path, {
      token: perf,
      body: { version: current!.version, adjustments: [{ rowId: 'r1', score: '55', reason: '超过分值' }] },
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors[0]).toMatchObject({ pointer: '/adjustments/0/score', code: 'score_above_weight' });
    const english = await stack.call('PATCH', path, {
      token: perf,
      headers: { 'accept-language': 'en' },
      body: { version: current!.version, adjustments: [{ rowId: 'r9', score: '5', reason: '无此行' }] },
    });
    expect(english.status).toBe(400);
    expect(english.body.errors[0]).toMatchObject({
      pointer: '/adjustments/0/rowId',
      message: 'The adjusted row does not exist',
    });

    const adjusted = await stack.call('PATCH', path, {
      token: perf,
      body: {
        version: current!.version,
        adjustments: [{ rowId: 'r2', score: '30', reason: '佐证材料只能证明完成 900 人次' }],
      },
    });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body.spotCheck).toMatchObject({
      reason: 'NAMED',
      adjustments: [{ rowId: 'r2', score: '30', reason: '佐证材料只能证明完成 900 人次', by: 'perf' }],
      reviewedTotal: null,
    });
    const stale = await stack.call('PATCH', path, {
      token: perf,
      body: { version: current!.version, adjustments: [], finish: true },
    });
    expect(stale.status).toBe(409);

    const finished = await stack.call('PATCH', path, {
      token: perf,
      body: { version: adjusted.body.version, adjustments: [], opinion: '第二项指标佐证不足', finish: true },
    });
    expect(finished.status).toBe(200);
    // Execution 10 + r1 50 + r2 as reviewed 30 = 90.
    expect(finished.body.spotCheck).toMatchObject({
      reviewedTotal: 90,
      reviewedGrade: 'EXCELLENT',
      reviewedBy: 'perf',
    });
    const stored = await stack.store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, target);
    expect(countedScore(stored!)).toEqual({ total: 90, grade: 'EXCELLENT', reviewed: true });
    const tally = await tallyOf(departments[0]!);
    expect(tally).toMatchObject({ sampled: 8, reviewed: 1, gapHundredths: 90_00 - 96_00, absoluteGapHundredths: 600 });
    await expectTalliesEqualRecounts();

    const again = await stack.call('PATCH', path, {
      token: perf,
      body: { version: finished.body.version, adjustments: [], finish: true },
    });
    expect(again.status).toBe(409);
  });

  it('refuses a self-evaluation not drawn, and anyone but the performance section', async () => {
    const notDrawn = seeded.get(departments[0]!.id)!.find((s) => !drawn.some((d) => d.selfEvaluationId === s.id))!;
    const refused = await stack.call('PATCH', `/api/v1/self-evaluations/${notDrawn.id}/spot-check`, {
      token: perf,
      body: { version: notDrawn.version, adjustments: [] },
    });
    expect(refused.status).toBe(409);
    const forbidden = await stack.call('PATCH', `/api/v1/self-evaluations/${notDrawn.id}/spot-check`, {
      token: preparer,
      body: { version: notDrawn.version, adjustments: [] },
    });
    expect(forbidden.status).toBe(403);
  });
});
