import type { TargetRow } from '@jixiao/core/submission/performance-target.ts';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  departmentTargetWorkbook,
  fenToWanYuan,
  indicatorLines,
  indicatorValueText,
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

const loadBook = async (input: TargetTableInput) => (await load(targetTableWorkbook(input))).worksheets;
const loadTable = async (input: TargetTableInput): Promise<ExcelJS.Worksheet> => (await loadBook(input))[0]!;

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
    dataSource: '年度满意度问卷调查',
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
    dataSource: '项目竣工验收报告',
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
  // The medium-term twins of two annual rows: each shares its annual row's line.
  row({
    period: 'MEDIUM_TERM',
    level1: 'OUTPUT',
    level2: 'QUANTITY',
    name: ' 智慧教室建设数量',
    value: '120',
    unit: '间',
    weight: 30,
    dataSource: '项目竣工验收报告',
  }),
  row({
    period: 'MEDIUM_TERM',
    level1: 'SATISFACTION',
    level2: 'SERVICE_RECIPIENT',
    name: '学生及家长满意度',
    value: '92',
    unit: '%',
    weight: 20,
    valueBasis: 'PLAN',
    dataSource: '第三方满意度调查',
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
  preparerName: '刘洋',
  unitHeadName: '陈静',
};

/** The values of `columns` in one row; a cell covered by a merge reads as its merge's value, as exceljs gives it. */
const rowValues = (sheet: ExcelJS.Worksheet, r: number, columns = 'ABCDEFG') =>
  [...columns].map((c) => sheet.getCell(`${c}${r}`).value);

const expectMerged = (sheet: ExcelJS.Worksheet, master: string, cells: string[]) => {
  for (const cell of cells) {
    expect(sheet.getCell(cell).isMerged, cell).toBe(true);
    expect(sheet.getCell(cell).master.address, cell).toBe(master);
  }
};

const mergesOf = (sheet: ExcelJS.Worksheet): string[] => [...(sheet.model.merges as string[])].sort();

// Fixed rows of the layout (1-based): see the comment at the top of target-table.ts.
const GRID_HEADER = 11;
const FIRST_LINE = 12;

describe('targetTableSheet', () => {
  it('heads the table with the title, the year and the project, as the 88号 form does', async () => {
    const sheet = await loadTable(input);
    expect(sheet.name).toBe('项目支出绩效目标申报表');
    expect(sheet.getCell('A1').value).toBe('项目支出绩效目标申报表');
    expect(sheet.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expectMerged(sheet, 'A1', ['G1']);
    expect(sheet.getCell('A2').value).toBe('（2027年度）');
    expect(sheet.getCell('A2').alignment).toMatchObject({ horizontal: 'center' });
    expectMerged(sheet, 'A2', ['G2']);

    expect(rowValues(sheet, 3, 'AB')).toEqual(['项目名称', '东丽区中小学智慧校园建设']);
    expectMerged(sheet, 'B3', ['G3']);
    expect([4, 5].map((r) => rowValues(sheet, r, 'ABEF'))).toEqual([
      ['主管部门及代码', '东丽区教育局（301）', '实施单位', '东丽区教师发展中心'],
      ['项目属性', '新增项目·一次性（特定目标类）', '项目期', '2027–2029年'],
    ]);
    expect(sheet.getCell('A4').font.bold).toBe(true);
    expectMerged(sheet, 'B4', ['D4']);
    expectMerged(sheet, 'F5', ['G5']);
    // The form has no project code: it is on 补充信息, not in the official header.
    const header = [1, 2, 3, 4, 5].flatMap((r) => rowValues(sheet, r));
    expect(header).not.toContain('项目编码');
    expect(header).not.toContain(input.project.code);
  });

  it('splits the funds in 万元 as the form does: 中期 and 年度 totals, each with 财政拨款 and 其他资金', async () => {
    const sheet = await loadTable(input);
    expect(sheet.getCell('A6').value).toBe('项目资金（万元）');
    expectMerged(sheet, 'A6', ['A7', 'A8']);
    expect([6, 7, 8].map((r) => rowValues(sheet, r, 'BDEF'))).toEqual([
      ['中期资金总额', 360.1234, '年度资金总额', 13.345707],
      // 财政拨款 is this year's appropriation with last year's carried over: 12,345,600 + 1,000,100 fen.
      ['其中：财政拨款', null, '其中：财政拨款', 13.3457],
      ['其他资金', null, '其他资金', 0.000007],
    ]);
    expect(sheet.getCell('A9').value).toBe('总体目标');
    expectMerged(sheet, 'B6', ['C6']);
    expectMerged(sheet, 'F6', ['G6']);
    // Summed in fen, divided once: adding the 万元 amounts would give 13.345706999999999.
    expect(String(sheet.getCell('F6').value)).toBe('13.345707');
    expect(12.3456 + 1.0001 + 0.000007).not.toBe(13.345707);
    for (const cell of ['D6', 'F6', 'F7', 'F8']) {
      expect(typeof sheet.getCell(cell).value, cell).toBe('number');
      expect(sheet.getCell(cell).numFmt, cell).toBe('#,##0.00');
    }
    // The medium-term breakdown is not recorded: its cells are empty but boxed.
    expect(sheet.getCell('D7').border.left).toMatchObject({ style: 'thin' });
    const all = [6, 7, 8].flatMap((r) => rowValues(sheet, r));
    expect(all).not.toContain('上年结转');
  });

  it('converts fen to 万元 with one division', () => {
    expect(fenToWanYuan(12_345_600)).toBe(12.3456);
    expect(fenToWanYuan(1)).toBe(0.000001);
    expect(fenToWanYuan(1e13)).toBe(10_000_000);
    expect(fenToWanYuan(0)).toBe(0);
  });

  it('puts the medium-term and the annual goal side by side', async () => {
    const sheet = await loadTable(input);
    expectMerged(sheet, 'A9', ['A10']);
    expect(sheet.getCell('B9').value).toBe('中期目标（2027–2029年）');
    expect(sheet.getCell('E9').value).toBe('年度目标（2027年）');
    expect(sheet.getCell('B10').value).toBe(input.target.mediumTermGoal);
    expect(sheet.getCell('E10').value).toBe(input.target.annualGoal);
    expectMerged(sheet, 'B9', ['D9']);
    expectMerged(sheet, 'B10', ['D10']);
    expectMerged(sheet, 'E10', ['G10']);
    expect(sheet.getCell('B10').alignment).toMatchObject({ wrapText: true });
    expect(sheet.getRow(10).height).toBeGreaterThanOrEqual(60);
  });

  it('puts 中期 and 年度 indicators side by side under one 一级指标 column, with the value basis and data source', async () => {
    const sheet = await loadTable(input);
    expect(rowValues(sheet, GRID_HEADER)).toEqual([
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '中期指标值',
      '年度指标值',
      '指标值设定依据及数据来源',
    ]);
    expect(sheet.getCell(`E${GRID_HEADER}`).fill).toMatchObject({ pattern: 'solid' });
    const lines = Array.from({ length: 9 }, (_, i) => rowValues(sheet, FIRST_LINE + i, 'BCDEFG'));
    expect(lines).toEqual([
      ['产出指标', '数量指标', '智慧教室建设数量', '≥120间', '≥40间', '计划标准；数据来源：项目竣工验收报告'],
      ['产出指标', '数量指标', '教师信息化培训人次', null, '≥1200人次', '计划标准'],
      ['产出指标', '数量指标', '全区中小学智慧教室覆盖率', '≥95%', null, '计划标准'],
      ['产出指标', '质量指标', '设备验收合格率', null, '=100%', '行业标准'],
      ['产出指标', '成本指标', '单间智慧教室建设成本', null, '≤3万元/间', '预算支出标准'],
      ['效益指标', '社会效益指标', '教师信息化教学应用水平', null, '显著提升', '其他标准'],
      ['效益指标', '社会效益指标', '城乡学校教育资源差距', '明显缩小', null, '计划标准'],
      ['效益指标', '可持续影响指标', '设备正常使用年限', null, '≥6年', '计划标准'],
      [
        '满意度指标',
        '服务对象满意度指标',
        '学生及家长满意度',
        '≥92%',
        '≥90%',
        '中期：计划标准；数据来源：第三方满意度调查\n年度：历史标准；数据来源：年度满意度问卷调查',
      ],
    ]);
    // Our own fields stay off the official grid.
    const grid = Array.from({ length: 9 }, (_, i) => rowValues(sheet, FIRST_LINE + i)).flat();
    for (const extra of [
      15,
      12.5,
      '完成得满分，每少1间扣0.5分',
      '年内建成并交付使用的智慧教室间数',
      '32',
      '（核心）',
    ]) {
      expect(grid).not.toContain(extra);
    }
    expect(grid.some((v) => typeof v === 'string' && v.includes('核心'))).toBe(false);
    // Values stay text even when they read as numbers.
    expect(typeof sheet.getCell(`F${FIRST_LINE + 3}`).value).toBe('string');
  });

  it('merges 绩效指标 down the grid and the levels down their runs, and no further', async () => {
    const sheet = await loadTable(input);
    const last = FIRST_LINE + 8;
    expect(sheet.getCell('A11').value).toBe('绩效指标');
    expectMerged(sheet, 'A11', [`A${FIRST_LINE}`, `A${last}`]);
    const r = (offset: number) => FIRST_LINE + offset;
    // 产出指标 over five lines, 效益指标 over three; 满意度指标 is a single line.
    expectMerged(sheet, `B${r(0)}`, [`B${r(4)}`]);
    expectMerged(sheet, `B${r(5)}`, [`B${r(7)}`]);
    expect(sheet.getCell(`B${r(8)}`).isMerged).toBe(false);
    // 数量指标 over its three lines, 社会效益指标 over two; the other level-2 cells stand alone.
    expectMerged(sheet, `C${r(0)}`, [`C${r(2)}`]);
    expectMerged(sheet, `C${r(5)}`, [`C${r(6)}`]);
    for (const offset of [3, 4, 7, 8]) expect(sheet.getCell(`C${r(offset)}`).isMerged).toBe(false);
    expect(sheet.getCell(`B${r(0)}`).alignment).toMatchObject({ vertical: 'middle' });
    // Every merge of the sheet, nothing more.
    expect(mergesOf(sheet)).toEqual(
      [
        'A1:G1',
        'A2:G2',
        'B3:G3',
        'B4:D4',
        'F4:G4',
        'B5:D5',
        'F5:G5',
        'A6:A8',
        'B6:C6',
        'F6:G6',
        'B7:C7',
        'F7:G7',
        'B8:C8',
        'F8:G8',
        'A9:A10',
        'B9:D9',
        'E9:G9',
        'B10:D10',
        'E10:G10',
        `A11:A${last}`,
        `B${r(0)}:B${r(4)}`,
        `C${r(0)}:C${r(2)}`,
        `B${r(5)}:B${r(7)}`,
        `C${r(5)}:C${r(6)}`,
        `B${last + 1}:C${last + 1}`,
      ].sort(),
    );
  });

  it('ends with 填报人 and 单位负责人 by name', async () => {
    const sheet = await loadTable(input);
    const footer = FIRST_LINE + 9;
    expect(rowValues(sheet, footer)).toEqual(['填报人：', '刘洋', '刘洋', '联系电话：', null, '单位负责人：', '陈静']);
    expect(sheet.getCell(`E${footer}`).border.bottom).toMatchObject({ style: 'thin' });
    expect(sheet.rowCount).toBe(footer);
    // Nobody known yet: the lines are left for a pen.
    const blank = await loadTable({ ...input, preparerName: null, unitHeadName: null });
    expect(rowValues(blank, footer)).toEqual(['填报人：', null, null, '联系电话：', null, '单位负责人：', null]);
  });

  it('prints landscape, one page wide, with widths for Chinese text', async () => {
    const sheet = await loadTable(input);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, paperSize: 9 });
    expect(sheet.columns.map((c) => c.width)).toEqual([15, 10, 14, 26, 16, 16, 34]);
    expect(sheet.getRow(1).height).toBe(30);
  });

  it('renders a project with only annual indicators: the 中期 column stays, empty', async () => {
    const annualOnly = {
      ...input,
      project: {
        ...input.project,
        nature: 'CONTINUING' as const,
        recurrence: 'RECURRING' as const,
        category: 'OPERATIONAL' as const,
        periodEnd: 2027,
        mediumTermTotal: null,
      },
      target: {
        ...input.target,
        versionNo: 1,
        reviewStatus: 'UNIT_SUBMITTED' as const,
        grade: null,
        mediumTermGoal: '',
        rows: rows.filter((r) => r.period === 'ANNUAL').slice(0, 2),
      },
    };
    const [sheet, supplement] = await loadBook(annualOnly);
    expect(sheet!.getCell('F5').value).toBe('2027年');
    expect(sheet!.getCell('B5').value).toBe('延续项目·经常性（运转类）');
    expect(sheet!.getCell('D6').value).toBeNull();
    expect(sheet!.getCell('B9').value).toBe('中期目标（2027年）');
    expect(sheet!.getCell('B10').value).toBeNull();
    expect(rowValues(sheet!, GRID_HEADER, 'EF')).toEqual(['中期指标值', '年度指标值']);
    expect([rowValues(sheet!, FIRST_LINE, 'BCDEFG'), rowValues(sheet!, FIRST_LINE + 1, 'BCDEFG')]).toEqual([
      ['产出指标', '数量指标', '智慧教室建设数量', null, '≥40间', '计划标准；数据来源：项目竣工验收报告'],
      ['满意度指标', '服务对象满意度指标', '学生及家长满意度', null, '≥90%', '历史标准；数据来源：年度满意度问卷调查'],
    ]);
    expect(sheet!.getCell(`B${FIRST_LINE + 1}`).isMerged).toBe(false);
    expectMerged(sheet!, 'A11', [`A${FIRST_LINE + 1}`]);
    expect(sheet!.getCell(`A${FIRST_LINE + 2}`).value).toBe('填报人：');
    // 补充信息 adds up the annual points only.
    const texts = cellTexts(supplement!);
    expect(texts).toContain('年度分值合计');
    expect(texts).not.toContain('中期分值合计');
  });

  it('keeps an empty grid line when there are no indicators yet', async () => {
    const sheet = await loadTable({ ...input, target: { ...input.target, rows: [] } });
    expect(sheet.getCell(`D${FIRST_LINE}`).value).toBeNull();
    expect(sheet.getCell(`D${FIRST_LINE}`).border.left).toMatchObject({ style: 'thin' });
    expectMerged(sheet, 'A11', [`A${FIRST_LINE}`]);
    expect(sheet.getCell(`A${FIRST_LINE + 1}`).value).toBe('填报人：');
    const named = targetTableSheet({ ...input, target: { ...input.target, rows: [] } }, '空表');
    expect(named.name).toBe('空表');
  });

  it('makes rows tall enough for wrapped text, level names included', () => {
    const short = row({ level1: 'SATISFACTION', level2: 'SERVICE_RECIPIENT', name: '满意度', value: '90', unit: '%' });
    const sheet = targetTableSheet({ ...input, target: { ...input.target, rows: [short] } });
    // 服务对象满意度指标 is 18 units wide in a 14-unit column: two lines.
    expect(sheet.rowHeights?.[FIRST_LINE - 1]).toBeGreaterThanOrEqual(2 * 14.25);
    const long = row({ level1: 'OUTPUT', level2: 'QUANTITY', name: '数量', dataSource: '据'.repeat(140) });
    const tall = targetTableSheet({ ...input, target: { ...input.target, rows: [long] } });
    // 计划标准；数据来源： and 140 characters at about 16 a line in a 34-unit column: ten lines or more.
    expect(tall.rowHeights?.[FIRST_LINE - 1]).toBeGreaterThanOrEqual(10 * 14.25);
  });
});

