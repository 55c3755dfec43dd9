import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Sheet, Workbook } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';

const CREATED_AT = '2025-03-01T08:00:00.000Z';

/** Reads the bytes back with an independent implementation: if exceljs loads them, the package is sound. */
const load = async (workbook: Workbook): Promise<ExcelJS.Workbook> => {
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(Buffer.from(writeXlsx(workbook)) as unknown as ExcelJS.Buffer);
  return read;
};

const loadSheet = async (sheet: Sheet): Promise<ExcelJS.Worksheet> => {
  const read = await load({ sheets: [sheet], createdAt: CREATED_AT });
  return read.worksheets[0]!;
};

const declarationForm: Sheet = {
  name: '绩效目标申报表',
  columnWidths: [12, 20, 14.5],
  rows: [
    [{ value: '项目支出绩效目标申报表', style: 'title' }],
    [
      { value: '项目名称', style: 'label' },
      { value: '城区道路养护', style: 'text' },
    ],
    [
      { value: '资金总额（万元）', style: 'label' },
      { value: 1234567.891, style: 'money' },
      { value: 42, style: 'integer' },
    ],
    [{ value: '一级指标', style: 'header' }, { value: '二级指标', style: 'header' }, 3.25],
  ],
  merges: ['A1:C1', 'B2:C2'],
  rowHeights: { 0: 30 },
  landscape: true,
  freezeRows: 2,
};

