import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  departmentTargetWorkbook,
  fenToWanYuan,
  orderTargetRows,
  type TargetTableInput,
  targetTableSheet,
  targetTableWorkbook,
} from '#functions/export/target-table.ts';
import type { Workbook } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';

const CREATED_AT = '2026-11-20T08:00:00.000Z';

/** Written with our writer, read back with exceljs: what a reviewer's Excel would show. */
const load = async (workbook: Workbook): Promise<ExcelJS.Workbook> => {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(Buffer.from(writeXlsx({ ...workbook, createdAt: CREATED_AT })) as unknown as ExcelJS.Buffer);
  return read;
};

const loadTable = async (input: TargetTableInput): Promise<ExcelJS.Worksheet> =>
  (await load(targetTableWorkbook(input))).worksheets[0]!;

let rowNo = 0;
const row = (fields: Partial<TargetRow> & Pick<TargetRow, 'level1' | 'level2' | 'name'>): TargetRow => {
  rowNo += 1;
  return {
    rowId: `0193a1b2-c3d4-7e5f-8a9b-${String(rowNo).padStart(12, '0')}`,
    period: 'ANNUAL',
    libraryIndicatorId: null,
    custom: false,
    operator: 'GTE',
    value: '',
    unit: '',
    weight: 10,
    explanation: '',
    scoringStandard: '',
    valueBasis: 'PLAN',
    lastYearActual: '',
    dataSource: '',
    core: false,
    spendingStandardCap: null,
    ...fields,
  };
};

// Written out of order on purpose: the table sorts by level 1, then level 2, keeping ties in order.
const rows: TargetRow[] = [
  row({
    level1: 'SATISFACTION',
    level2: 'SERVICE_RECIPIENT',
    name: '学生及家长满意度',
    value: '90',
    unit: '%',
    explanation: '抽样问卷调查学生及家长对智慧课堂的满意程度',
    scoringStandard: '达到90%得满分，每低1个百分点扣1分',
    valueBasis: 'HISTORICAL',
    lastYearActual: '88',
  }),
  row({
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: '智慧教室建设数量',
    value: '40',
    unit: '间',
    weight: 15,
    core: true,
    explanation: '年内建成并交付使用的智慧教室间数',
    scoringStandard: '完成得满分，每少1间扣0.5分',
    lastYearActual: '32',
  }),
  row({
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    name: '教师信息化教学应用水平',
    operator: 'QUALITATIVE',
    value: '显著提升',
    explanation: '教研室抽查课堂信息化应用情况',
    scoringStandard: '显著提升得满分，有所提升得一半，未提升不得分',
    valueBasis: 'OTHER',
  }),
  row({
    level1: 'OUTPUT',
    level2: 'COST',
    name: '单间智慧教室建设成本',
    operator: 'LTE',
    value: '3',
    unit: '万元/间',
    valueBasis: 'SPENDING_STANDARD',
    scoringStandard: '不超过标准得满分，超过不得分',
  }),
  row({
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: '教师信息化培训人次',
    value: '1200',
    unit: '人次',
    custom: true,
    valueBasis: 'PLAN',
  }),
  row({
    level1: 'OUTPUT',
    level2: 'QUALITY',
    name: '设备验收合格率',
    operator: 'EQ',
    value: '100',
    unit: '%',
    weight: 12.5,
    valueBasis: 'INDUSTRY',
    lastYearActual: '100',
  }),
  row({
    level1: 'BENEFIT',
    level2: 'SUSTAINABLE',
    name: '设备正常使用年限',
    value: '6',
    unit: '年',
    weight: 7.5,
  }),
  row({
    period: 'MEDIUM_TERM',
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    name: '城乡学校教育资源差距',
    operator: 'QUALITATIVE',
    value: '明显缩小',
    weight: 20,
  }),
  row({
    period: 'MEDIUM_TERM',
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: '全区中小学智慧教室覆盖率',
    value: '95',
    unit: '%',
    weight: 30,
    core: true,
  }),
];

