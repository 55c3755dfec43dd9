import ExcelJS from 'exceljs';

/**
 * Filled 项目支出绩效自评表 as departments send them, built with exceljs (an independent writer) for
 * the table check's tests and its bench: the 财预〔2020〕10号 attachment layout and the variants seen
 * in provinces' published tables. Each table is plain data (rows of cells from column A, merges), so
 * a test can say exactly which cell holds what.
 */
export type TableValue = string | number | null | { value: number; numFmt: string } | { date: string };

export interface TableSpec {
  sheet: string;
  rows: TableValue[][];
  merges: string[];
}

const PERCENT = '0.00%';
const pct = (fraction: number) => ({ value: fraction, numFmt: PERCENT });
const money = (amount: number) => ({ value: amount, numFmt: '#,##0.00' });

export const tableXlsx = async (spec: TableSpec, extraSheets: TableSpec[] = []): Promise<Uint8Array> => {
  const book = new ExcelJS.Workbook();
  // Fixed document dates, so a table built twice differs only by the zip's entry times.
  book.created = book.modified = new Date('2027-01-15T00:00:00Z');
  for (const s of [spec, ...extraSheets]) {
    const sheet = book.addWorksheet(s.sheet);
    s.rows.forEach((row, r) => {
      row.forEach((value, c) => {
        if (value === null || value === '') return;
        const cell = sheet.getCell(r + 1, c + 1);
        if (typeof value === 'object' && 'date' in value) {
          cell.value = new Date(`${value.date}T00:00:00Z`);
          cell.numFmt = 'yyyy-mm-dd';
        } else if (typeof value === 'object') {
          cell.value = value.value;
          cell.numFmt = value.numFmt;
        } else cell.value = value;
      });
    });
    for (const range of s.merges) sheet.mergeCells(range);
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
};

// ------------------------------------------------------------------------------- the 10号 layout

export interface IndicatorLine {
  level1: string | null;
  level2: string | null;
  name: string;
  target: TableValue;
  actual: TableValue;
  weight: TableValue;
  score: TableValue;
  reason?: string;
}

interface TenLayout {
  title?: string;
  year?: string | null;
  name: string;
  department: string;
  unit: string;
  code?: string;
  moneyLabel?: string;
  unitNote?: string;
  /** 年度资金总额, 当年财政拨款, 上年结转资金, 其他资金: [年初, 全年预算, 全年执行, 分值, 执行率, 得分]. */
  money: TableValue[][];
  goal: [string, string];
  indicators: IndicatorLine[];
  total: [TableValue, TableValue];
  grade?: string;
}

const MONEY_LABELS = ['年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金'];

/**
 * The attachment of 财预〔2020〕10号, columns A–J: 项目资金 rows 5–9, 年度总体目标 rows 10–11,
 * the indicator header on row 12, indicators from row 13, then 总分 (and a grade when given). Level-1
 * and level-2 cells are merged down over the rows they head, as printed tables do.
 */
export const tenLayout = (t: TenLayout): TableSpec => {
  const rows: TableValue[][] = [
    [t.title ?? '项目支出绩效自评表'],
    [t.year === null ? '' : `（${t.year ?? '2023'}年度）`, null, null, null, null, null, null, null, t.unitNote ?? ''],
    ['项目名称', t.name, null, null, null, null, t.code ? '项目编码' : null, t.code ?? null],
    ['主管部门', t.department, null, null, null, '实施单位', t.unit],
    [
      t.moneyLabel ?? '项目资金（万元）',
      null,
      null,
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '分值',
      '执行率',
      '得分',
    ],
    ...t.money.map((line, i) => [null, MONEY_LABELS[i] ?? '', null, ...line]),
    ['年度总体目标', '预期目标', null, null, null, null, '实际完成情况'],
    [null, t.goal[0], null, null, null, null, t.goal[1]],
    [
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ],
  ];
  const first = rows.length + 1;
  const merges = ['A1:J1', 'A2:H2', 'A5:A9', 'B5:C5', 'A10:A11', 'B10:F10', 'G10:J10', 'B11:F11', 'G11:J11'];
  merges.push(t.code ? 'B3:F3' : 'B3:J3', 'B4:E4', 'G4:J4');
  for (let i = 0; i < 4; i++) merges.push(`B${6 + i}:C${6 + i}`);
  const runs = (key: 'level1' | 'level2', col: string) => {
    let start = 0;
    t.indicators.forEach((line, i) => {
      if (line[key] !== null && i > start) {
        if (i - 1 > start) merges.push(`${col}${first + start}:${col}${first + i - 1}`);
        start = i;
      }
    });
    if (t.indicators.length - 1 > start) merges.push(`${col}${first + start}:${col}${first + t.indicators.length - 1}`);
  };
  runs('level1', 'B');
  runs('level2', 'C');
  for (const [i, line] of t.indicators.entries()) {
    rows.push([
      null,
      line.level1,
      line.level2,
      line.name,
      line.target,
      line.actual,
      line.weight,
      line.score,
      line.reason ?? '',
    ]);
    merges.push(`I${first + i}:J${first + i}`);
  }
  const totalRow = first + t.indicators.length;
  rows.push([null, '总分', null, null, null, null, ...t.total]);
  merges.push(`A12:A${totalRow}`, `B${totalRow}:F${totalRow}`, `I${totalRow}:J${totalRow}`);
  if (t.grade) rows.push(['自评等级', t.grade]);
  return { sheet: 'Sheet1', rows, merges };
};

const training = {
  name: '社区居民职业技能培训补助',
  department: '区人力资源和社会保障局',
  unit: '区职业技能公共实训中心',
  goal: [
    '全年开展职业技能培训不少于500人次，培训合格率不低于95%，提升参训人员就业能力。',
    '全年培训487人次，合格率97%，两期培训因场地改造延后，参训人员就业能力明显提升。',
  ] as [string, string],
};

/** The rows of the worked example (财预〔2020〕10号 scoring; total 90.87, 优). */
const workedExampleRows = (): IndicatorLine[] => [
  {
    level1: '产出指标',
    level2: '数量指标',
    name: '指标1：培训人次',
    target: '≥500人次',
    actual: '487人次',
    weight: 15,
    score: 14.61,
    reason: '两期培训因场地改造延后，下年度增加周末班次',
  },
  { level1: null, level2: '质量指标', name: '培训合格率', target: '≥95%', actual: pct(0.97), weight: 15, score: 15 },
  {
    level1: null,
    level2: '时效指标',
    name: '培训按期完成',
    target: '按期完成',
    actual: '部分按期完成',
    weight: 15,
    score: 10.5,
    reason: '场地改造延期，已调整排期',
  },
  { level1: null, level2: '成本指标', name: '项目总成本', target: '≤100万元', actual: '92万元', weight: 5, score: 5 },
  {
    level1: '效益指标',
    level2: '社会效益指标',
    name: '参训人员就业能力',
    target: '明显提升',
    actual: '达成预期，明显提升',
    weight: 30,
    score: 27,
  },
  {
    level1: '满意度指标',
    level2: '服务对象满意度指标',
    name: '参训学员满意度',
    target: '≥90%',
    actual: '86%',
    weight: 10,
    score: 9.56,
    reason: '部分学员对实训设备不满意，下年度更新设备',
  },
];

/** (a) The 10号 layout, clean: the worked example, 90.87 and 优. */
export const cleanTable = (): TableSpec =>
  tenLayout({
    ...training,
    code: '12010223-2023-0071',
    money: [
      [100, 100, 92, 10, pct(0.92), 9.2],
      [80, 80, 75, '—', pct(0.9375), '—'],
      [20, 20, 17, '—', pct(0.85), '—'],
      [0, 0, 0, '—', '—', '—'],
    ],
    indicators: workedExampleRows(),
    total: [100, 90.87],
    grade: '优',
  });

/** (b) Amounts in 元, rates typed as text, and a 年度资金总额 whose 全年执行数 is not the sum of its sources. */
export const yuanTable = (): TableSpec =>
  tenLayout({
    ...training,
    moneyLabel: '项目资金',
    unitNote: '金额单位：元',
    money: [
      [money(1_200_000), money(1_250_000), money(1_077_400), 10, '86.19%', 8.62],
      [money(1_000_000), money(1_050_000), money(900_000), '—', '85.71%', '—'],
      [money(200_000), money(200_000), money(170_000), '—', '85.00%', '—'],
      [0, 0, 0, '—', '—', '—'],
    ],
    indicators: workedExampleRows(),
    total: [100, 90.29],
  });

/**
 * (c) 湖北-style: budget execution carries 20 points, a ≤ row is scored w × T/A, the middle tier runs
 * from 50 % (80/50 bands), and the completion date is typed as a date cell. Headers carry the letters
 * 湖北 prints: 全年预算数（A）, 执行率（B/A）.
 */
export const hubeiTable = (): TableSpec => {
  const rows: TableValue[][] = [
    ['2023年度项目支出绩效自评表'],
    ['项目名称', '农村公路日常养护', null, null, '主管部门', '区交通运输局', null, '实施单位', '区公路养护中心'],
    ['项目资金（万元）', null, '年初预算数', '全年预算数（A）', '全年执行数（B）', '分值', '执行率（B/A）', '得分'],
    [null, '年度资金总额', 300, 320, 304, 20, pct(0.95), 19],
    [null, '其中：当年财政拨款', 300, 320, 304, '—', pct(0.95), '—'],
    [null, '上年结转资金', 0, 0, 0, '—', '—', '—'],
    [null, '其他资金', 0, 0, 0, '—', '—', '—'],
    ['年度总体目标', '预期目标', null, null, '实际完成情况'],
    [null, '完成全区农村公路日常养护326.5公里。', null, null, '完成养护326.5公里，路况良好。'],
    [
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值（A）',
      '实际完成值（B）',
      '分值',
      '得分',
      '偏差原因分析及改进措施',
    ],
    ['产出指标', '数量指标', '农村公路养护里程', '≥326.5公里', '326.5公里', 20, 20, ''],
    [null, '质量指标', '优良路率', '≥85%', '88%', 15, 15, ''],
    [null, '成本指标', '每公里养护成本', '≤0.6万元/公里', '0.7万元/公里', 5, 4.29, '材料价格上涨，下年度集中采购'],
    [null, '时效指标', '养护任务完成时间', '2023年11月底前', { date: '2023-11-20' }, 10, 10, ''],
    ['效益指标', '社会效益指标', '群众出行条件', '明显改善', '部分路段改善', 20, 11, '山区路段尚未完工，明年继续'],
    ['满意度指标', '服务对象满意度指标', '沿线群众满意度', '≥90%', '92%', 10, 10, ''],
    ['总分', null, null, null, null, 100, 89.29],
  ];
  return {
    sheet: '绩效自评表',
    rows,
    merges: ['A1:H1', 'A3:A7', 'A8:A9', 'B8:D8', 'E8:H8', 'B9:D9', 'E9:H9', 'A11:A14', 'A17:E17'],
  };
};

/**
 * (d) A layout from another province: columns in another order (分值 before the values, 执行率 before
 * the amounts), no 偏差原因 column, level-1 and level-2 merged over many rows, blank rows inside the
 * block, a note row merged across the table, and 合计 for the total.
 */
export const reorderedTable = (): TableSpec => {
  const rows: TableValue[][] = [
    ['项目支出绩效自评表'],
    ['（2023年度）'],
    ['项目名称：老旧小区物业服务补贴'],
    ['主管部门：区住房和建设委员会', null, null, null, '实施单位：区物业管理服务中心'],
    ['资金情况（万元）', '全年预算数', '年初预算数', '执行率', '全年执行数', '分值', '得分'],
    ['年度资金总额', 500, 480, pct(0.96), 480, 10, 9.6],
    ['当年财政拨款', 500, 480, pct(0.96), 480, null, null],
    ['年度总体目标', '预期目标', null, '实际完成情况'],
    [null, '为全区120个老旧小区提供基础物业服务。', null, '覆盖全区120个老旧小区。'],
    ['一级指标', '二级指标', '三级指标', '分值', '年度指标值', '实际完成值', '得分'],
    ['产出指标', '数量指标', '覆盖小区数', 10, '120个', '120个', 10],
    [null, null, '服务户数', 10, '≥30000户', '30000户', 10],
    [],
    [null, null, '保洁频次', 10, '≥2次/日', '2次/日', 10],
    [null, '质量指标', '设施完好率', 10, '≥90%', '92%', 10],
    [null, null, '投诉办结率', 10, '100%', '98%', 9.8],
    [],
    [],
    ['效益指标', '社会效益指标', '小区环境', 15, '明显改善', '明显改善', 14],
    [null, null, '安全事故', 15, '=0起', '0起', 15],
    ['满意度指标', '服务对象满意度指标', '居民满意度', 10, '≥85%', '88%', 10],
    ['注：满意度来自第三方入户调查，有效样本1,200份。'],
    ['合计', null, null, 90, null, null, 98.4],
  ];
  return {
    sheet: 'Sheet1',
    rows,
    merges: [
      'A1:G1',
      'A2:G2',
      'A3:G3',
      'A4:D4',
      'E4:G4',
      'A8:A9',
      'B8:C8',
      'D8:G8',
      'B9:C9',
      'D9:G9',
      'A11:A18',
      'B11:B14',
      'B15:B18',
      'A19:A20',
      'B19:B20',
      'A22:G22',
      'A23:C23',
    ],
  };
};

/**
 * (e) Scores that depart from the formula: a whole-point cut, a met target scored below full with no
 * reason, the weight applied twice, a score above its weight, indicator weights that add to 85 (95 with
 * budget execution's 10), and an execution rate misprinted as 9.2%.
 */
export const departingTable = (): TableSpec =>
  tenLayout({
    ...training,
    money: [
      [100, 100, 92, 10, '9.2%', 9.2],
      [100, 100, 92, '—', pct(0.92), '—'],
      [0, 0, 0, '—', '—', '—'],
      [0, 0, 0, '—', '—', '—'],
    ],
    indicators: [
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '培训人次',
        target: '≥500人次',
        actual: '487人次',
        weight: 15,
        score: 14,
        reason: '两期延后',
      },
      { level1: null, level2: '质量指标', name: '培训合格率', target: '≥95%', actual: '97%', weight: 15, score: 13 },
      {
        level1: null,
        level2: '时效指标',
        name: '培训按期完成',
        target: '按期完成',
        actual: '按期完成',
        weight: 10,
        score: 10,
      },
      {
        level1: null,
        level2: '成本指标',
        name: '项目总成本',
        target: '≤100万元',
        actual: '92万元',
        weight: 5,
        score: 6,
      },
      {
        level1: '效益指标',
        level2: '社会效益指标',
        name: '就业率',
        target: '≥80%',
        actual: '76%',
        weight: 30,
        score: 8.55,
      },
      {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '学员满意度',
        target: '≥90%',
        actual: '86%',
        weight: 10,
        score: 9.56,
        reason: '设备老旧',
      },
    ],
    total: [95, 70.31],
  });

