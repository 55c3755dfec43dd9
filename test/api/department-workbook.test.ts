import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { blankEntry } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { checkTable } from '@jixiao/core/self-evaluation/table-check/table-check.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import { CONTENTS_SHEET } from '@jixiao/functions/export/department-workbook.ts';
import { readXlsx } from '@jixiao/functions/import/xlsx/read-xlsx.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import type { StoredSelfEvaluation } from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * A department's self-evaluations of a round as one workbook (issue 11 item 9): a department of 250,
 * more than a page of the round's list, comes out whole — a contents sheet and one 10号 sheet per project —
 * and every sheet reads back through the table check to the same scores with nothing flagged.
 */
let stack: TestStack;
let roundId = '';
const tokens: Record<string, string> = {};
const count = 250;
const tenant = demoTenant.id;
const at = '2027-01-10T02:00:00.000Z';
const education = { id: demoId('department:102'), code: '102', name: '东丽区教育局', series: 'GOVERNMENT' };

const person = (id: string, roles: string[], where: { department?: string; unit?: string } = {}) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant,
    roles,
    departmentId: where.department ? demoId(`department:${where.department}`) : null,
    unitId: where.unit ? demoId(`unit:${where.unit}`) : null,
    sectionId: null,
  });

/** The i-th project's filled draft: 1,100 of 1,200 trainings (90 × 1100/1200 = 82.5) and 90 % executed (9): 91.5. */
const selfEvaluationOf = (i: number): StoredSelfEvaluation => {
  const code = `WB2026${String(i).padStart(4, '0')}`;
  return {
    id: uuidV7(),
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: 'fixture',
    updatedBy: 'fixture',
    roundId,
    roundName: '2026年度项目支出绩效自评',
    roundDepartment: `${roundId}#${education.id}`,
    fiscalYear: 2026,
    deadline: '2027-03-31',
    scoring: defaultScoringSettings,
    weights: defaultTargetWeights,
    projectId: uuidV7(),
    projectCode: code,
    projectName: `教师培训项目（${i}）`,
    departmentId: education.id,
    departmentCode: education.code,
    departmentName: education.name,
    departmentSeries: education.series,
    unitId: demoId('unit:102001'),
    unitName: '区教育局',
    financeSectionId: null,
    carriedOver: false,
    targetId: uuidV7(),
    targetVersionNo: 1,
    weightReason: '',
    annualGoal: '完成全年教师培训任务',
    goalCompletion: '完成培训1100人次',
    money: [
      {
        source: 'FISCAL',
        initialBudgetFen: 1_000_000_00,
        annualBudgetFen: 1_000_000_00,
        executedFen: 900_000_00,
        origin: 'UNIT',
        importedExecutedFen: null,
        overrideReason: '',
      },
    ],
    rows: [
      {
        level1: 'OUTPUT',
        level2: 'QUANTITY',
        name: '培训教师人次',
        operator: 'GTE',
        targetValue: '1200',
        unit: '人次',
        weight: 90,
        scoringStandard: '完成值达到目标值得满分，未达到的按完成比例计分',
        ...blankEntry('r1'),
        actual: '1100',
        deviationReasons: '两期培训延后',
        improvementMeasures: '下年度增加周末班次',
      },
    ],
    claimedTotal: null,
    rowAttachments: {},
    reviewStatus: 'DRAFT',
    statusSince: at,
    firstSubmittedAt: null,
    reviewLog: [],
    total: 91.5,
    grade: 'EXCELLENT',
    spotCheck: null,
  };
};

beforeAll(async () => {
  stack = await startTestStack();
  roundId = await seedSelfEvaluationRound(stack.store, tenant);
  const all = Array.from({ length: count }, (_, i) => selfEvaluationOf(i + 1));
  // 30 creates a transaction (3 items each): the store's limit.
  for (let i = 0; i < all.length; i += 30) {
    const result = await stack.store.transact(
      tenant,
      all
        .slice(i, i + 30)
        .map((s) => ({ kind: selfEvaluationKind, create: s, hash: requestHash({ selfEvaluation: s.id }) })),
      { actor: 'fixture', actorRoles: [], requestId: uuidV7(), at },
    );
    expect(result.outcome).toBe('done');
  }
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.department = await person('dept', ['department-reviewer'], { department: '102' });
  tokens.otherPreparer = await person('other-preparer', ['unit-preparer'], { department: '101', unit: '101001' });
  tokens.preparer = await person('preparer', ['unit-preparer'], { department: '102', unit: '102001' });
}, 300_000);
afterAll(() => stack?.stop());

const download = (token: string, department = education.id) =>
  fetch(`${stack.url}/api/v1/self-evaluation-rounds/${roundId}/department-workbook.xlsx?department=${department}`, {
    headers: { authorization: `Bearer ${token}` },
  });

describe('the department workbook', () => {
  it('gives a unit its own projects of the department', async () => {
    const file = await download(tokens.preparer!);
    expect(file.status).toBe(200);
    expect(readXlsx(new Uint8Array(await file.arrayBuffer())).sheets).toHaveLength(count + 1);
  });

  it('holds all 250 self-evaluations of the department, each sheet read back by the table check with nothing flagged', async () => {
    const file = await download(tokens.perf!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const grid = readXlsx(new Uint8Array(await file.arrayBuffer()));
    expect(grid.sheets[0]!.name).toBe(CONTENTS_SHEET);
    expect(grid.sheets).toHaveLength(count + 1);

    const result = checkTable(grid, defaultScoringSettings, { fiscalYear: 2026 });
    expect(result.findings).toEqual([]);
    expect(result.tables).toHaveLength(count);
    const codes = new Set<string>();
    for (const table of result.tables) {
      expect(table.findings.filter((f) => f.severity === 'ERROR')).toEqual([]);
      expect(table.rows.filter((r) => r.flagged)).toEqual([]);
      expect(table.execution).toMatchObject({ claimed: 9, computed: 9, flagged: false });
      expect(table.total).toMatchObject({ claimed: 91.5, computed: 91.5, flagged: false });
      expect(table.grade.computed).toBe('EXCELLENT');
      expect(table.sheet).toBe(table.projectCode?.text);
      codes.add(table.projectCode!.text);
    }
    expect(codes.size).toBe(count);
  });

  it('lists each project on the contents sheet with its score, grade and status', async () => {
    const grid = readXlsx(new Uint8Array(await (await download(tokens.department!)).arrayBuffer()));
    const contents = grid.sheets[0]!;
    const texts = contents.cells.map((c) => c.text);
    expect(texts).toContain('WB20260001');
    expect(texts).toContain('WB20260250');
    expect(texts.filter((t) => t === '优')).toHaveLength(count);
    expect(texts.filter((t) => t === '91.5')).toHaveLength(count);
    expect(texts.some((t) => t.includes('共 250 个项目'))).toBe(true);
  });

  it('is not found for a caller who may read none of the department’s self-evaluations, and needs the department', async () => {
    expect((await download(tokens.otherPreparer!)).status).toBe(404);
    const without = await stack.call('GET', `/api/v1/self-evaluation-rounds/${roundId}/department-workbook.xlsx`, {
      token: tokens.perf!,
    });
    expect(without.status).toBe(400);
  });
});