const input: TargetTableInput = {
  project: {
    code: '12011027T000000123',
    name: '东丽区中小学智慧校园建设',
    fiscalYear: 2027,
    category: 'SPECIFIC_PURPOSE',
    nature: 'NEW',
    recurrence: 'ONE_OFF',
    periodStart: 2027,
    periodEnd: 2029,
    funds: { fiscal: 12_345_600, carryOver: 1_000_100, other: 7 },
    mediumTermTotal: 360_123_400,
  },
  target: {
    versionNo: 2,
    reviewStatus: 'FINAL_APPROVED',
    grade: 'GOOD',
    mediumTermGoal: '到2029年，全区中小学智慧教室覆盖率达到95%以上，\n城乡学校教育资源差距明显缩小。',
    annualGoal: '2027年建成智慧教室40间，开展教师信息化培训1200人次，设备验收合格率100%。',
    rows,
  },
  departmentName: '东丽区教育局',
  departmentCode: '301',
  unitName: '东丽区教师发展中心',
};

const COLUMNS = 'ABCDEFGHIJK';
/** The values of A–K in one row; a cell covered by a merge reads as its merge's value, as exceljs gives it. */
const rowValues = (sheet: ExcelJS.Worksheet, r: number) => [...COLUMNS].map((c) => sheet.getCell(`${c}${r}`).value);

const expectMerged = (sheet: ExcelJS.Worksheet, master: string, cells: string[]) => {
  for (const cell of cells) {
    expect(sheet.getCell(cell).isMerged, cell).toBe(true);
    expect(sheet.getCell(cell).master.address, cell).toBe(master);
  }
};

// Fixed rows of the layout (1-based): see the comment at the top of target-table.ts.
const GRID_HEADER = 12;
const ANNUAL_HEADING = 13;
const FIRST_ANNUAL = 14;