/** Every non-empty cell's text, once per cell (merged cells count once). */
const cellTexts = (sheet: ExcelJS.Worksheet): string[] => {
  const texts: string[] = [];
  sheet.eachRow((line) => {
    line.eachCell((cell) => {
      if (cell.isMerged && cell.master.address !== cell.address) return;
      if (cell.value !== null && cell.value !== undefined) texts.push(String(cell.value));
    });
  });
  return texts;
};

describe('补充信息', () => {
  it('keeps our review state, the people, the money by source and every row in full on its own sheet', async () => {
    const book = await loadBook({ ...input, target: { ...input.target, satisfactionExemptReason: null } });
    expect(book.map((s) => s.name)).toEqual(['项目支出绩效目标申报表', '补充信息']);
    const sheet = book[1]!;
    expect(sheet.getCell('A1').value).toBe('项目支出绩效目标申报表·补充信息');
    expectMerged(sheet, 'A1', ['N1']);
    const facts = Array.from({ length: 11 }, (_, i) => rowValues(sheet, 3 + i, 'AD'));
    expect(facts).toEqual([
      ['项目编码', '12011027T000000123'],
      ['项目名称', '东丽区中小学智慧校园建设'],
      ['版本', '第2版'],
      ['审核状态', '已终审'],
      ['终审等级', '良'],
      ['填报人', '刘洋'],
      ['单位负责人', '陈静'],
      ['当年财政拨款（万元）', 12.3456],
      ['上年结转（万元）', 1.0001],
      ['其他资金（万元）', 0.000007],
      ['未设满意度指标的理由', null],
    ]);
    const COLUMNS = 'ABCDEFGHIJKLMN';
    const header = 15;
    expect(rowValues(sheet, header, COLUMNS)).toEqual([
      '期间',
      '一级指标',
      '二级指标',
      '三级指标',
      '核心指标',
      '指标性质(运算符)',
      '指标值',
      '度量单位',
      '分值(权重)',
      '指标解释',
      '评（扣）分标准',
      '指标值设定依据',
      '数据来源',
      '上年完成值',
    ]);
    // Medium-term rows first (left to right on the form), each period in framework order.
    const lines = Array.from({ length: 11 }, (_, i) => rowValues(sheet, header + 1 + i, COLUMNS));
    expect(lines.map((l) => [l[0], l[3], l[8]])).toEqual([
      ['中期', '全区中小学智慧教室覆盖率', 30],
      ['中期', ' 智慧教室建设数量', 30],
      ['中期', '城乡学校教育资源差距', 20],
      ['中期', '学生及家长满意度', 20],
      ['年度', '智慧教室建设数量', 15],
      ['年度', '教师信息化培训人次', 10],
      ['年度', '设备验收合格率', 12.5],
      ['年度', '单间智慧教室建设成本', 10],
      ['年度', '教师信息化教学应用水平', 10],
      ['年度', '设备正常使用年限', 7.5],
      ['年度', '学生及家长满意度', 10],
    ]);
    expect(lines[4]).toEqual([
      '年度',
      '产出指标',
      '数量指标',
      '智慧教室建设数量',
      '是',
      '≥',
      '40',
      '间',
      15,
      '年内建成并交付使用的智慧教室间数',
      '完成得满分，每少1间扣0.5分',
      '计划标准',
      '项目竣工验收报告',
      '32',
    ]);
    expect(typeof sheet.getCell(`I${header + 1}`).value).toBe('number');
    // Each period's points, summed.
    expect(rowValues(sheet, header + 12, 'AI')).toEqual(['中期分值合计', 100]);
    expect(rowValues(sheet, header + 13, 'AI')).toEqual(['年度分值合计', 75]);
    expectMerged(sheet, `A${header + 12}`, [`H${header + 12}`]);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape' });
  });

  it('shows why a project has no satisfaction indicator, when it says', async () => {
    const [, sheet] = await loadBook({
      ...input,
      target: { ...input.target, satisfactionExemptReason: '内部运转项目，无直接服务对象' },
    });
    expect(sheet!.getCell('D13').value).toBe('内部运转项目，无直接服务对象');
  });
});