/**
 * (f) Cells that cannot be read: text in an amount cell (F7), a target date that is not a date
 * (E15), an empty weight (G16), and a merged cell over the money header (H5:I5 hides 得分).
 */
export const brokenTable = (): TableSpec => {
  const spec = tenLayout({
    ...training,
    money: [
      [100, 100, 92, 10, pct(0.92), 9.2],
      [80, 80, '约75万', '—', '—', '—'],
      [20, 20, 17, '—', pct(0.85), '—'],
      [0, 0, 0, '—', '—', '—'],
    ],
    indicators: [
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '培训人次',
        target: '≥500人次',
        actual: '487人次',
        weight: 15,
        score: 14.61,
        reason: '延后',
      },
      { level1: null, level2: '质量指标', name: '培训合格率', target: '≥95%', actual: '97%', weight: 15, score: 15 },
      {
        level1: null,
        level2: '时效指标',
        name: '培训完成时间',
        target: '2023年13月前',
        actual: '2023年11月',
        weight: 15,
        score: 15,
      },
      {
        level1: null,
        level2: '成本指标',
        name: '项目总成本',
        target: '≤100万元',
        actual: '92万元',
        weight: null,
        score: 5,
      },
      {
        level1: '效益指标',
        level2: '社会效益指标',
        name: '参训人员就业能力',
        target: '明显提升',
        actual: '明显提升',
        weight: 30,
        score: 27,
      },
      {
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '参训学员满意度',
        target: '≥90%',
        actual: '86%',
        weight: 10,
        score: 9.56,
        reason: '设备',
      },
    ],
    total: [100, 90.87],
  });
  // The 执行率 heading merged over 得分, as when a column was deleted and the heading stretched over it.
  spec.rows[4]![8] = null;
  spec.merges.push('H5:I5');
  return spec;
};