describe('targetTableSheet', () => {
  it('heads the table with the title, the year and the project', async () => {
    const sheet = await loadTable(input);
    expect(sheet.name).toBe('项目支出绩效目标申报表');
    expect(sheet.getCell('A1').value).toBe('项目支出绩效目标申报表');
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expectMerged(sheet, 'A1', ['K1']);
    expect(sheet.getCell('A2').value).toBe('（2027年度）');
    expect(sheet.getCell('A2').alignment).toMatchObject({ horizontal: 'center' });
    expectMerged(sheet, 'A2', ['K2']);

    const pairs = [3, 4, 5].map((r) => [
      sheet.getCell(`A${r}`).value,
      sheet.getCell(`C${r}`).value,
      sheet.getCell(`H${r}`).value,
      sheet.getCell(`I${r}`).value,
    ]);
    expect(pairs).toEqual([
      ['项目名称', '东丽区中小学智慧校园建设', '项目编码', '12011027T000000123'],
      ['主管部门及代码', '东丽区教育局（301）', '实施单位', '东丽区教师发展中心'],
      ['项目属性', '新增项目·一次性（特定目标类）', '项目期', '2027–2029年'],
    ]);
    expect(sheet.getCell('A3').font.bold).toBe(true);
    expectMerged(sheet, 'A3', ['B3']);
    expectMerged(sheet, 'C3', ['D3', 'G3']);
    expectMerged(sheet, 'I5', ['K5']);
  });

  it('shows the funds in 万元, exactly, from integer fen', async () => {
    const sheet = await loadTable(input);
    expect(sheet.getCell('A6').value).toBe('项目资金（万元）');
    expectMerged(sheet, 'A6', ['B6', 'A9', 'B9']);
    const funds = [6, 7, 8, 9].map((r) => [
      sheet.getCell(`C${r}`).value,
      sheet.getCell(`D${r}`).value,
      sheet.getCell(`H${r}`).value,
      sheet.getCell(`I${r}`).value,
    ]);
    expect(funds).toEqual([
      ['中期资金总额', 360.1234, '年度资金总额', 13.345707],
      ['其中：财政拨款', null, '其中：财政拨款', 12.3456],
      ['上年结转', null, '上年结转', 1.0001],
      ['其他资金', null, '其他资金', 0.000007],
    ]);
    // Summed in fen, divided once: adding the 万元 amounts would give 13.345706999999999.
    expect(String(sheet.getCell('I6').value)).toBe('13.345707');
    expect(12.3456 + 1.0001 + 0.000007).not.toBe(13.345707);
    for (const cell of ['D6', 'I6', 'I7', 'I8', 'I9']) {
      expect(typeof sheet.getCell(cell).value, cell).toBe('number');
      expect(sheet.getCell(cell).numFmt, cell).toBe('#,##0.00');
    }
    // The medium-term breakdown is not recorded: its cells are empty but boxed.
    expect(sheet.getCell('D7').border.left).toMatchObject({ style: 'thin' });
    expectMerged(sheet, 'I6', ['K6']);
  });

  it('converts fen to 万元 with one division', () => {
    expect(fenToWanYuan(12_345_600)).toBe(12.3456);
    expect(fenToWanYuan(1)).toBe(0.000001);
    expect(fenToWanYuan(1e13)).toBe(10_000_000);
    expect(fenToWanYuan(0)).toBe(0);
  });

  it('puts the medium-term and the annual goal side by side', async () => {
    const sheet = await loadTable(input);
    expect(sheet.getCell('A10').value).toBe('总体目标');
    expectMerged(sheet, 'A10', ['B11']);
    expect(sheet.getCell('C10').value).toBe('中期目标（2027–2029年）');
    expect(sheet.getCell('H10').value).toBe('年度目标（2027年）');
    expect(sheet.getCell('C11').value).toBe(input.target.mediumTermGoal);
    expect(sheet.getCell('H11').value).toBe(input.target.annualGoal);
    expectMerged(sheet, 'C11', ['G11']);
    expectMerged(sheet, 'H11', ['K11']);
    expect(sheet.getCell('C11').alignment).toMatchObject({ wrapText: true });
    expect(sheet.getRow(11).height).toBeGreaterThanOrEqual(60);
  });

  it('lists the annual indicators in framework order, then the medium-term ones', async () => {
    const sheet = await loadTable(input);
    expect(rowValues(sheet, GRID_HEADER)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '指标性质(运算符)',
      '指标值',
      '度量单位',
      '分值(权重)',
      '指标解释',
      '评（扣）分标准',
      '指标值设定依据',
      '上年完成值',
    ]);
    expect(sheet.getCell(`E${GRID_HEADER}`).fill).toMatchObject({ pattern: 'solid' });
    expect(sheet.getCell(`A${ANNUAL_HEADING}`).value).toBe('年度绩效指标');
    expectMerged(sheet, `A${ANNUAL_HEADING}`, [`K${ANNUAL_HEADING}`]);

    const annual = Array.from({ length: 7 }, (_, i) => rowValues(sheet, FIRST_ANNUAL + i));
    expect(annual).toEqual([
      [
        '产出指标',
        '数量指标',
        '智慧教室建设数量（核心）',
        '≥',
        '40',
        '间',
        15,
        '年内建成并交付使用的智慧教室间数',
        '完成得满分，每少1间扣0.5分',
        '计划标准',
        '32',
      ],
      ['产出指标', '数量指标', '教师信息化培训人次', '≥', '1200', '人次', 10, null, null, '计划标准', null],
      ['产出指标', '质量指标', '设备验收合格率', '=', '100', '%', 12.5, null, null, '行业标准', '100'],
      [
        '产出指标',
        '成本指标',
        '单间智慧教室建设成本',
        '≤',
        '3',
        '万元/间',
        10,
        null,
        '不超过标准得满分，超过不得分',
        '预算支出标准',
        null,
      ],
      [
        '效益指标',
        '社会效益指标',
        '教师信息化教学应用水平',
        '定性',
        '显著提升',
        null,
        10,
        '教研室抽查课堂信息化应用情况',
        '显著提升得满分，有所提升得一半，未提升不得分',
        '其他标准',
        null,
      ],
      ['效益指标', '可持续影响指标', '设备正常使用年限', '≥', '6', '年', 7.5, null, null, '计划标准', null],
      [
        '满意度指标',
        '服务对象满意度指标',
        '学生及家长满意度',
        '≥',
        '90',
        '%',
        10,
        '抽样问卷调查学生及家长对智慧课堂的满意程度',
        '达到90%得满分，每低1个百分点扣1分',
        '历史标准',
        '88',
      ],
    ]);

    const mediumHeading = FIRST_ANNUAL + 7;
    expect(sheet.getCell(`A${mediumHeading}`).value).toBe('中期绩效指标');
    expectMerged(sheet, `A${mediumHeading}`, [`K${mediumHeading}`]);
    expect([rowValues(sheet, mediumHeading + 1), rowValues(sheet, mediumHeading + 2)]).toEqual([
      ['产出指标', '数量指标', '全区中小学智慧教室覆盖率（核心）', '≥', '95', '%', 30, null, null, '计划标准', null],
      ['效益指标', '社会效益指标', '城乡学校教育资源差距', '定性', '明显缩小', null, 20, null, null, '计划标准', null],
    ]);
    // The weight is a number; the value stays text even when it reads as one.
    expect(typeof sheet.getCell(`G${FIRST_ANNUAL}`).value).toBe('number');
    expect(typeof sheet.getCell(`E${FIRST_ANNUAL}`).value).toBe('string');
  });

  it('merges level-1 and level-2 cells over their runs, and no further', async () => {
    const sheet = await loadTable(input);
    const r = (offset: number) => FIRST_ANNUAL + offset;
    // 产出指标 over four rows, 效益指标 over two; 满意度指标 is a single row.
    expectMerged(sheet, `A${r(0)}`, [`A${r(1)}`, `A${r(2)}`, `A${r(3)}`]);
    expectMerged(sheet, `A${r(4)}`, [`A${r(5)}`]);
    expect(sheet.getCell(`A${r(6)}`).isMerged).toBe(false);
    // 数量指标 over its two rows; the other level-2 cells stand alone.
    expectMerged(sheet, `B${r(0)}`, [`B${r(1)}`]);
    for (const offset of [2, 3, 4, 5, 6]) expect(sheet.getCell(`B${r(offset)}`).isMerged).toBe(false);
    // Nothing is merged across the two periods, nor between medium-term rows of different levels.
    for (const cell of [`A${r(8)}`, `A${r(9)}`, `B${r(8)}`, `B${r(9)}`]) {
      expect(sheet.getCell(cell).isMerged, cell).toBe(false);
    }
    expect(sheet.getCell(`A${r(0)}`).alignment).toMatchObject({ vertical: 'middle' });
    // Only the two heading merges and the level merges lie within the grid.
    const gridMerges = (sheet.model.merges as string[]).filter((m) => Number(/\d+/.exec(m)![0]) >= ANNUAL_HEADING);
    expect(gridMerges.sort()).toEqual(
      [
        `A${r(0)}:A${r(3)}`,
        `A${r(4)}:A${r(5)}`,
        `B${r(0)}:B${r(1)}`,
        `A${r(7)}:K${r(7)}`,
        `A${ANNUAL_HEADING}:K${ANNUAL_HEADING}`,
      ]
        .concat([`A${r(10)}:B${r(10)}`, `C${r(10)}:D${r(10)}`, `E${r(10)}:F${r(10)}`, `G${r(10)}:H${r(10)}`])
        .concat([`J${r(10)}:K${r(10)}`, `A${r(11)}:B${r(11)}`, `C${r(11)}:D${r(11)}`, `E${r(11)}:F${r(11)}`])
        .concat([`G${r(11)}:H${r(11)}`, `J${r(11)}:K${r(11)}`])
        .sort(),
    );
  });

  it('ends with the version, the review and the lines to sign', async () => {
    const sheet = await loadTable(input);
    const version = FIRST_ANNUAL + 10;
    expect(rowValues(sheet, version)).toEqual([
      '版本',
      '版本',
      '第2版',
      '第2版',
      '审核状态',
      '审核状态',
      '已终审',
      '已终审',
      '终审等级',
      '良',
      '良',
    ]);
    expect(rowValues(sheet, version + 1)).toEqual([
      '填报人：',
      '填报人：',
      null,
      null,
      '联系电话：',
      '联系电话：',
      null,
      null,
      '单位负责人：',
      null,
      null,
    ]);
    expect(sheet.getCell(`C${version + 1}`).border.bottom).toMatchObject({ style: 'thin' });
    expect(sheet.rowCount).toBe(version + 1);
  });

  it('prints landscape, one page wide, with widths for Chinese text', async () => {
    const sheet = await loadTable(input);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, paperSize: 9 });
    expect(sheet.columns.map((c) => c.width)).toEqual([12, 12, 24, 10, 12, 8, 8, 30, 30, 12, 10]);
    expect(sheet.getRow(1).height).toBe(30);
  });

  it('leaves out what is not there: no medium term, no grade, a one-year period', async () => {
    const sheet = await loadTable({
      ...input,
      project: {
        ...input.project,
        nature: 'CONTINUING',
        recurrence: 'RECURRING',
        category: 'OPERATIONAL',
        periodEnd: 2027,
        mediumTermTotal: null,
      },
      target: {
        ...input.target,
        versionNo: 1,
        reviewStatus: 'UNIT_SUBMITTED',
        grade: null,
        mediumTermGoal: '',
        rows: rows.filter((r) => r.period === 'ANNUAL').slice(0, 2),
      },
    });
    expect(sheet.getCell('I5').value).toBe('2027年');
    expect(sheet.getCell('C5').value).toBe('延续项目·经常性（运转类）');
    expect(sheet.getCell('D6').value).toBeNull();
    expect(sheet.getCell('C11').value).toBeNull();
    expect(rowValues(sheet, FIRST_ANNUAL).slice(0, 3)).toEqual(['产出指标', '数量指标', '智慧教室建设数量（核心）']);
    expect(rowValues(sheet, FIRST_ANNUAL + 1).slice(0, 3)).toEqual([
      '满意度指标',
      '服务对象满意度指标',
      '学生及家长满意度',
    ]);
    expect(sheet.getCell(`A${FIRST_ANNUAL + 1}`).isMerged).toBe(false);
    expect(rowValues(sheet, FIRST_ANNUAL + 2)).toEqual([
      '版本',
      '版本',
      '第1版',
      '第1版',
      '审核状态',
      '审核状态',
      '单位已送审',
      '单位已送审',
      '终审等级',
      null,
      null,
    ]);
  });

  it('makes rows tall enough for wrapped text, level names included', () => {
    const short = row({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', name: '满意度', value: '90', unit: '%' });
    const sheet = targetTableSheet({ ...input, target: { ...input.target, rows: [short] } });
    // 服务对象满意度指标 is 18 units wide in a 12-unit column: two lines.
    expect(sheet.rowHeights?.[FIRST_ANNUAL - 1]).toBeGreaterThanOrEqual(2 * 14.25);
    const long = row({ level1: 'OUTPUT', level2: 'QUANTITY', name: '数量', scoringStandard: '扣'.repeat(140) });
    const tall = targetTableSheet({ ...input, target: { ...input.target, rows: [long] } });
    // 140 characters at about 14 a line in a 30-unit column: ten lines or more.
    expect(tall.rowHeights?.[FIRST_ANNUAL - 1]).toBeGreaterThanOrEqual(10 * 14.25);
  });

  it('keeps an empty annual section rather than dropping the heading', () => {
    const sheet = targetTableSheet({ ...input, target: { ...input.target, rows: [] } }, '空表');
    expect(sheet.name).toBe('空表');
    const headings = sheet.rows.map((r) => (r[0] && typeof r[0] === 'object' ? r[0].value : r[0]));
    expect(headings).toContain('年度绩效指标');
    expect(headings).not.toContain('中期绩效指标');
  });
});