describe('indicatorLines', () => {
  it('pairs a medium-term and an annual row of the same levels and name, once each', () => {
    const twin = (period: TargetRow['period'], name: string, level2: TargetRow['level2'] = 'QUANTITY') =>
      row({ period, level1: 'OUTPUT', level2, name, value: '1' });
    const lines = indicatorLines([
      twin('ANNUAL', '甲'),
      twin('ANNUAL', '甲'),
      twin('MEDIUM_TERM', '甲 '),
      twin('MEDIUM_TERM', '甲'),
      twin('MEDIUM_TERM', '甲'),
      twin('MEDIUM_TERM', '甲', 'QUALITY'),
    ]);
    expect(lines.map((l) => [l.level2, l.name, !!l.MEDIUM_TERM, !!l.ANNUAL])).toEqual([
      ['QUANTITY', '甲', true, true],
      ['QUANTITY', '甲', true, true],
      ['QUANTITY', '甲', true, false],
      ['QUALITY', '甲', true, false],
    ]);
  });

  it('writes a value with its operator and unit, a qualitative one as worded, an empty one as nothing', () => {
    expect(indicatorValueText({ operator: 'GTE', value: '40', unit: '间' })).toBe('≥40间');
    expect(indicatorValueText({ operator: 'LTE', value: '2027-11-30', unit: '' })).toBe('≤2027-11-30');
    expect(indicatorValueText({ operator: 'QUALITATIVE', value: '显著提升', unit: '' })).toBe('显著提升');
    expect(indicatorValueText({ operator: 'GTE', value: ' ', unit: '%' })).toBe('');
    expect(indicatorValueText(undefined)).toBe('');
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
    { ...project('T:1/2', '东丽区校园安全提升', 3), unitName: '东丽区第一中学', preparerName: '王芳' },
    project('12011027T000000123', '同编码的另一个项目', 1),
  ];

  it('lists every project on a 汇总 sheet', async () => {
    const book = await load(departmentTargetWorkbook('东丽区教育局', 2027, items));
    const summary = book.worksheets[0]!;
    expect(summary.name).toBe('汇总');
    expect(summary.getCell('A1').value).toBe('东丽区教育局2027年度项目支出绩效目标汇总表');
    expectMerged(summary, 'A1', ['H1']);
    const values = (r: number) => rowValues(summary, r, 'ABCDEFGH');
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

  it('gives each project its own official sheet, with valid and unique names, then one 补充信息', async () => {
    const book = await load(departmentTargetWorkbook('东丽区教育局', 2027, items));
    const names = book.worksheets.map((s) => s.name);
    expect(names).toEqual([
      '汇总',
      '12011027T000000123',
      'A'.repeat(31),
      `${'A'.repeat(27)} (2)`,
      'T_1_2',
      '12011027T000000123 (2)',
      '补充信息',
    ]);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length);
    book.worksheets.slice(1, -1).forEach((sheet, i) => {
      expect(sheet.getCell('A1').value).toBe('项目支出绩效目标申报表');
      expect(sheet.getCell('B3').value).toBe(items[i]!.project.name);
      expect(rowValues(sheet, GRID_HEADER, 'EF')).toEqual(['中期指标值', '年度指标值']);
      expect(rowValues(sheet, FIRST_LINE + 9, 'BG')).toEqual([items[i]!.preparerName, '陈静']);
    });
  });

  it('puts every project’s rows in full on one 补充信息 sheet, each line with its project', async () => {
    const book = await load(departmentTargetWorkbook('东丽区教育局', 2027, items.slice(0, 2)));
    const sheet = book.getWorksheet('补充信息')!;
    expect(sheet.getCell('A1').value).toBe('东丽区教育局2027年度项目支出绩效目标·补充信息');
    expect(rowValues(sheet, 2, 'ABCF')).toEqual(['项目编码', '项目名称', '期间', '三级指标']);
    // Each project: its 11 rows and its two totals.
    expect(rowValues(sheet, 3, 'ABCFK')).toEqual([
      '12011027T000000123',
      '东丽区中小学智慧校园建设',
      '中期',
      '全区中小学智慧教室覆盖率',
      30,
    ]);
    expect(rowValues(sheet, 16, 'ABC')).toEqual([longA, '东丽区学前教育普惠补助', '中期']);
    expect(rowValues(sheet, 28, 'ABCK')).toEqual([longA, '东丽区学前教育普惠补助', '年度分值合计', 75]);
    expect(sheet.rowCount).toBe(28);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('keeps the summary and supplement names free and still writes with no projects', async () => {
    const clash = departmentTargetWorkbook('东丽区教育局', 2027, [
      project('汇总', '名为汇总的项目', 1),
      project('补充信息', '名为补充信息的项目', 1),
    ]);
    expect(clash.sheets.map((s) => s.name)).toEqual(['汇总', '汇总 (2)', '补充信息 (2)', '补充信息']);
    const empty = await load(departmentTargetWorkbook('东丽区教育局', 2027, []));
    expect(empty.worksheets.map((s) => s.name)).toEqual(['汇总', '补充信息']);
    expect(empty.worksheets[0]!.getCell('A3').value).toBe('合计');
    expect(empty.worksheets[0]!.getCell('E3').value).toBe(0);
  });
});
