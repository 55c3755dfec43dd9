import { defaultThresholds } from '@jixiao/core/monitoring/monitoring-config.ts';
import type { ReportLine } from '@jixiao/core/monitoring/monitoring-report.ts';
import { assess, warningText } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  beijingTime,
  departmentMonitoringWorkbook,
  executionRate,
  type MonitoringTableInput,
  monitoringTableSheet,
  monitoringTableWorkbook,
  type OverdueRow,
  overdueStatus,
  overdueWorkbook,
} from '#functions/export/monitoring-table.ts';
import type { Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';

const CREATED_AT = '2027-07-20T08:00:00.000Z';

/** Written with our writer, read back with exceljs: what a reviewer's Excel would show. */
const load = async (workbook: Workbook): Promise<ExcelJS.Workbook> => {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(Buffer.from(writeXlsx({ ...workbook, createdAt: CREATED_AT })) as unknown as ExcelJS.Buffer);
  return read;
};

const loadTable = async (input: MonitoringTableInput): Promise<ExcelJS.Worksheet> =>
  (await load(monitoringTableWorkbook(input))).worksheets[0]!;
const loadInfo = async (input: MonitoringTableInput): Promise<ExcelJS.Worksheet> =>
  (await load(monitoringTableWorkbook(input))).worksheets[1]!;

let rowNo = 0;
const line = (fields: Partial<ReportLine> & Pick<ReportLine, 'level1' | 'level2' | 'name'>): ReportLine => {
  rowNo += 1;
  return {
    rowId: `0193a1b2-c3d4-7e5f-8a9b-${String(rowNo).padStart(12, '0')}`,
    period: 'ANNUAL',
    operator: 'GTE',
    targetValue: '',
    unit: '',
    actualToDate: '',
    forecastYearEnd: '',
    likelihood: 'CERTAIN',
    deviationReasons: [],
    deviationAnalysis: '',
    correctiveMeasures: '',
    remarks: '',
    ...fields,
  };
};

// Written out of order on purpose: the table sorts by level 1, then level 2, keeping ties in order.
const lines: ReportLine[] = [
  line({
    level1: 'SATISFACTION',
    level2: 'SERVICE_RECIPIENT',
    name: '学生及家长满意度',
    targetValue: '90',
    unit: '%',
    actualToDate: '—',
    forecastYearEnd: '90',
    remarks: '年底开展问卷调查',
  }),
  line({
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: '智慧教室建设数量',
    targetValue: '40',
    unit: '间',
    actualToDate: '12',
    forecastYearEnd: '30',
    likelihood: 'IMPOSSIBLE',
    deviationReasons: ['FUNDING', 'HARDWARE'],
    deviationAnalysis: '部分学校校舍改造未完成，设备无法进场安装',
    correctiveMeasures: '调整建设计划，优先安排已完成改造的学校',
  }),
  line({
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    name: '教师信息化教学应用水平',
    operator: 'QUALITATIVE',
    targetValue: '显著提升',
    actualToDate: '有所提升',
    forecastYearEnd: '显著提升',
  }),
  line({
    level1: 'OUTPUT',
    level2: 'COST',
    name: '单间智慧教室建设成本',
    operator: 'LTE',
    targetValue: '3',
    unit: '万元/间',
    actualToDate: '2.9',
    forecastYearEnd: '2.95',
  }),
  line({
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: '教师信息化培训人次',
    targetValue: '1200',
    unit: '人次',
    actualToDate: '500',
    forecastYearEnd: '1150',
    likelihood: 'POSSIBLE',
    deviationReasons: ['STAFFING', 'OTHER', 'RULES'],
    deviationAnalysis: '培训讲师不足',
  }),
  line({
    period: 'MEDIUM_TERM',
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: '全区中小学智慧教室覆盖率',
    targetValue: '95',
    unit: '%',
  }),
];

const budget = { fiscal: 12_345_600, carryOver: 1_000_100, other: 10_000 };
const executed = { fiscal: 5_000_000, carryOver: 1_000_100, other: 1_145 };
const dataDate = '2027-06-30';

const input: MonitoringTableInput = {
  fiscalYear: 2027,
  dataDate,
  projectCode: '12011027T000000123',
  projectName: '东丽区中小学智慧校园建设',
  departmentName: '东丽区教育局',
  departmentCode: '301',
  unitName: '东丽区教师发展中心',
  annualGoal: '2027年建成智慧教室40间，开展教师信息化培训1200人次，设备验收合格率100%。',
  goalProgress: '截至6月底建成智慧教室12间，培训教师500人次。',
  budget,
  executed,
  forecastFullYearFen: 13_000_000,
  lines,
  reviewStatus: 'DEPT_APPROVED',
  // 2027-07-10 10:30 in Beijing.
  firstSubmittedAt: '2027-07-10T02:30:00.000Z',
  assessment: assess({ dataDate, budget, executed, lines }, defaultThresholds),
};

const COLUMNS = 'ABCDEFGHIJKLMNOPQR';
/** The values of A–R in one row; a cell covered by a merge reads as its merge's value, as exceljs gives it. */
const rowValues = (sheet: ExcelJS.Worksheet, r: number, columns = COLUMNS) =>
  [...columns].map((c) => sheet.getCell(`${c}${r}`).value);

const expectMerged = (sheet: ExcelJS.Worksheet, master: string, cells: string[]) => {
  for (const cell of cells) {
    expect(sheet.getCell(cell).isMerged, cell).toBe(true);
    expect(sheet.getCell(cell).master.address, cell).toBe(master);
  }
};

/** Every merge of the model is a real range, none overlaps another and none covers a filled cell. */
const expectValidMerges = (sheet: Sheet) => {
  const column = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0) - 1;
  const ranges = (sheet.merges ?? []).map((m) => {
    const [, c1, r1, c2, r2] = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m) ?? [];
    expect(c1, m).toBeDefined();
    const range = { m, top: Number(r1) - 1, left: column(c1!), bottom: Number(r2) - 1, right: column(c2!) };
    expect(range.bottom > range.top || range.right > range.left, m).toBe(true);
    return range;
  });
  ranges.forEach((a, i) => {
    for (const b of ranges.slice(i + 1)) {
      const overlap = a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
      expect(overlap, `${a.m} and ${b.m}`).toBe(false);
    }
    for (let r = a.top; r <= a.bottom; r++) {
      for (let c = a.left; c <= a.right; c++) {
        if (r === a.top && c === a.left) continue;
        const cell = sheet.rows[r]?.[c];
        const value = cell !== null && typeof cell === 'object' ? cell.value : cell;
        expect(value ?? null, `${a.m} covers row ${r + 1} column ${c + 1}`).toBeNull();
      }
    }
  });
};

