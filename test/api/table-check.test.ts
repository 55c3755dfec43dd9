import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { blankEntry, type SelfEvaluationRow } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import { requestHash } from '@jixiao/functions/records/request-hash.ts';
import { selfEvaluationKind, selfEvaluationTallyKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import {
  historicalSelfEvaluationKind,
  type StoredTableCheck,
  tableCheckKind,
} from '@jixiao/functions/self-evaluation/table-check-kinds.ts';
import {
  newSelfEvaluationTally,
  type SelfEvaluationTally,
  type StoredSelfEvaluation,
  selfEvaluationTallyId,
} from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { projectKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import {
  brokenTable,
  cleanTable,
  departingTable,
  type TableSpec,
  tableXlsx,
} from '../support/self-evaluation-tables.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Checking a filled 项目支出绩效自评表 through the local gateway (issue 11 item 7): the bureau sends the
 * XLSX as departments send it and gets each printed score beside the formula's; a file that is not an
 * XLSX, or not base64, is refused in the caller's language. Nothing is stored.
 */
let stack: TestStack;
let perf = '';
let preparer = '';

beforeAll(async () => {
  stack = await startTestStack();
  perf = await stack.tokenForPerson({
    id: 'perf',
    displayName: 'perf',
    tenant: demoTenant.id,
    roles: ['performance-section-reviewer'],
    departmentId: null,
    unitId: null,
    sectionId: null,
  });
  preparer = await stack.tokenFor('unit-preparer');
}, 120_000);
afterAll(() => stack?.stop());

const send = async (
  token: string,
  file: Uint8Array | string,
  headers: Record<string, string> = {},
  path = '/api/v1/table-checks',
) =>
  stack.call('POST', path, {
    token,
    headers,
    body: {
      fileName: '自评表.xlsx',
      contentBase64: typeof file === 'string' ? file : Buffer.from(file).toString('base64'),
    },
  });

describe('checking a filled table', () => {
  it('reads the 10号 layout and reproduces the worked example: 90.87, 优, each row with its derivation', async () => {
    const checked = await send(perf, await tableXlsx(cleanTable()));
    expect(checked.status).toBe(200);
    const [table] = checked.body.tables;
    expect(table.total).toMatchObject({ claimed: 90.87, computed: 90.87, flagged: false });
    expect(table.grade.computed).toBe('EXCELLENT');
    expect(table.rows[0].derivation['zh-CN']).toContain('15 × 487/500 = 14.61');
    // The engine's exact fractions stay inside: only figures and words go out.
    expect(JSON.stringify(checked.body)).not.toContain('"exact"');
  });

  it('flags printed scores that depart from the formula, each with its cause and cell', async () => {
    const checked = await send(perf, await tableXlsx(departingTable()));
    expect(checked.status).toBe(200);
    const [table] = checked.body.tables;
    const flagged = table.rows.filter((r: { flagged: boolean }) => r.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    for (const row of flagged) {
      expect(row.causes.length).toBeGreaterThan(0);
      expect(row.refs.score).toMatch(/^Sheet1!/);
    }
    expect(table.weights.addsUp).toBe(false);
  });

  it('refuses a file that is not an XLSX, or not base64, in the caller’s language, and is the bureau’s alone', async () => {
    const notXlsx = await send(perf, new TextEncoder().encode('项目编码,资金来源\n'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.errors[0]).toMatchObject({ pointer: '/contentBase64', code: 'xlsx_not_xlsx' });
    const english = await send(perf, '%%%', { 'accept-language': 'en' });
    expect(english.status).toBe(400);
    expect(english.body.errors[0]).toMatchObject({ code: 'base64', message: 'The file is not base64-encoded' });
    const unit = await send(preparer, await tableXlsx(cleanTable()));
    expect(unit.status).toBe(403);
  });
});

// ------------------------------------------------------------------ kept checks and saving one as a self-evaluation

const tenant = demoTenant.id;
const at = '2027-01-10T02:00:00.000Z';
const context = () => ({ actor: 'fixture', actorRoles: [], requestId: uuidV7(), at });
const education = {
  id: demoId('department:102'),
  code: '102',
  name: '东丽区教育局',
  series: 'GOVERNMENT',
  financeSectionId: null,
};

/** The clean table with another project code and year (the code sits in H3, the year in A2). */
const variant = (code: string, year: number, spec: TableSpec = cleanTable()): TableSpec => {
  const rows = spec.rows.map((r) => [...r]);
  rows[1]![0] = `（${year}年度）`;
  rows[2]![7] = code;
  return { ...spec, rows };
};

const seedProject = async (code: string, fiscalYear: number): Promise<string> => {
  const id = uuidV7();
  const made = await stack.store.create(
    tenant,
    projectKind,
    {
      id,
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'fixture',
      updatedBy: 'fixture',
      code,
      name: '社区居民职业技能培训补助',
      departmentId: education.id,
      unitId: demoId('unit:102001'),
      fiscalYear,
    },
    { hash: requestHash({ project: id }), context: context() },
  );
  expect(made.outcome).toBe('created');
  return id;
};

/** The worked example's rows as the approved target holds them (the table prints the first as "指标1：培训人次"). */
const targetRows = (): SelfEvaluationRow[] =>
  (
    [
      ['r1', 'OUTPUT', 'QUANTITY', '培训人次', 'GTE', '500', '人次', 15],
      ['r2', 'OUTPUT', 'QUALITY', '培训合格率', 'GTE', '95', '%', 15],
      ['r3', 'OUTPUT', 'TIMELINESS', '培训按期完成', 'QUALITATIVE', '按期完成', '', 15],
      ['r4', 'OUTPUT', 'COST', '项目总成本', 'LTE', '100', '万元', 5],
      ['r5', 'BENEFIT', 'SOCIAL', '参训人员就业能力', 'QUALITATIVE', '明显提升', '', 30],
      ['r6', 'SATISFACTION', 'SERVICE_RECIPIENT', '参训学员满意度', 'GTE', '90', '%', 10],
    ] as const
  ).map(([rowId, level1, level2, name, operator, targetValue, unit, weight]) => ({
    level1,
    level2,
    name,
    operator,
    targetValue,
    unit,
    weight,
    scoringStandard: '',
    ...blankEntry(rowId),
  }));

/** The project's draft self-evaluation issued in the round (its id derived as issuing derives it), with its tally. */
const seedIssued = async (roundId: string, projectId: string, code: string): Promise<string> => {
  const id = selfEvaluationId(roundId, projectId);
  const line = (source: 'FISCAL' | 'CARRY_OVER', fen: number) => ({
    source,
    initialBudgetFen: fen,
    annualBudgetFen: fen,
    executedFen: null,
    origin: 'PROJECT' as const,
    importedExecutedFen: null,
    overrideReason: '',
  });
  const record: StoredSelfEvaluation = {
    id,
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
    projectId,
    projectCode: code,
    projectName: '社区居民职业技能培训补助',
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
    annualGoal: '全年开展职业技能培训不少于500人次',
    goalCompletion: '',
    money: [line('FISCAL', 80_000_000), line('CARRY_OVER', 20_000_000)],
    rows: targetRows(),
    claimedTotal: null,
    rowAttachments: {},
    reviewStatus: 'DRAFT',
    statusSince: at,
    firstSubmittedAt: null,
    reviewLog: [],
    total: null,
    grade: null,
    spotCheck: null,
  };
  const request = { receivedAt: at, principal: { userId: 'fixture' } } as OperationRequest;
  const result = await stack.store.transact(
    tenant,
    [
      newSelfEvaluationTally(roundId, education, [record], request),
      { kind: selfEvaluationKind, create: record, hash: requestHash({ selfEvaluation: id }) },
    ],
    context(),
  );
  expect(result.outcome).toBe('done');
  return id;
};

const keep = (token: string, spec: TableSpec, headers: Record<string, string> = {}) =>
  tableXlsx(spec).then((file) => send(token, file, headers, '/api/v1/kept-table-checks'));
const saveAs = (token: string, id: string, version: number | null, headers: Record<string, string> = {}) =>
  stack.call('POST', `/api/v1/kept-table-checks/${id}/self-evaluation`, { token, headers, body: { version } });
const storedCheck = (id: string) => stack.store.get<StoredTableCheck>(tenant, tableCheckKind, id);

describe('keeping a check', () => {
  it('keeps who, when, the file’s checksum and name, the parsed table and its findings; the same file again is the same check', async () => {
    // The same bytes twice: a workbook built again carries another build time, so it is another file.
    const file = await tableXlsx(variant('KEEP-2023-0001', 2023));
    const kept = await send(perf, file, {}, '/api/v1/kept-table-checks');
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({
      fiscalYear: 2023,
      fileName: '自评表.xlsx',
      projectCode: 'KEEP-2023-0001',
      checkedBy: 'perf',
      blocking: false,
      savedAs: null,
      total: { claimed: 90.87, computed: 90.87, flagged: false },
      match: { kind: 'NONE', error: { code: 'no_project' } },
    });
    expect(kept.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(kept.body.model.rows).toHaveLength(6);
    expect(JSON.stringify(kept.body)).not.toContain('"exact"');

    const again = await send(perf, file, {}, '/api/v1/kept-table-checks');
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(kept.body.id);
    expect(again.body.version).toBe(1);

    const one = await stack.call('GET', `/api/v1/kept-table-checks/${kept.body.id}`, { token: perf });
    expect(one.status).toBe(200);
    expect(one.body.rows[0].derivation['zh-CN']).toContain('15 × 487/500 = 14.61');

    const listed = await stack.call('GET', '/api/v1/kept-table-checks?fiscalYear=2023&limit=100', { token: perf });
    expect(listed.status).toBe(200);
    const mine = listed.body.items.filter((c: { id: string }) => c.id === kept.body.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ findingCount: kept.body.findings.length, flaggedRows: 0 });
    expect(mine[0].model).toBeUndefined();
    const otherYear = await stack.call('GET', '/api/v1/kept-table-checks?fiscalYear=2022', { token: perf });
    expect(otherYear.body.items.some((c: { id: string }) => c.id === kept.body.id)).toBe(false);
  });

  it('refuses a table without a year when none is sent, and a workbook of several tables, keeping nothing', async () => {
    const noYear = cleanTable();
    noYear.rows[1]![0] = '';
    const refused = await keep(perf, noYear, { 'accept-language': 'en' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/fiscalYear', code: 'fiscal_year_unknown' });
    const two = await tableXlsx(cleanTable(), [{ ...departingTable(), sheet: 'Sheet2' }]);
    const several = await send(perf, two, {}, '/api/v1/kept-table-checks');
    expect(several.status).toBe(400);
    expect(several.body.errors[0]).toMatchObject({ code: 'one_table_per_file' });
    expect(several.body.errors[0].message).toContain('Sheet2');
    const listed = await stack.call('GET', '/api/v1/kept-table-checks?fiscalYear=2023&limit=100', { token: perf });
    expect(listed.body.items).toHaveLength(1);
  });
});

describe('saving a checked table as the project’s self-evaluation', () => {
  it('fills the project’s issued self-evaluation of the year’s round, at its version, claims as printed', async () => {
    const roundId = await seedSelfEvaluationRound(stack.store, tenant);
    const projectId = await seedProject('TC-2026-0001', 2026);
    const id = await seedIssued(roundId, projectId, 'TC-2026-0001');
    const kept = await keep(perf, variant('TC-2026-0001', 2026));
    expect(kept.body.match).toMatchObject({ kind: 'ROUND', selfEvaluationId: id, version: 1, editable: true });

    const stale = await saveAs(perf, kept.body.id, 5);
    expect(stale.status).toBe(409);
    const unit = await saveAs(preparer, kept.body.id, 1);
    expect(unit.status).toBe(403);
    expect((await stack.store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, id))!.version).toBe(1);

    const saved = await saveAs(perf, kept.body.id, 1);
    expect(saved.status).toBe(200);
    expect(saved.body.savedAs).toMatchObject({ kind: 'ROUND', id, projectId });
    const read = await stack.call('GET', `/api/v1/self-evaluations/${id}`, { token: perf });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ version: 2, reviewStatus: 'DRAFT', total: 90.87, grade: 'EXCELLENT' });
    expect(read.body.claimedTotal).toBe('90.87');
    const first = read.body.rows.find((r: SelfEvaluationRow) => r.rowId === 'r1');
    expect(first).toMatchObject({ actual: '487人次', claimedScore: '14.61' });
    expect(first.deviationReasons).toContain('场地改造延后');
    const timely = read.body.rows.find((r: SelfEvaluationRow) => r.rowId === 'r3');
    expect(timely).toMatchObject({ tier: 'PARTIAL', tierScore: '10.5', claimedScore: '10.5' });
    expect(read.body.claims).toEqual([]);
    expect(read.body.money.find((m: { source: string }) => m.source === 'FISCAL')).toMatchObject({
      executedFen: 75_000_000,
      origin: 'UNIT',
    });
    // Counted in its department's tally as the form's save would be: a draft, no grade yet.
    const tally = await stack.store.get<SelfEvaluationTally>(
      tenant,
      selfEvaluationTallyKind,
      selfEvaluationTallyId(roundId, education.id),
    );
    expect(tally!.selfEvaluations).toBe(1);
    expect((await storedCheck(kept.body.id))!.savedAs).toMatchObject({ kind: 'ROUND', id });

    // Sent on, the unit may no longer edit it: a table cannot fill it either.
    const sent = await stack.store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, id);
    await stack.store.update(
      tenant,
      selfEvaluationKind,
      sent!,
      { ...sent!, reviewStatus: 'UNIT_SUBMITTED', version: 3 },
      context(),
    );
    const late = await saveAs(perf, kept.body.id, 3);
    expect(late.status).toBe(409);
    expect(late.body.type).toContain('invalid-transition');
    expect((await stack.store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, id))!.version).toBe(3);
  });

  it('keeps an earlier year as that year’s historical self-evaluation, rescored by the formula, counted in no round', async () => {
    const projectId = await seedProject('TC-2023-0002', 2023);
    const kept = await keep(perf, variant('TC-2023-0002', 2023));
    expect(kept.body.match).toMatchObject({ kind: 'HISTORY', projectId, version: null });
    const saved = await saveAs(perf, kept.body.id, null);
    expect(saved.status).toBe(200);
    const historical = await stack.call('GET', `/api/v1/historical-self-evaluations/${saved.body.savedAs.id}`, {
      token: perf,
    });
    expect(historical.status).toBe(200);
    expect(historical.body).toMatchObject({
      origin: 'TABLE_IMPORT',
      fiscalYear: 2023,
      projectId,
      projectCode: 'TC-2023-0002',
      departmentId: education.id,
      total: 90.87,
      grade: 'EXCELLENT',
      claimedTotal: '90.87',
      claimedGrade: '优',
      tableCheckId: kept.body.id,
      version: 1,
    });
    // Saving again needs the version it now has; a stale one changes nothing.
    expect((await saveAs(perf, kept.body.id, null)).status).toBe(409);
    const again = await saveAs(perf, kept.body.id, 1);
    expect(again.status).toBe(200);
    expect(again.body.historicalSelfEvaluation.version).toBe(2);
  });

  it('refuses loudly, in the caller’s language, when no project or several match or a needed cell was not read; nothing changes', async () => {
    const none = await keep(perf, variant('TC-NONE-0001', 2023));
    const noProject = await saveAs(perf, none.body.id, null, { 'accept-language': 'en' });
    expect(noProject.status).toBe(422);
    expect(noProject.body.errors[0]).toMatchObject({
      code: 'no_project',
      message: 'No project has the code "TC-NONE-0001"',
    });

    await seedProject('TC-DUP-0001', 2021);
    await seedProject('TC-DUP-0001', 2022);
    const dup = await keep(perf, variant('TC-DUP-0001', 2023));
    const several = await saveAs(perf, dup.body.id, null);
    expect(several.status).toBe(422);
    expect(several.body.errors[0].code).toBe('several_projects');
    expect(several.body.errors[0].message).toContain('2021、2022');

    const broken = await keep(perf, variant('TC-2023-0002', 2024, brokenTable()));
    expect(broken.body.blocking).toBe(true);
    const blocked = await saveAs(perf, broken.body.id, null);
    expect(blocked.status).toBe(422);
    expect(blocked.body.errors.length).toBeGreaterThan(0);
    expect(blocked.body.errors.map((e: { code: string }) => e.code)).toContain('UNREADABLE_AMOUNT');

    for (const id of [none.body.id, dup.body.id, broken.body.id]) {
      expect(await storedCheck(id)).toMatchObject({ version: 1, savedAs: null });
    }
    const historical = await stack.store.list(tenant, historicalSelfEvaluationKind, { limit: 100 });
    expect(historical.items.map((h) => h.projectCode)).toEqual(['TC-2023-0002']);
  });
});