describe('orderTargetRows', () => {
  it('orders by level 1, then level 2 in framework order, and is stable otherwise', () => {
    const ordered = orderTargetRows(rows.filter((r) => r.period === 'ANNUAL'));
    expect(ordered.map((r) => r.name)).toEqual([
      '智慧教室建设数量',
      '教师信息化培训人次',
      '设备验收合格率',
      '单间智慧教室建设成本',
      '教师信息化教学应用水平',
      '设备正常使用年限',
      '学生及家长满意度',
    ]);
  });
});

describe('departmentTargetWorkbook', () => {
  const project = (code: string, name: string, fiscal: number): TargetTableInput => ({
    ...input,
    project: { ...input.project, code, name, funds: { fiscal, carryOver: 0, other: 0 } },
  });
  const longA = `${'A'.repeat(31)}01`;
  const longB = `${'A'.repeat(31)}02`;
  const items: TargetTableInput[] = [
    input,
    project(longA, '东丽区学前教育普惠补助', 50_000_000),
    project(longB, '东丽区义务教育学生资助', 25_000_001),
    { ...project('T:1/2', '东丽区校园安全提升', 3), unitName: '东丽区第一中学' },
    project('12011027T000000123', '同编码的另一个项目', 1),
  ];

  it('lists every project on a 汇总 sheet', async () => {
    const book = await load(departmentTargetWorkbook('东丽区教育局', 2027, items));
    const summary = book.worksheets[0]!;
    expect(summary.name).toBe('汇总');
    expect(summary.getCell('A1').value).toBe('东丽区教育局2027年度项目支出绩效目标汇总表');
    expectMerged(summary, 'A1', ['H1']);
    const values = (r: number) => [...'ABCDEFGH'].map((c) => summary.getCell(`${c}${r}`).value);
    expect(values(2)).toEqual([
      '序号',
      '项目编码',
      '项目名称',
      '实施单位',
      '年度资金（万元）',
      '版本',
      '审核状态',
      '终审等级',
    ]);
    expect(values(3)).toEqual([
      1,
      '12011027T000000123',
      '东丽区中小学智慧校园建设',
      '东丽区教师发展中心',
      13.345707,
      '第2版',
      '已终审',
      '良',
    ]);
    expect(values(4)).toEqual([2, longA, '东丽区学前教育普惠补助', '东丽区教师发展中心', 50, '第2版', '已终审', '良']);
    expect(values(5)[4]).toBe(25.000001);
    expect(values(6).slice(0, 5)).toEqual([4, 'T:1/2', '东丽区校园安全提升', '东丽区第一中学', 0.000003]);
    expect(values(7).slice(0, 3)).toEqual([5, '12011027T000000123', '同编码的另一个项目']);
    // The total is summed in fen: 13,345,707 + 50,000,000 + 25,000,001 + 3 + 1 fen.
    expect(values(8).slice(0, 5)).toEqual(['合计', '合计', '合计', '合计', 88.345712]);
    expect(summary.getCell('A3').numFmt).toBe('0');
    expect(summary.getCell('E3').numFmt).toBe('#,##0.00');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('gives each project its own sheet, with valid and unique names', async () => {
    const book = await load(departmentTargetWorkbook('东丽区教育局', 2027, items));
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual([
      '汇总',
      '12011027T000000123',
      'A'.repeat(31),
      `${'A'.repeat(27)} (2)`,
      'T_1_2',
      '12011027T000000123 (2)',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
    book.worksheets.slice(1).forEach((sheet, i) => {
      expect(sheet.getCell('A1').value).toBe('项目支出绩效目标申报表');
      expect(sheet.getCell('C3').value).toBe(items[i]!.project.name);
      expect(sheet.getCell('I3').value).toBe(items[i]!.project.code);
    });
  });

  it('keeps the summary sheet name free and still writes with no projects', async () => {
    const clash = departmentTargetWorkbook('东丽区教育局', 2027, [project('汇总', '名为汇总的项目', 1)]);
    expect(clash.sheets.map((s) => s.name)).toEqual(['汇总', '汇总 (2)']);
    const empty = await load(departmentTargetWorkbook('东丽区教育局', 2027, []));
    expect(empty.worksheets).toHaveLength(1);
    expect(empty.worksheets[0]!.getCell('A3').value).toBe('合计');
    expect(empty.worksheets[0]!.getCell('E3').value).toBe(0);
  });
});