describe('writeXlsx', () => {
  it('round-trips Chinese sheet names, text and numbers', async () => {
    const sheet = await loadSheet(declarationForm);
    expect(sheet.name).toBe('绩效目标申报表');
    expect(sheet.getCell('A1').value).toBe('项目支出绩效目标申报表');
    expect(sheet.getCell('B2').value).toBe('城区道路养护');
    expect(sheet.getCell('B3').value).toBe(1234567.891);
    expect(sheet.getCell('C3').value).toBe(42);
    expect(sheet.getCell('C4').value).toBe(3.25);
    expect(typeof sheet.getCell('C4').value).toBe('number');
  });

  it('writes merges, column widths, row heights, page setup and frozen rows', async () => {
    const sheet = await loadSheet(declarationForm);
    expect(sheet.getCell('C1').isMerged).toBe(true);
    expect(sheet.getCell('C1').master.address).toBe('A1');
    expect(sheet.getCell('C2').master.address).toBe('B2');
    expect(sheet.getCell('A2').isMerged).toBe(false);
    expect(sheet.getColumn(1).width).toBe(12);
    expect(sheet.getColumn(3).width).toBe(14.5);
    expect(sheet.getRow(1).height).toBe(30);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.fitToPage).toBe(true);
    expect(sheet.pageSetup.fitToWidth).toBe(1);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  });

  it('gives each role its look', async () => {
    const sheet = await loadSheet(declarationForm);
    const title = sheet.getCell('A1');
    expect(title.font).toMatchObject({ bold: true, size: 14, name: '宋体' });
    expect(title.alignment).toMatchObject({ horizontal: 'center' });
    expect(title.border ?? {}).toEqual({});
    const header = sheet.getCell('A4');
    expect(header.font.bold).toBe(true);
    expect(header.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } });
    expect(header.border.top).toMatchObject({ style: 'thin' });
    expect(header.alignment).toMatchObject({ horizontal: 'center', wrapText: true });
    expect(sheet.getCell('A2').font.bold).toBe(true);
    expect(sheet.getCell('B2').alignment).toMatchObject({ horizontal: 'left', vertical: 'top', wrapText: true });
    expect(sheet.getCell('B2').font.bold).toBeFalsy();
    expect(sheet.getCell('B3').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C3').numFmt).toBe('0');
    expect(sheet.getCell('C4').alignment).toMatchObject({ horizontal: 'right' });
    // The covered cell of a merge carries the anchor's border, so the merged area is boxed all round.
    expect(sheet.getCell('C2').border.right).toMatchObject({ style: 'thin' });
  });

  it('keeps XML-special characters, spaces and newlines, and drops control characters', async () => {
    const special = `<a href="x">Tom & Jerry's</a>`;
    const sheet = await loadSheet({
      name: 'Text',
      rows: [[special, '  leading and trailing  ', '第一行\n第二行\r\n第三行', 'bell\u0007here\u0000', '_x0041_']],
    });
    expect(sheet.getCell('A1').value).toBe(special);
    expect(sheet.getCell('B1').value).toBe('  leading and trailing  ');
    expect(sheet.getCell('C1').value).toBe('第一行\n第二行\r\n第三行');
    expect(sheet.getCell('D1').value).toBe('bellhere');
    expect(sheet.getCell('E1').value).toBe('_x0041_');
  });

  it('names columns past Z correctly', async () => {
    const row = Array.from({ length: 60 }, (_, i) => i);
    const sheet = await loadSheet({ name: 'Wide', rows: [row], merges: ['AA2:AB2'] });
    expect(sheet.getCell('Z1').value).toBe(25);
    expect(sheet.getCell('AA1').value).toBe(26);
    expect(sheet.getCell('AZ1').value).toBe(51);
    expect(sheet.getCell('BH1').value).toBe(59);
    expect(sheet.getCell('AB2').isMerged).toBe(true);
  });

  it('writes several sheets, sharing one string table, and leaves null cells out', async () => {
    const read = await load({
      creator: '区财政局',
      createdAt: CREATED_AT,
      sheets: [
        { name: '申报表', rows: [['重复', null, '重复']] },
        { name: '指标', rows: [[null, '重复'], [{ value: null, style: 'text' }]] },
      ],
    });
    expect(read.worksheets.map((s) => s.name)).toEqual(['申报表', '指标']);
    expect(read.creator).toBe('区财政局');
    expect(read.created.toISOString()).toBe(CREATED_AT);
    const [first, second] = read.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(first.getCell('C1').value).toBe('重复');
    expect(first.getCell('B1').value).toBeNull();
    expect(second.getCell('B1').value).toBe('重复');
    expect(second.getCell('A1').type).toBe(ExcelJS.ValueType.Null);
    // A styled empty cell is written so its border shows.
    expect(second.getCell('A2').border.left).toMatchObject({ style: 'thin' });
  });

  it('gives the same bytes for the same input and createdAt', () => {
    const workbook: Workbook = { sheets: [declarationForm], createdAt: CREATED_AT, creator: 'test' };
    expect(Buffer.from(writeXlsx(workbook)).equals(Buffer.from(writeXlsx(structuredClone(workbook))))).toBe(true);
    expect(
      Buffer.from(writeXlsx(workbook)).equals(Buffer.from(writeXlsx({ ...workbook, createdAt: '2025-03-02' }))),
    ).toBe(false);
  });

  describe('rejects', () => {
    const write =
      (sheets: Sheet[], extra: Partial<Workbook> = {}) =>
      () =>
        writeXlsx({ sheets, ...extra });
    const rows = [['x']];

    it('invalid sheet names', () => {
      expect(write([])).toThrow('A workbook needs at least one sheet');
      expect(write([{ name: '', rows }])).toThrow('A sheet name must not be blank');
      expect(write([{ name: '一'.repeat(32), rows }])).toThrow('is longer than 31 characters');
      expect(() => writeXlsx({ sheets: [{ name: '一'.repeat(31), rows }] })).not.toThrow();
      for (const c of [':', '\\', '/', '?', '*', '[', ']', ';']) {
        expect(write([{ name: `a${c}b`, rows }])).toThrow(`Sheet name "a${c}b" must not contain "${c}"`);
      }
      expect(write([{ name: "'quoted'", rows }])).toThrow('must not begin or end with an apostrophe');
      expect(write([{ name: 'history', rows }])).toThrow('is reserved by Excel');
    });

    it('duplicate sheet names, ignoring case', () => {
      expect(
        write([
          { name: '指标', rows },
          { name: '指标', rows },
        ]),
      ).toThrow('Sheet name "指标" is used twice');
      expect(
        write([
          { name: 'Sheet', rows },
          { name: 'SHEET', rows },
        ]),
      ).toThrow('Sheet name "SHEET" is used twice');
    });

    it('bad merge ranges', () => {
      const merge = (range: string) => write([{ name: 'S', rows, merges: [range] }]);
      expect(merge('A1')).toThrow('Sheet "S": merge "A1" is not an A1-style range such as "A1:K1"');
      expect(merge('a1:b2')).toThrow('is not an A1-style range');
      expect(merge('A0:B2')).toThrow('is not an A1-style range');
      expect(merge('C3:A1')).toThrow('must run from its top-left cell to its bottom-right cell');
      expect(merge('B2:B2')).toThrow('covers a single cell');
      expect(merge('XFE1:XFF1')).toThrow('lies outside the sheet');
      expect(write([{ name: 'S', rows: [['a', 'b']], merges: ['A1:B1'] }])).toThrow(
        'Sheet "S": merge "A1:B1" covers non-empty cell B1',
      );
    });

    it('overlapping merges', () => {
      expect(write([{ name: 'S', rows, merges: ['A1:C2', 'D1:D2', 'C2:E3'] }])).toThrow(
        'Sheet "S": merges "A1:C2" and "C2:E3" overlap',
      );
    });

    it('numbers that are not finite', () => {
      expect(write([{ name: 'S', rows: [['a', Number.NaN]] }])).toThrow('Sheet "S" cell B1: number NaN is not finite');
      expect(write([{ name: 'S', rows: [[], [{ value: Number.POSITIVE_INFINITY, style: 'money' }]] }])).toThrow(
        'Sheet "S" cell A2: number Infinity is not finite',
      );
    });

    it('text too long for a cell, bad sizes and a bad createdAt', () => {
      expect(write([{ name: 'S', rows: [['x'.repeat(32_768)]] }])).toThrow('longer than 32767 characters');
      expect(write([{ name: 'S', rows, columnWidths: [Number.NaN] }])).toThrow('column A width must be from 0 to 255');
      expect(write([{ name: 'S', rows, rowHeights: { 0: 500 } }])).toThrow('row 1 height must be from 0 to 409');
      expect(write([{ name: 'S', rows, freezeRows: 1.5 }])).toThrow('freezeRows must be a whole number');
      expect(write([{ name: 'S', rows }], { createdAt: 'yesterday' })).toThrow('createdAt "yesterday" is not');
    });
  });
});
