import { describe, expect, it } from 'vitest';
import { cellRef, type GridSheet, parseRange } from '#core/self-evaluation/table-check/cell-grid.ts';
import { parseTable } from '#core/self-evaluation/table-check/parse-table.ts';

/** A sheet from rows of text (column A first); numbers as a reader gives them. */
const sheetOf = (rows: (string | number | null)[][], merges: string[] = [], name = 'Sheet1'): GridSheet => ({
  name,
  hidden: false,
  cells: rows.flatMap((row, r) =>
    row.flatMap((v, c) =>
      v === null || v === ''
        ? []
        : [
            typeof v === 'number'
              ? {
                  ref: cellRef(r + 1, c + 1),
                  row: r + 1,
                  col: c + 1,
                  text: String(v),
                  number: v,
                  kind: 'number' as const,
                }
              : { ref: cellRef(r + 1, c + 1), row: r + 1, col: c + 1, text: v, kind: 'text' as const },
          ],
    ),
  ),
  merges: merges.map((m) => parseRange(m)!),
});

const codes = (t: ReturnType<typeof parseTable>) => t.findings.map((f) => `${f.code} ${f.ref ?? '-'}`);

describe('parseTable', () => {
  it('finds blocks and columns by their words, in any order, and infers level 1 from level 2', () => {
    const t = parseTable(
      sheetOf([
        ['项目支出绩效自评表（2024年度）'],
        ['项目编码', 'XM-001', '项目名称', '城区道路养护'],
        ['主管部门：区城管委', null, '实施单位：区养护所'],
        ['资金（单位：元）', '全年执行数', '全年预算数', '得分', '分值'],
        ['合计', '900,000.00', '1,000,000.00', 9, 10],
        ['财政拨款', 900000, '1,000,000'],
        ['二级指标', '三级指标', '得分', '分值', '实际完成值', '年度指标值'],
        ['数量指标', '1.养护里程', '9.5', 10, '95公里', '≥100公里'],
        ['成果指标', '路面完好', 5, 5, '好', '良好'],
        [null, null, 3, 5],
        ['总分', null, '17.5分', 25],
      ]),
    );
    expect(t.fiscalYear).toBe(2024);
    expect(t.project.code).toEqual({ text: 'XM-001', ref: 'Sheet1!B2' });
    expect(t.project.name?.text).toBe('城区道路养护');
    expect(t.project.department?.text).toBe('区城管委');
    expect(t.project.implementingUnit).toEqual({ text: '区养护所', ref: 'Sheet1!C3' });
    expect(t.moneyUnit).toBe('元');
    expect(t.money.map((m) => [m.source, m.annualBudgetFen, m.executedFen, m.claimedScore?.text ?? null])).toEqual([
      ['TOTAL', 100_000_000, 90_000_000, '9'],
      ['FISCAL', 100_000_000, 90_000_000, null],
    ]);
    expect(
      t.rows.map((r) => [r.row.level1, r.row.level2, r.row.name, r.row.operator, r.row.targetValue, r.row.unit]),
    ).toEqual([['OUTPUT', 'QUANTITY', '养护里程', 'GTE', '100', '公里']]);
    expect(t.rows[0]?.refs).toEqual({
      name: 'Sheet1!B8',
      target: 'Sheet1!F8',
      actual: 'Sheet1!E8',
      weight: 'Sheet1!D8',
      score: 'Sheet1!C8',
    });
    expect(t.total).toEqual({
      claimed: { text: '17.5', ref: 'Sheet1!C11' },
      printedPoints: { text: '25', ref: 'Sheet1!D11' },
      sheetRow: 11,
    });
    expect(codes(t)).toEqual([
      'COLUMN_MISSING Sheet1!4:4',
      'COLUMN_MISSING Sheet1!4:4',
      'GOAL_NOT_FOUND -',
      'COLUMN_MISSING Sheet1!7:7',
      'COLUMN_MISSING Sheet1!7:7',
      'UNKNOWN_LEVEL Sheet1!A9',
      'ROW_WITHOUT_NAME Sheet1!B10',
    ]);
    expect(t.findings.filter((f) => f.code === 'COLUMN_MISSING').map((f) => [f.severity, f.message.en])).toEqual([
      ['WARNING', 'The money block header (row 4) has no "年初预算数" (initial budget) column'],
      ['WARNING', 'The money block header (row 4) has no "执行率" (execution rate) column'],
      ['WARNING', 'The indicator block header (row 7) has no "一级指标" (level-1 indicator) column'],
      [
        'WARNING',
        'The indicator block header (row 7) has no "偏差原因分析及改进措施" (deviation reasons and measures) column',
      ],
    ]);
    expect(t.findings.find((f) => f.code === 'UNKNOWN_LEVEL')?.message['zh-CN']).toBe(
      'Sheet1!A9“成果指标”不是二级指标，第 9 行“路面完好”未计入',
    );
  });

  it('reads 万元 when nothing says otherwise, and refuses amounts that are not whole fen or not amounts', () => {
    const t = parseTable(
      sheetOf(
        [
          ['（2023年度）'],
          ['项目资金', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
          ['年度资金总额', '12.3456789', 100, '92万元', 10, '0.92', 9.2],
          ['其中：'],
          ['其中：当年财政拨款', '—', '一百', '92000元', null, '92 %', null],
          ['上年结转资金', null, null, null, null, '过半', null],
        ],
        [],
        '自评 表',
      ),
    );
    expect(
      t.money.map((m) => [
        m.source,
        m.initialBudgetFen,
        m.annualBudgetFen,
        m.executedFen,
        m.printedRate?.percent ?? null,
      ]),
    ).toEqual([
      ['TOTAL', null, 100_000_000, 92_000_000, '92'],
      ['FISCAL', null, null, 9_200_000, '92'],
      ['CARRY_OVER', null, null, null, null],
    ]);
    expect(codes(t)).toEqual([
      "MONEY_UNIT_ASSUMED '自评 表'!D2",
      "AMOUNT_NOT_WHOLE_FEN '自评 表'!B3",
      "UNREADABLE_AMOUNT '自评 表'!C5",
      "UNREADABLE_RATE '自评 表'!F6",
      'GOAL_NOT_FOUND -',
      'HEADER_NOT_FOUND -',
    ]);
    expect(t.findings[1]?.message).toEqual({
      'zh-CN': "'自评 表'!B3“12.3456789”万元不是整分的金额，预算执行得分不予核对",
      en: '\'自评 表\'!B3: "12.3456789" 万元 is not a whole number of fen; budget execution is not checked',
    });
  });

  it('reads a year given by the caller, and says so when neither the table nor the caller has one', () => {
    const rows = [
      ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
      ['产出指标', '时效指标', '完成时间', '12月前', '11月20日', 10, 10],
      [null, '数量指标', '人数', null, '5', 10, 10],
    ];
    const known = parseTable(sheetOf(rows, ['A2:A3']), { fiscalYear: 2022 });
    expect(known.rows.map((r) => [r.row.targetValue, r.row.actual])).toEqual([['2022-11-30', '11月20日']]);
    expect(codes(known)).toContain('MISSING_TARGET Sheet1!D3');
    const unknown = parseTable(sheetOf(rows, ['A2:A3']));
    expect(unknown.fiscalYear).toBeNull();
    expect(codes(unknown).slice(0, 1)).toEqual(['FISCAL_YEAR_UNKNOWN -']);
    expect(codes(unknown)).toContain('NOT_A_DATE Sheet1!D2');
  });

  it('skips note and signature rows under a table that has no total row, and says the total is missing', () => {
    const t = parseTable(
      sheetOf([
        ['（2023年度）'],
        ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
        ['产出指标', '数量指标', '人数', '≥10', '10', 90, 90],
        ['说明：本表数据来自年度决算。'],
        ['填表人：刘洋', null, null, '联系电话：022-12345678', null, '填报日期：2024年3月1日'],
      ]),
    );
    expect(t.rows.map((r) => r.row.name)).toEqual(['人数']);
    expect(codes(t)).toEqual([
      'HEADER_NOT_FOUND -',
      'GOAL_NOT_FOUND -',
      'COLUMN_MISSING Sheet1!2:2',
      'TOTAL_NOT_FOUND -',
    ]);
  });

  it('reads a two-row indicator header whose headings are merged down over both rows', () => {
    const t = parseTable(
      sheetOf(
        [
          ['（2023年度）'],
          ['绩效指标', null, null, '年度指标值', '实际完成值', '分值', '得分'],
          ['一级指标', '二级指标', '三级指标'],
          ['产出指标', '数量指标', '人数', '≥10', '10', 100, 100],
        ],
        ['A2:C2', 'D2:D3', 'E2:E3', 'F2:F3', 'G2:G3'],
      ),
    );
    expect(t.rows.map((r) => [r.row.name, r.row.targetValue, r.row.actual, r.row.weight, r.row.claimedScore])).toEqual([
      ['人数', '10', '10', 100, '100'],
    ]);
    expect(t.rows[0]?.refs.score).toBe('Sheet1!G4');
  });
});
