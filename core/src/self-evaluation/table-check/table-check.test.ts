import { describe, expect, it } from 'vitest';
import { defaultScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import { cellRef, type GridSheet, parseRange } from '#core/self-evaluation/table-check/cell-grid.ts';
import { checkTable, type TableCheck } from '#core/self-evaluation/table-check/table-check.ts';

const sheetOf = (rows: (string | number | null)[][], merges: string[] = [], hidden = false): GridSheet => ({
  name: 'Sheet1',
  hidden,
  cells: rows.flatMap((row, r) =>
    row.flatMap((v, c) =>
      v === null || v === ''
        ? []
        : [{ ref: cellRef(r + 1, c + 1), row: r + 1, col: c + 1, text: String(v), kind: 'text' as const }],
    ),
  ),
  merges: merges.map((m) => parseRange(m)!),
});

const money = (points: string | null, rate: string, score: string): (string | null)[][] => [
  ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['年度资金总额', '100', '100', '92', points, rate, score],
];
const header = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
];

const one = (rows: (string | null)[][], options = {}, settings = defaultScoringSettings): TableCheck => {
  const result = checkTable({ sheets: [sheetOf(rows)] }, settings, options);
  expect(result.findings).toEqual([]);
  return result.tables[0]!;
};

describe('checkTable', () => {
  it('takes a tier from the words of the actual, or from the band of the printed score when they say nothing', () => {
    const t = one([
      ['（2023年度）'],
      ...money('10', '92%', '9.2'),
      header,
      ['产出指标', '数量指标', '建成长度', '≥266米', '达成预期指标', '10', '9'],
      [null, '质量指标', '验收情况', '全部合格', '基本合格', '10', '7'],
      [null, '时效指标', '开工情况', '按期开工', '未按期开工', '10', '5'],
      ['效益指标', '社会效益指标', '社会影响', '良好', '好', '50', '35'],
      [null, '社会效益指标', '群众评价', '良好', '部分认可', '10', '9'],
      ['总分', null, null, null, null, '100', '74.2'],
    ]);
    expect(t.rows.map((r) => [r.name, r.kind, r.claimed, r.computed, r.causes.map((c) => c.code)])).toEqual([
      ['建成长度', 'NOT_COMPUTABLE', 9, 9, []],
      ['验收情况', 'QUALITATIVE', 7, 7, []],
      ['开工情况', 'QUALITATIVE', 5, 5, []],
      ['社会影响', 'QUALITATIVE', 35, 35, []],
      ['群众评价', 'QUALITATIVE', 9, null, ['OUTSIDE_TIER_BAND']],
    ]);
    expect(t.score.rows[3]?.band?.tier).toBe('PARTIAL');
    expect(t.total.causes.map((c) => c.code)).toEqual(['FROM_ROWS']);
  });

  it('takes a printed reason for a cut, the year and execution points from the caller when the table has none', () => {
    const t = one(
      [
        ['项目资金（万元）', '年初预算数', '全年预算数', '全年执行数', '执行率', '得分'],
        ['年度资金总额', '100', '100', '92', '0.9', '18.4'],
        header,
        ['产出指标', '数量指标', '人数', '≥500', '510', '40', '38', '部分学员未结业，扣 2 分'],
        [null, '时效指标', '完成时间', '11月底前', '11月20日', '40', '40'],
        ['总分', null, null, null, null, '80', '96.4'],
      ],
      { fiscalYear: 2024, executionPoints: 20 },
    );
    expect(t.table.fiscalYear).toBe(2024);
    expect(t.table.rows[1]?.row.targetValue).toBe('2024-11-30');
    expect(t.execution).toMatchObject({ points: 20, claimed: 18.4, computed: 18.4 });
    expect(t.rows[0]?.causes.map((c) => c.code)).toEqual(['OTHER']);
    expect(t.weights).toEqual({ indicators: 80, execution: 20, sum: 100, addsUp: true });
    expect(t.findings.map((f) => [f.code, f.ref, f.message.en])).toEqual([
      ['COLUMN_MISSING', 'Sheet1!1:1', 'The money block header (row 1) has no "分值" (points) column'],
      ['GOAL_NOT_FOUND', null, 'No annual goal block (预期目标) was found'],
      ['RATE_MISPRINT', 'Sheet1!E2', "Sheet1!E2: the rate is printed as 0.9; this line's amounts give 92%"],
    ]);
  });

  it('leaves a row marked 不适用 out and rescales, reads a 评分标准 column, and names a printed grade the total does not earn', () => {
    const t = one([
      ['（2023年度）'],
      ...money('10', '92%', '9.2'),
      [
        '一级指标',
        '二级指标',
        '三级指标',
        '年度指标值',
        '实际完成值',
        '分值',
        '评分标准',
        '得分',
        '偏差原因分析及改进措施',
      ],
      ['产出指标', '数量指标', '人数', '≥500', '520', '40', '完成得满分，未完成按比例扣分', '40'],
      [null, '质量指标', '验收合格率', '100%', '不适用', '40', null, null, '本年未到验收期'],
      ['效益指标', '社会效益指标', '社会影响', '良好', '达成', '10', null, '9'],
      ['总分', null, null, null, null, '100', null, '97'],
      ['自评等级', '良'],
    ]);
    expect(t.table.rows.map((r) => [r.row.notApplicable, r.row.notApplicableReason, r.row.scoringStandard])).toEqual([
      [false, '', '完成得满分，未完成按比例扣分'],
      [true, '本年未到验收期', ''],
      [false, '', ''],
    ]);
    expect(t.score.rescaled).toBe(true);
    expect(t.total).toMatchObject({ claimed: 97, computed: 97, flagged: false });
    expect(t.findings.map((f) => [f.code, f.ref, f.message['zh-CN']])).toEqual([
      ['GOAL_NOT_FOUND', null, '找不到年度总体目标（预期目标）'],
      ['GRADE_DIFFERS', 'Sheet1!B9', 'Sheet1!B9：自评等级印为“良”，按计算总分 97 应为“优”'],
    ]);
  });

  it('still compares the total when only a claim could not be read, and not when a row was left out', () => {
    const rows = (weight: string, score: string) => [
      ['（2023年度）'],
      ...money('10', '92%', '9.2'),
      header,
      ['产出指标', '数量指标', '人数', '≥500', '500', '45', '满分'],
      [null, '质量指标', '合格率', '≥90%', '90%', weight, score],
      ['总分', null, null, null, null, '100', '99.2'],
    ];
    const readable = one(rows('45', '45'));
    expect(readable.findings.map((f) => `${f.code} ${f.severity} ${f.ref}`)).toEqual([
      'GOAL_NOT_FOUND WARNING null',
      'UNREADABLE_SCORE ERROR Sheet1!G5',
    ]);
    expect(readable.total).toMatchObject({ claimed: 99.2, computed: 99.2, comparable: true, flagged: false });
    const leftOut = one(rows('', '45'));
    expect(leftOut.total).toMatchObject({ claimed: 99.2, computed: 54.2, comparable: false, flagged: false });
  });

  it('skips hidden sheets', () => {
    const hidden = sheetOf([['三级指标']], [], true);
    const result = checkTable({ sheets: [hidden] }, defaultScoringSettings);
    expect(result.tables).toEqual([]);
    expect(result.findings.map((f) => f.code)).toEqual(['NO_TABLE']);
  });
});