// Fixed rows of the layout (1-based): see the comment at the top of monitoring-table.ts.
const FUNDS = 5;
const GOAL = 10;
const GRID_HEADER = 12;
const FIRST_LINE = 14;
const ANNUAL_LINES = 5;
const SIGN = FIRST_LINE + ANNUAL_LINES;

describe('monitoringTableSheet', () => {
  it('heads the table with the title, the year, the data date and the project', async () => {
    const sheet = await loadTable(input);
    expect(sheet.name).toBe('项目支出绩效目标执行监控表');
    expect(sheet.getCell('A1').value).toBe('项目支出绩效目标执行监控表');
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expectMerged(sheet, 'A1', ['R1']);
    expect(sheet.getCell('A2').value).toBe('（2027年度，数据截至 2027-06-30）');
    expectMerged(sheet, 'A2', ['R2']);
    const pairs = [3, 4].map((r) => [
      sheet.getCell(`A${r}`).value,
      sheet.getCell(`C${r}`).value,
      sheet.getCell(`J${r}`).value,
      sheet.getCell(`M${r}`).value,
    ]);
    expect(pairs).toEqual([
      ['项目名称', '东丽区中小学智慧校园建设', '项目编码', '12011027T000000123'],
      ['主管部门及代码', '东丽区教育局（301）', '实施单位', '东丽区教师发展中心'],
    ]);
    expectMerged(sheet, 'A3', ['B3']);
    expectMerged(sheet, 'C3', ['I3']);
    expectMerged(sheet, 'J4', ['L4']);
    expectMerged(sheet, 'M4', ['R4']);
  });

  it('shows the start-of-year and current budget, execution to date, rate and forecast by source, in exact 万元', async () => {
    const sheet = await loadTable(input);
    expect(sheet.getCell(`A${FUNDS}`).value).toBe('项目资金（万元）');
    expectMerged(sheet, `A${FUNDS}`, [`B${FUNDS}`, `A${FUNDS + 4}`, `B${FUNDS + 4}`]);
    const at = (r: number) => rowValues(sheet, r, 'CEGIMP');
    expect(at(FUNDS)).toEqual(['资金来源', '年初预算数', '全年预算数', '1–6月执行数', '执行率', '全年预计执行数']);
    expect([1, 2, 3, 4].map((i) => at(FUNDS + i))).toEqual([
      ['年度资金总额', 13.3557, 13.3557, 6.001245, '44.9%', 13],
      ['其中：财政拨款', 12.3456, 12.3456, 5, '40.5%', null],
      ['上年结转', 1.0001, 1.0001, 1.0001, '100.0%', null],
      ['其他资金', 0.01, 0.01, 0.001145, '11.5%', null],
    ]);
    // The total's rate is the report's own figure, as on screen and in the API.
    expect(`${input.assessment.executionRatePct}%`).toBe('44.9%');
    // Summed in fen, divided once: adding the 万元 amounts would give 13.355699999999999.
    expect(String(sheet.getCell(`G${FUNDS + 1}`).value)).toBe('13.3557');
    expect(12.3456 + 1.0001 + 0.01).not.toBe(13.3557);
    // 1,145 ÷ 10,000 is exactly 11.45 %, which rounds half up to 11.5; in floating point it would show 11.4.
    expect(((1_145 * 100) / 10_000).toFixed(1)).toBe('11.4');
    for (const cell of [`E${FUNDS + 1}`, `G${FUNDS + 1}`, `I${FUNDS + 1}`, `P${FUNDS + 1}`, `I${FUNDS + 4}`]) {
      expect(typeof sheet.getCell(cell).value, cell).toBe('number');
      expect(sheet.getCell(cell).numFmt, cell).toBe('#,##0.00');
    }
    expect(sheet.getCell(`M${FUNDS + 1}`).alignment).toMatchObject({ horizontal: 'right' });
    // The forecast of each source is not asked for: its cells are empty but boxed.
    expect(sheet.getCell(`P${FUNDS + 2}`).border.left).toMatchObject({ style: 'thin' });
    expectMerged(sheet, `E${FUNDS + 1}`, [`F${FUNDS + 1}`]);
    expectMerged(sheet, `G${FUNDS + 1}`, [`H${FUNDS + 1}`]);
    expectMerged(sheet, `I${FUNDS + 1}`, [`L${FUNDS + 1}`]);
    expectMerged(sheet, `M${FUNDS + 1}`, [`O${FUNDS + 1}`]);
    expectMerged(sheet, `P${FUNDS + 1}`, [`R${FUNDS + 1}`]);
  });

  it('after a mid-year adjustment, shows 年初预算数 beside the adjusted 全年预算数 and rates on the adjusted one', async () => {
    const adjusted = { fiscal: 10_000_000, carryOver: 1_000_100, other: 10_000 };
    const sheet = await loadTable({
      ...input,
      initialBudget: budget,
      budget: adjusted,
      assessment: assess({ dataDate, budget: adjusted, executed, lines }, defaultThresholds),
    });
    const at = (r: number) => rowValues(sheet, r, 'CEGIM');
    expect(at(FUNDS + 1)).toEqual(['年度资金总额', 13.3557, 11.0101, 6.001245, '54.5%']);
    expect(at(FUNDS + 2)).toEqual(['其中：财政拨款', 12.3456, 10, 5, '50.0%']);
  });

  it('works the rate out exactly and leaves it blank without a budget', () => {
    expect(executionRate(1, 3)).toBe('33.3%');
    expect(executionRate(2, 3)).toBe('66.7%');
    expect(executionRate(1_145, 10_000)).toBe('11.5%');
    expect(executionRate(0, 7)).toBe('0.0%');
    expect(executionRate(12, 10)).toBe('120.0%');
    expect(executionRate(5, 0)).toBeNull();
  });

  it('puts the goal as set and its progress to date side by side', async () => {
    const sheet = await loadTable(input);
    expect(sheet.getCell(`A${GOAL}`).value).toBe('年度总体目标');
    expectMerged(sheet, `A${GOAL}`, [`B${GOAL + 1}`]);
    expect(sheet.getCell(`C${GOAL}`).value).toBe('年初设定目标');
    expect(sheet.getCell(`J${GOAL}`).value).toBe('1–6月实际完成情况');
    expect(sheet.getCell(`C${GOAL + 1}`).value).toBe(input.annualGoal);
    expect(sheet.getCell(`J${GOAL + 1}`).value).toBe(input.goalProgress);
    expectMerged(sheet, `C${GOAL + 1}`, [`I${GOAL + 1}`]);
    expectMerged(sheet, `J${GOAL + 1}`, [`R${GOAL + 1}`]);
    expect(sheet.getRow(GOAL + 1).height).toBeGreaterThanOrEqual(60);
  });

  it('heads the indicator grid with the reasons and likelihoods grouped', async () => {
    const sheet = await loadTable(input);
    expect(rowValues(sheet, GRID_HEADER)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '度量单位',
      '1–6月实际完成值',
      '全年预计完成值',
      '偏差原因分析',
      '偏差原因分析',
      '偏差原因分析',
      '偏差原因分析',
      '偏差原因分析',
      '完成目标可能性',
      '完成目标可能性',
      '完成目标可能性',
      '偏差原因说明',
      '纠偏措施',
      '备注',
    ]);
    expect(rowValues(sheet, GRID_HEADER + 1, 'HIJKLMNO')).toEqual([
      '经费保障',
      '制度保障',
      '人员保障',
      '硬件条件保障',
      '其他',
      '确定能',
      '有可能',
      '完全不可能',
    ]);
    expectMerged(sheet, `H${GRID_HEADER}`, [`L${GRID_HEADER}`]);
    expectMerged(sheet, `M${GRID_HEADER}`, [`O${GRID_HEADER}`]);
    for (const c of 'ABCDEFGPQR') expectMerged(sheet, `${c}${GRID_HEADER}`, [`${c}${GRID_HEADER + 1}`]);
    expect(sheet.getCell(`K${GRID_HEADER + 1}`).fill).toMatchObject({ pattern: 'solid' });
    // 硬件条件保障 in a six-unit column takes three lines.
    expect(sheet.getRow(GRID_HEADER + 1).height).toBeGreaterThanOrEqual(3 * 14.25);
  });

  it('lists the annual lines in framework order, with √ in the right boxes', async () => {
    const sheet = await loadTable(input);
    const rows = Array.from({ length: ANNUAL_LINES }, (_, i) => rowValues(sheet, FIRST_LINE + i));
    expect(rows).toEqual([
      [
        '产出指标',
        '数量指标',
        '智慧教室建设数量',
        '≥40',
        '间',
        '12',
        '30',
        '√',
        null,
        null,
        '√',
        null,
        null,
        null,
        '√',
        '部分学校校舍改造未完成，设备无法进场安装',
        '调整建设计划，优先安排已完成改造的学校',
        null,
      ],
      [
        '产出指标',
        '数量指标',
        '教师信息化培训人次',
        '≥1200',
        '人次',
        '500',
        '1150',
        null,
        '√',
        '√',
        null,
        '√',
        null,
        '√',
        null,
        '培训讲师不足',
        null,
        null,
      ],
      [
        '产出指标',
        '成本指标',
        '单间智慧教室建设成本',
        '≤3',
        '万元/间',
        '2.9',
        '2.95',
        null,
        null,
        null,
        null,
        null,
        '√',
        null,
        null,
        null,
        null,
        null,
      ],
      [
        '效益指标',
        '社会效益指标',
        '教师信息化教学应用水平',
        '显著提升',
        null,
        '有所提升',
        '显著提升',
        null,
        null,
        null,
        null,
        null,
        '√',
        null,
        null,
        null,
        null,
        null,
      ],
      [
        '满意度指标',
        '服务对象满意度指标',
        '学生及家长满意度',
        '≥90',
        '%',
        '—',
        '90',
        null,
        null,
        null,
        null,
        null,
        '√',
        null,
        null,
        null,
        null,
        '年底开展问卷调查',
      ],
    ]);
    // The medium-term line is not monitored mid-year.
    const all = sheet.getSheetValues().flat();
    expect(all).not.toContain('全区中小学智慧教室覆盖率');
    // Values stay text even when they read as numbers.
    expect(typeof sheet.getCell(`F${FIRST_LINE}`).value).toBe('string');
  });

  it('merges level-1 and level-2 cells over their runs, and every merge is valid', async () => {
    const sheet = await loadTable(input);
    const r = (offset: number) => FIRST_LINE + offset;
    expectMerged(sheet, `A${r(0)}`, [`A${r(1)}`, `A${r(2)}`]);
    expectMerged(sheet, `B${r(0)}`, [`B${r(1)}`]);
    for (const offset of [2, 3, 4]) expect(sheet.getCell(`B${r(offset)}`).isMerged).toBe(false);
    for (const offset of [3, 4]) expect(sheet.getCell(`A${r(offset)}`).isMerged).toBe(false);
    const gridMerges = (sheet.model.merges as string[]).filter((m) => {
      const row = Number(/\d+/.exec(m)![0]);
      return row >= FIRST_LINE && row < SIGN;
    });
    expect(gridMerges.sort()).toEqual([`A${r(0)}:A${r(2)}`, `B${r(0)}:B${r(1)}`]);
    expectValidMerges(monitoringTableSheet(input));
  });

  it('ends with the lines to sign, and keeps the warning and review state off the official grid', async () => {
    const sheet = await loadTable(input);
    expect(rowValues(sheet, SIGN, 'ACGIMP')).toEqual(['填报人：', null, '联系电话：', null, '单位负责人：', null]);
    expect(sheet.getCell(`C${SIGN}`).border.bottom).toMatchObject({ style: 'thin' });
    expect(sheet.rowCount).toBe(SIGN);
    const everything = JSON.stringify(sheet.getSheetValues());
    for (const word of ['监控预警', '审核状态', '报送时间', '红色']) expect(everything).not.toContain(word);
  });

  it('puts the warning in words, the figures, the budget reason and the review state on their own sheet', async () => {
    const info = await loadInfo({
      ...input,
      budgetDeviationReason: '设备招标延期',
      budgetCorrectiveMeasures: '三季度集中支付',
    });
    expect(info.name).toBe('监控预警及审核信息');
    expect(info.getCell('A1').value).toBe('东丽区中小学智慧校园建设监控预警及审核信息');
    expect(rowValues(info, 2, 'ABCDEFGHIJKL')).toEqual([
      '序号',
      '项目编码',
      '项目名称',
      '监控预警',
      '预警原因',
      '序时进度',
      '执行率',
      '目标完成进度',
      '预算执行偏差原因',
      '纠偏措施（预算执行）',
      '审核状态',
      '报送时间',
    ]);
    expect(input.assessment.colour).toBe('RED');
    const row = rowValues(info, 3, 'ABCDEFGHIJKL');
    expect(row).toEqual([
      1,
      '12011027T000000123',
      '东丽区中小学智慧校园建设',
      '红色',
      expect.any(String),
      '49.6%（181/365 天）',
      '44.9%',
      `${input.assessment.indicatorProgressPct!.toFixed(1)}%`,
      '设备招标延期',
      '三季度集中支付',
      '主管部门已审',
      '2027-07-10 10:30',
    ]);
    const reasons = String(row[4]).split('\n');
    expect(reasons).toEqual(
      input.assessment.warnings.map(
        (w, i) => `${i + 1}. 【${w.colour === 'RED' ? '红色' : '黄色'}】${warningText(w, 'zh-CN')}`,
      ),
    );
    expect(reasons).toContain('1. 【红色】智慧教室建设数量：完成目标可能性为“完全不可能”');
    expect(reasons.some((t) => t.includes('教师信息化培训人次：完成目标可能性为“有可能”'))).toBe(true);
    expect(info.getRow(3).height).toBeGreaterThanOrEqual(reasons.length * 14.25);
  });

  it('says 绿色 and 无 when nothing is wrong, and takes the month from the data date', async () => {
    const october = '2027-10-31';
    const quiet = {
      ...input,
      dataDate: october,
      lines: [] as ReportLine[],
      executed: budget,
      firstSubmittedAt: null,
      reviewStatus: 'DRAFT' as const,
      assessment: assess({ dataDate: october, budget, executed: budget, lines: [] }, defaultThresholds),
    };
    const sheet = await loadTable(quiet);
    expect(sheet.getCell('A2').value).toBe('（2027年度，数据截至 2027-10-31）');
    expect(sheet.getCell(`I${FUNDS}`).value).toBe('1–10月执行数');
    expect(sheet.getCell(`J${GOAL}`).value).toBe('1–10月实际完成情况');
    expect(sheet.getCell(`F${GRID_HEADER}`).value).toBe('1–10月实际完成值');
    // No lines: the lines to sign follow the headings at once.
    expect(sheet.getCell(`A${FIRST_LINE}`).value).toBe('填报人：');
    const info = await loadInfo(quiet);
    expect(rowValues(info, 3, 'DEFK')).toEqual(['绿色', '无', '83.3%（304/365 天）', '草稿']);
  });

  it('leaves a rate blank where there is no budget, and a forecast blank when not given', async () => {
    const sheet = await loadTable({
      ...input,
      budget: { ...budget, other: 0 },
      executed: { ...executed, other: 0 },
      forecastFullYearFen: null,
    });
    expect(rowValues(sheet, FUNDS + 4, 'CEGIMP')).toEqual(['其他资金', 0, 0, 0, null, null]);
    expect(sheet.getCell(`P${FUNDS + 1}`).value).toBeNull();
  });

  it('prints landscape, one page wide, with rows tall enough for wrapped text', async () => {
    const sheet = await loadTable(input);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, paperSize: 9 });
    expect(sheet.columns).toHaveLength(18);
    const long = line({ level1: 'OUTPUT', level2: 'QUANTITY', name: '数量', correctiveMeasures: '措'.repeat(100) });
    const tall = monitoringTableSheet({ ...input, lines: [long] }, '长');
    expect(tall.name).toBe('长');
    // 100 characters at about 10 a line in a 22-unit column: ten lines or more.
    expect(tall.rowHeights?.[FIRST_LINE - 1]).toBeGreaterThanOrEqual(10 * 14.25);
    // A single line under 服务对象满意度指标 (18 units in a 10-unit column) is grown to show it.
    const short = line({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', name: '满意度' });
    const grown = monitoringTableSheet({ ...input, lines: [short] });
    expect(grown.rowHeights?.[FIRST_LINE - 1]).toBeGreaterThanOrEqual(2 * 14.25);
  });
});

