import { defaultScoringSettings, type ScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { checkTable, type TableCheck } from '@jixiao/core/self-evaluation/table-check/table-check.ts';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '#functions/import/xlsx/read-xlsx.ts';
import {
  brokenTable,
  buildLargeTable,
  cleanTable,
  departingTable,
  hubeiTable,
  reorderedTable,
  type TableSpec,
  tableXlsx,
  yuanTable,
} from '../../../test/support/self-evaluation-tables.ts';

/**
 * The table check end to end: each fixture written as .xlsx by exceljs, read back by the repository's
 * reader, parsed and scored, and its findings compared with what a reviewer should be told, cell by
 * cell (docs/domain/self-evaluation.md, "Checking a filled table").
 */
const check = async (spec: TableSpec, settings: ScoringSettings = defaultScoringSettings, extra: TableSpec[] = []) =>
  checkTable(readXlsx(await tableXlsx(spec, extra)), settings);

/** Only the rows whose claim departs from the formula, with the cell of their claim and the causes' codes. */
const departures = (t: TableCheck) =>
  t.rows.filter((r) => r.flagged).map((r) => [r.refs.score, r.claimed, r.computed, r.causes.map((c) => c.code)]);
const findings = (t: TableCheck) => t.findings.map((f) => `${f.code} ${f.ref ?? '-'}`);

describe('checking filled 项目支出绩效自评表', () => {
  it('(a) reads the 10号 layout and reproduces the worked example: 90.87, 优, nothing to flag', async () => {
    const { tables, findings: workbook } = await check(cleanTable());
    expect(workbook).toEqual([]);
    const [t] = tables as [TableCheck];
    expect(t.table.project).toEqual({
      name: { text: '社区居民职业技能培训补助', ref: 'Sheet1!B3' },
      department: { text: '区人力资源和社会保障局', ref: 'Sheet1!B4' },
      implementingUnit: { text: '区职业技能公共实训中心', ref: 'Sheet1!G4' },
      code: { text: '12010223-2023-0071', ref: 'Sheet1!H3' },
    });
    expect(t.projectCode?.text).toBe('12010223-2023-0071');
    expect(t.table.fiscalYear).toBe(2023);
    expect(t.table.goal.expected).toContain('不少于500人次');
    expect(t.table.money.map((m) => [m.source, m.annualBudgetFen, m.executedFen])).toEqual([
      ['TOTAL', 100_000_000, 92_000_000],
      ['FISCAL', 80_000_000, 75_000_000],
      ['CARRY_OVER', 20_000_000, 17_000_000],
      ['OTHER', 0, 0],
    ]);
    expect(t.execution).toMatchObject({ points: 10, claimed: 9.2, computed: 9.2, flagged: false, ref: 'Sheet1!I6' });
    expect(t.rows.map((r) => [r.name, r.kind, r.claimed, r.computed])).toEqual([
      ['培训人次', 'NUMBER', 14.61, 14.61],
      ['培训合格率', 'NUMBER', 15, 15],
      ['培训按期完成', 'QUALITATIVE', 10.5, 10.5],
      ['项目总成本', 'NUMBER', 5, 5],
      ['参训人员就业能力', 'QUALITATIVE', 27, 27],
      ['参训学员满意度', 'NUMBER', 9.56, 9.56],
    ]);
    expect(t.rows[0]?.derivation['zh-CN']).toContain('15 × 487/500 = 14.61');
    // What would be saved as the project's self-evaluation: tiers stand where the table wrote words.
    expect(t.model.rows.map((r) => [r.name, r.tier, r.tierScore])).toEqual([
      ['培训人次', null, null],
      ['培训合格率', null, null],
      ['培训按期完成', 'PARTIAL', '10.5'],
      ['项目总成本', null, null],
      ['参训人员就业能力', 'ACHIEVED', '27'],
      ['参训学员满意度', null, null],
    ]);
    expect(t.model.money.map((m) => [m.source, m.executedFen])).toEqual([
      ['FISCAL', 75_000_000],
      ['CARRY_OVER', 17_000_000],
      ['OTHER', 0],
    ]);
    expect(t.total).toMatchObject({ claimed: 90.87, computed: 90.87, flagged: false, comparable: true });
    expect(t.grade).toEqual({ printed: { text: '优', ref: 'Sheet1!B20' }, computed: 'EXCELLENT' });
    expect(t.weights).toEqual({ indicators: 90, execution: 10, sum: 100, addsUp: true });
    expect(findings(t)).toEqual([]);
  });

  it('(b) reads amounts in 元 and rates typed as "86.19%", and names a total line that is not the sum of its sources', async () => {
    const [t] = (await check(yuanTable())).tables as [TableCheck];
    expect(t.table.moneyUnit).toBe('元');
    expect(t.table.money.map((m) => [m.source, m.executedFen, m.printedRate?.percent ?? null])).toEqual([
      ['TOTAL', 107_740_000, '86.19'],
      ['FISCAL', 90_000_000, '85.71'],
      ['CARRY_OVER', 17_000_000, '85.00'],
      ['OTHER', 0, null],
    ]);
    expect(t.projectCode).toBeNull();
    expect(t.findings.map((f) => [f.code, f.ref, f.message['zh-CN']])).toEqual([
      [
        'MONEY_TOTAL_NOT_SUM',
        'Sheet1!F6',
        'Sheet1!F6：年度资金总额的全年执行数为 1,077,400.00 元，各来源合计为 1,070,000.00 元',
      ],
    ]);
    // The score comes from the sources (85.6 % → 8.56); the table's 8.62 from its own total line.
    expect(t.execution).toMatchObject({ claimed: 8.62, computed: 8.56, difference: 0.06, flagged: true });
    expect(t.execution.causes.map((c) => c.code)).toEqual(['FROM_STATED_TOTAL']);
    expect(departures(t)).toEqual([]);
    expect(t.total).toMatchObject({ claimed: 90.29, computed: 90.23, difference: 0.06, flagged: true });
    expect(t.total.causes.map((c) => c.code)).toEqual(['FROM_ROWS']);
  });

  it('(c) reads a 湖北 table: 20 points for execution, ≤ scored w × T/A and 80/50 bands agree with its scores', async () => {
    const hubei = { ...defaultScoringSettings, lteFormula: 'PROPORTIONAL' as const, partialMinPct: 50 };
    const [t] = (await check(hubeiTable(), hubei)).tables as [TableCheck];
    expect(t.sheet).toBe('绩效自评表');
    // The completion date is a date cell: read by its number format, then scored as a date.
    expect(t.table.rows[3]?.row).toMatchObject({ targetValue: '2023-11-30', actual: '2023-11-20' });
    expect(t.execution).toMatchObject({ points: 20, claimed: 19, computed: 19, flagged: false });
    expect(t.rows.map((r) => [r.kind, r.claimed, r.computed])).toEqual([
      ['NUMBER', 20, 20],
      ['NUMBER', 15, 15],
      ['NUMBER', 4.29, 4.29],
      ['DATE', 10, 10],
      ['QUALITATIVE', 11, 11],
      ['NUMBER', 10, 10],
    ]);
    expect(t.total).toMatchObject({ claimed: 89.29, computed: 89.29, flagged: false });
    expect(t.grade.computed).toBe('GOOD');
    expect(t.weights).toEqual({ indicators: 80, execution: 20, sum: 100, addsUp: true });
    expect(findings(t)).toEqual([]);

    // The same table under the national defaults: the ≤ row and the 55 % tier score depart from them.
    const [national] = (await check(hubeiTable())).tables as [TableCheck];
    expect(departures(national)).toEqual([
      ['绩效自评表!G13', 4.29, 4.17, ['OTHER']],
      ['绩效自评表!G15', 11, null, ['OUTSIDE_TIER_BAND']],
    ]);
    expect(national.rows[4]?.causes[0]?.text['zh-CN']).toBe(
      '得分不在档次范围内：部分达成：11（应在 12 至 16 之间，不含 16），不在档次范围内',
    );
  });

  it('(d) tolerates columns in another order, merged levels over many rows, blank and note rows, and no 偏差原因 column', async () => {
    const [t] = (await check(reorderedTable())).tables as [TableCheck];
    expect(t.table.project.name?.text).toBe('老旧小区物业服务补贴');
    expect(t.table.project.department?.text).toBe('区住房和建设委员会');
    expect(t.rows.map((r) => [r.sheetRow, r.name])).toEqual([
      [11, '覆盖小区数'],
      [12, '服务户数'],
      [14, '保洁频次'],
      [15, '设施完好率'],
      [16, '投诉办结率'],
      [19, '小区环境'],
      [20, '安全事故'],
      [21, '居民满意度'],
    ]);
    expect(t.table.rows.map((r) => `${r.row.level1}/${r.row.level2}`)).toEqual([
      'OUTPUT/QUANTITY',
      'OUTPUT/QUANTITY',
      'OUTPUT/QUANTITY',
      'OUTPUT/QUALITY',
      'OUTPUT/QUALITY',
      'BENEFIT/SOCIAL',
      'BENEFIT/SOCIAL',
      'SATISFACTION/SERVICE_RECIPIENT',
    ]);
    expect(t.table.money.map((m) => [m.source, m.initialBudgetFen, m.annualBudgetFen, m.executedFen])).toEqual([
      ['TOTAL', 480_000_000, 500_000_000, 480_000_000],
      ['FISCAL', 480_000_000, 500_000_000, 480_000_000],
    ]);
    expect(departures(t)).toEqual([]);
    expect(t.total).toMatchObject({ claimed: 98.4, computed: 98.4, ref: 'Sheet1!G23', flagged: false });
    expect(t.table.findings.map((f) => [f.code, f.severity, f.ref])).toEqual([
      ['COLUMN_MISSING', 'WARNING', 'Sheet1!10:10'],
    ]);
  });

  it('(e) names each departure from the formula with its likely cause, and weights that add to 95', async () => {
    const [t] = (await check(departingTable())).tables as [TableCheck];
    expect(departures(t)).toEqual([
      ['Sheet1!H13', 14, 14.61, ['WHOLE_POINT_CUT']],
      ['Sheet1!H14', 13, 15, ['MET_BELOW_FULL']],
      ['Sheet1!H16', 6, 5, ['ABOVE_WEIGHT']],
      ['Sheet1!H17', 8.55, 28.5, ['WEIGHT_TWICE']],
    ]);
    expect(t.weights).toEqual({ indicators: 85, execution: 10, sum: 95, addsUp: false });
    expect(t.findings.map((f) => [f.code, f.ref, f.message['zh-CN']])).toEqual([
      ['RATE_MISPRINT', 'Sheet1!H6', 'Sheet1!H6：执行率印为 9.2%，按本行金额应为 92.0%'],
      ['WEIGHTS_NOT_100', 'Sheet1!G19', '指标分值合计 85 分，加预算执行率 10 分共 95 分，不是 100 分'],
    ]);
    expect(t.total).toMatchObject({ claimed: 70.31, computed: 91.87, flagged: true });
    expect(t.total.causes.map((c) => c.code)).toEqual(['FROM_ROWS']);
    expect(t.rows[1]?.causes[0]?.text.en).toBe(
      'Target met, below full marks: Claimed 13, computed 15.00: the target is met, yet below the weight 15 with no reason for a deduction',
    );
  });

  it('(f) says exactly which cells could not be read and why, and compares nothing it could not read', async () => {
    const [t] = (await check(brokenTable())).tables as [TableCheck];
    expect(t.findings.map((f) => [f.code, f.severity, f.ref, f.message['zh-CN'], f.message.en])).toEqual([
      [
        'MERGED_HEADER',
        'ERROR',
        'Sheet1!H5:I5',
        '项目资金表头的合并单元格 H5:I5（“执行率”）盖住了其他列名，找不到“得分”列',
        'In the money block header, the merged cell H5:I5 ("执行率") covers other headings: no "得分" (score) column',
      ],
      [
        'UNREADABLE_AMOUNT',
        'ERROR',
        'Sheet1!F7',
        'Sheet1!F7“约75万”不是金额，预算执行得分不予核对',
        'Sheet1!F7: "约75万" is not an amount; budget execution is not checked',
      ],
      [
        'NOT_A_DATE',
        'ERROR',
        'Sheet1!E15',
        'Sheet1!E15“2023年13月前”不是有效日期，第 15 行“培训完成时间”未计入',
        'Sheet1!E15: "2023年13月前" is not a real date; row 15 ("培训完成时间") is left out',
      ],
      [
        'MISSING_WEIGHT',
        'ERROR',
        'Sheet1!G16',
        'Sheet1!G16 分值为空，第 16 行“项目总成本”未计入',
        'Sheet1!G16: no points; row 16 ("项目总成本") is left out',
      ],
    ]);
    expect(t.rows.map((r) => r.sheetRow)).toEqual([13, 14, 17, 18]);
    expect(departures(t)).toEqual([]);
    expect(t.execution).toMatchObject({ claimed: null, computed: null, flagged: false });
    expect(t.total).toMatchObject({ claimed: 90.87, difference: null, flagged: false, comparable: false, causes: [] });
    expect(t.grade.computed).toBeNull();
  });

  it('checks every table of a department workbook, skips hidden and other sheets, and says when there is none', async () => {
    const notes: TableSpec = { sheet: '填表说明', rows: [['金额单位为万元。']], merges: [] };
    const result = await check(cleanTable(), defaultScoringSettings, [hubeiTable(), notes]);
    expect(result.tables.map((t) => [t.sheet, t.table.project.name?.text])).toEqual([
      ['Sheet1', '社区居民职业技能培训补助'],
      ['绩效自评表', '农村公路日常养护'],
    ]);
    const none = await check(notes);
    expect(none.tables).toEqual([]);
    expect(none.findings.map((f) => [f.code, f.message['zh-CN']])).toEqual([
      ['NO_TABLE', '文件中没有项目支出绩效自评表（未找到“三级指标”或“全年执行数”）：填表说明'],
    ]);
  });

  it("reads the bench's 300-row table whole: every row, weights making 100, each cut row flagged", async () => {
    const [t] = (await check(buildLargeTable(300))).tables as [TableCheck];
    expect(t.rows).toHaveLength(300);
    expect(t.rows.at(-1)?.sheetRow).toBe(312);
    expect(t.weights).toEqual({ indicators: 90, execution: 10, sum: 100, addsUp: true });
    expect(t.findings).toEqual([]);
    // Every third row is short of its target yet claims full marks.
    expect(t.rows.filter((r) => r.flagged).map((r) => r.sheetRow)).toEqual(
      Array.from({ length: 100 }, (_, i) => 13 + 3 * i),
    );
    expect(t.total.comparable).toBe(true);
  });
});