/** A 10号 table with `rows` indicator rows (weights spread over 90 points), for the bench. */
export const buildLargeTable = (rows: number): TableSpec => {
  const level2 = ['数量指标', '质量指标', '时效指标', '成本指标'];
  const indicators: IndicatorLine[] = Array.from({ length: rows }, (_, i) => {
    const weight = Math.round((9000 / rows) * (i + 1)) / 100 - Math.round((9000 / rows) * i) / 100;
    const cut = i % 3 === 0;
    return {
      level1: i === 0 ? '产出指标' : null,
      level2: i % Math.ceil(rows / 4) === 0 ? (level2[Math.floor(i / Math.ceil(rows / 4))] ?? '成本指标') : null,
      name: `指标${i + 1}：服务人次${i + 1}`,
      target: `≥${500 + i}人次`,
      actual: `${cut ? 250 + i : 500 + i}人次`,
      weight: Number(weight.toFixed(2)),
      score: Number(weight.toFixed(2)),
      ...(cut && { reason: '部分批次延后' }),
    };
  });
  return tenLayout({
    ...training,
    money: [
      [100, 100, 92, 10, pct(0.92), 9.2],
      [100, 100, 92, '—', pct(0.92), '—'],
      [0, 0, 0, '—', '—', '—'],
      [0, 0, 0, '—', '—', '—'],
    ],
    indicators,
    total: [100, 99.2],
  });
};