describe('beijingTime', () => {
  it('shows an instant as Beijing wall-clock time', () => {
    expect(beijingTime('2027-07-31T16:30:00.000Z')).toBe('2027-08-01 00:30');
    expect(beijingTime('2027-07-10T02:30:00Z')).toBe('2027-07-10 10:30');
  });
});

describe('departmentMonitoringWorkbook', () => {
  const project = (code: string, name: string, fiscal: number, spent: number, forecast: number | null) => {
    const funds = { fiscal, carryOver: 0, other: 0 };
    const spentFunds = { fiscal: spent, carryOver: 0, other: 0 };
    return {
      ...input,
      projectCode: code,
      projectName: name,
      budget: funds,
      executed: spentFunds,
      forecastFullYearFen: forecast,
      lines: [],
      firstSubmittedAt: null,
      reviewStatus: 'DRAFT' as const,
      assessment: assess({ dataDate, budget: funds, executed: spentFunds, lines: [] }, defaultThresholds),
    };
  };
  const inputs: MonitoringTableInput[] = [
    input,
    project('12011027T000000456', '东丽区学前教育普惠补助', 50_000_000, 25_000_000, 50_000_000),
    project('T:1/2', '东丽区校园安全提升', 3, 1, 3),
    project('12011027T000000123', '同编码的另一个项目', 1, 0, 1),
  ];
  const meta = { departmentName: '东丽区教育局', roundName: '2027年第一次绩效运行监控', dataDate };

  it('lists every report on a 汇总 sheet with totals summed in fen', async () => {
    const book = await load(departmentMonitoringWorkbook(inputs, meta));
    const summary = book.worksheets[0]!;
    expect(summary.name).toBe('汇总');
    expect(summary.getCell('A1').value).toBe('东丽区教育局项目支出绩效目标执行监控汇总表');
    expect(summary.getCell('A2').value).toBe('（2027年第一次绩效运行监控，数据截至 2027-06-30）');
    expectMerged(summary, 'A1', ['L1']);
    const values = (r: number) => rowValues(summary, r, 'ABCDEFGHIJKL');
    expect(values(3)).toEqual([
      '序号',
      '项目编码',
      '项目名称',
      '实施单位',
      '年初预算数（万元）',
      '全年预算数（万元）',
      '1–6月执行数（万元）',
      '执行率',
      '全年预计执行数（万元）',
      '预警',
      '审核状态',
      '报送时间',
    ]);
    expect(values(4)).toEqual([
      1,
      '12011027T000000123',
      '东丽区中小学智慧校园建设',
      '东丽区教师发展中心',
      13.3557,
      13.3557,
      6.001245,
      '44.9%',
      13,
      '红色',
      '主管部门已审',
      '2027-07-10 10:30',
    ]);
    expect(values(5)).toEqual([
      2,
      '12011027T000000456',
      '东丽区学前教育普惠补助',
      '东丽区教师发展中心',
      50,
      50,
      25,
      '50.0%',
      50,
      '绿色',
      '草稿',
      null,
    ]);
    expect(values(6).slice(0, 9)).toEqual([
      3,
      'T:1/2',
      '东丽区校园安全提升',
      '东丽区教师发展中心',
      0.000003,
      0.000003,
      0.000001,
      '33.3%',
      0.000003,
    ]);
    // Budget 13,355,700 + 50,000,000 + 3 + 1 fen; execution 6,001,245 + 25,000,000 + 1 fen; forecast likewise.
    expect(values(8).slice(0, 9)).toEqual([
      '合计',
      '合计',
      '合计',
      '合计',
      63.355704,
      63.355704,
      31.001246,
      '48.9%',
      63.000004,
    ]);
    expect(13.3557 + 50 + 0.000003 + 0.000001).not.toBe(63.355704);
    expect(summary.getCell('A4').numFmt).toBe('0');
    expect(summary.getCell('E4').numFmt).toBe('#,##0.00');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expectValidMerges(departmentMonitoringWorkbook(inputs, meta).sheets[0]!);
  });

  it('leaves the total forecast blank when a report has none', async () => {
    const book = await load(
      departmentMonitoringWorkbook([...inputs, project('12011027T000000789', '无预计', 100, 0, null)], meta),
    );
    const summary = book.worksheets[0]!;
    expect(summary.getCell('I8').value).toBeNull();
    expect(summary.getCell('I9').value).toBeNull();
    expect(summary.getCell('A9').value).toBe('合计');
    expect(summary.getCell('F9').value).toBe(63.355804);
  });

  it('gives each project its own sheet, with valid and unique names', async () => {
    const book = await load(departmentMonitoringWorkbook(inputs, meta));
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual([
      '汇总',
      '12011027T000000123',
      '12011027T000000456',
      'T_1_2',
      '12011027T000000123 (2)',
      '监控预警及审核信息',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
    const info = book.worksheets.at(-1)!;
    expect(info.getCell('A1').value).toBe('东丽区教育局2027年第一次绩效运行监控监控预警及审核信息');
    expect(inputs.map((_, i) => info.getCell(`B${i + 3}`).value)).toEqual(inputs.map((i) => i.projectCode));
    book.worksheets.slice(1, -1).forEach((sheet, i) => {
      expect(sheet.getCell('A1').value).toBe('项目支出绩效目标执行监控表');
      expect(sheet.getCell('C3').value).toBe(inputs[i]!.projectName);
      expect(sheet.getCell('M3').value).toBe(inputs[i]!.projectCode);
    });
  });

  it('still writes with no reports', async () => {
    const book = await load(departmentMonitoringWorkbook([], meta));
    expect(book.worksheets).toHaveLength(2);
    expect(book.worksheets[0]!.getCell('A4').value).toBe('合计');
    expect(book.worksheets[0]!.getCell('F4').value).toBe(0);
    expect(book.worksheets[0]!.getCell('H4').value).toBeNull();
  });
});

describe('overdueWorkbook', () => {
  const round1 = { roundId: 'r1', roundName: '2027年第一次绩效运行监控', deadline: '2027-07-31' };
  const round2 = { roundId: 'r2', roundName: '2027年第二次绩效运行监控', deadline: '2027-10-31' };
  const report = (
    round: typeof round1,
    departmentSeries: string,
    departmentCode: string,
    projectCode: string,
    firstSubmittedAt: string | null,
  ): OverdueRow => ({
    ...round,
    departmentSeries,
    departmentCode,
    departmentName: `部门${departmentCode}`,
    projectCode,
    projectName: `项目${projectCode}`,
    unitName: `单位${departmentCode}`,
    reviewStatus: firstSubmittedAt ? 'UNIT_SUBMITTED' : 'DRAFT',
    firstSubmittedAt,
  });
  // Midnight in Beijing on 1 August is 16:00 UTC on 31 July.
  const onTime = '2027-07-31T15:59:59.000Z';
  const late = '2027-07-31T16:00:00.000Z';
  const rows: OverdueRow[] = [
    report(round1, 'STREET_PARK', '901', 'P9', null),
    report(round1, 'GOVERNMENT', '302', 'P2', late),
    report(round1, 'PARTY_MASS', '101', 'P5', null),
    report(round1, 'GOVERNMENT', '301', 'P3', null),
    report(round1, 'GOVERNMENT', '301', 'P1', onTime),
    report(round1, 'GOVERNMENT', '301', 'P0', '2027-08-05T01:00:00.000Z'),
    report(round2, 'GOVERNMENT', '301', 'Q1', null),
  ];
  const asOf = '2027-08-10T02:00:00.000Z';

  it('decides 逾期 by the Beijing day', () => {
    expect(overdueStatus({ deadline: '2027-07-31', firstSubmittedAt: onTime }, asOf)).toBeNull();
    expect(overdueStatus({ deadline: '2027-07-31', firstSubmittedAt: late }, asOf)).toBe('逾期报送');
    expect(overdueStatus({ deadline: '2027-07-31', firstSubmittedAt: null }, asOf)).toBe('未报送');
    // Not sent yet, but the deadline's day has not passed in Beijing.
    expect(overdueStatus({ deadline: '2027-07-31', firstSubmittedAt: null }, onTime)).toBeNull();
    expect(overdueStatus({ deadline: '2027-07-31', firstSubmittedAt: null }, late)).toBe('未报送');
  });

  it('lists the reports not sent on time, by series, department and project', async () => {
    const book = await load(overdueWorkbook(rows, { asOf }));
    expect(book.worksheets.map((s) => s.name)).toEqual(['2027年第一次绩效运行监控', '2027年第二次绩效运行监控']);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('2027年第一次绩效运行监控未按时报送清单');
    expect(sheet.getCell('A2').value).toBe('（报送截止日期：2027-07-31，统计时间：2027-08-10 10:00）');
    expectMerged(sheet, 'A1', ['I1']);
    const values = (r: number) => rowValues(sheet, r, 'ABCDEFGHI');
    expect(values(3)).toEqual([
      '序号',
      '系列',
      '部门',
      '项目编码',
      '项目名称',
      '实施单位',
      '当前状态',
      '首次报送时间',
      '情况',
    ]);
    expect([4, 5, 6, 7, 8].map(values)).toEqual([
      [1, '政府系列', '部门301', 'P0', '项目P0', '单位301', '单位已送审', '2027-08-05 09:00', '逾期报送'],
      [2, '政府系列', '部门301', 'P3', '项目P3', '单位301', '草稿', null, '未报送'],
      [3, '政府系列', '部门302', 'P2', '项目P2', '单位302', '单位已送审', '2027-08-01 00:00', '逾期报送'],
      [4, '党群系列', '部门101', 'P5', '项目P5', '单位101', '草稿', null, '未报送'],
      [5, '街道园区系列', '部门901', 'P9', '项目P9', '单位901', '草稿', null, '未报送'],
    ]);
    expect(sheet.getCell('A9').value).toBe('合计 5 个项目：未报送 3 个，逾期报送 2 个');
    expect(sheet.rowCount).toBe(9);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });

    // The second round is not due yet at asOf: nothing is listed.
    const second = book.worksheets[1]!;
    expect(second.getCell('A2').value).toBe('（报送截止日期：2027-10-31，统计时间：2027-08-10 10:00）');
    expect(second.getCell('A4').value).toBe('无未按时报送的项目');
    for (const s of overdueWorkbook(rows, { asOf }).sheets) expectValidMerges(s);
  });

  it('still writes with no reports', async () => {
    const book = await load(overdueWorkbook([], { asOf }));
    expect(book.worksheets.map((s) => s.name)).toEqual(['未按时报送清单']);
    expect(book.worksheets[0]!.getCell('A4').value).toBe('无未按时报送的项目');
  });
});
