import type { GridSheet } from '@jixiao/core/self-evaluation/table-check/cell-grid.ts';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';
import { zip } from '#functions/export/zip.ts';
import {
  decimalText,
  defaultXlsxLimits,
  readXlsx,
  serialDate,
  timesHundred,
} from '#functions/import/xlsx/read-xlsx.ts';
import { XlsxReadError } from '#functions/import/xlsx/xlsx-error.ts';

const texts = (sheet: GridSheet) => Object.fromEntries(sheet.cells.map((c) => [c.ref, c.text]));
const kinds = (sheet: GridSheet) => Object.fromEntries(sheet.cells.map((c) => [c.ref, c.kind]));

const refusal = (run: () => unknown): XlsxReadError => {
  try {
    run();
  } catch (error) {
    if (error instanceof XlsxReadError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal package written by hand, for what neither writer produces (inline strings, phonetic runs, prefixes). */
const handWritten = (sheetXml: string, extra: Record<string, string> = {}, workbookPr = ''): Uint8Array =>
  zip(
    Object.entries({
      '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="${REL}">${workbookPr}<sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': sheetXml,
      ...extra,
    }).map(([name, data]) => ({ name, data })),
  );

describe('readXlsx', () => {
  it('reads a workbook written by exceljs: text, rich text, numbers, percentages, dates, formulas, merges, hidden sheets', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.getCell('A1').value = '项目支出绩效自评表';
    sheet.mergeCells('A1:J1');
    sheet.getCell('A2').value = { richText: [{ text: '项目名称', font: { bold: true } }, { text: '：城区道路养护' }] };
    sheet.getCell('B3').value = 12.35;
    sheet.getCell('C3').value = 0.8619;
    sheet.getCell('C3').numFmt = '0.00%';
    sheet.getCell('D3').value = new Date(Date.UTC(2023, 11, 31));
    sheet.getCell('D3').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getCell('E3').value = { formula: 'B3*2', result: 24.7 };
    sheet.getCell('F3').value = { formula: 'A2&"x"', result: '文本结果' };
    sheet.getCell('G3').value = true;
    sheet.getCell('H3').value = { error: '#DIV/0!' };
    sheet.getCell('I3').value = 1234567.891;
    sheet.getCell('I3').numFmt = '#,##0.00';
    sheet.getCell('J3').value = 0.1 + 0.2;
    const hidden = book.addWorksheet('说明', { state: 'hidden' });
    hidden.getCell('B2').value = '备注';

    const grid = readXlsx(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(grid.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Sheet1', false],
      ['说明', true],
    ]);
    const [first, second] = grid.sheets as [GridSheet, GridSheet];
    expect(texts(first)).toEqual({
      A1: '项目支出绩效自评表',
      A2: '项目名称：城区道路养护',
      B3: '12.35',
      C3: '86.19%',
      D3: '2023-12-31',
      E3: '24.7',
      F3: '文本结果',
      G3: 'TRUE',
      H3: '#DIV/0!',
      I3: '1234567.891',
      J3: '0.3',
    });
    expect(kinds(first)).toMatchObject({ B3: 'number', C3: 'percent', D3: 'date', G3: 'boolean', H3: 'error' });
    expect(first.cells.find((c) => c.ref === 'C3')).toMatchObject({ row: 3, col: 3, number: 0.8619 });
    expect(first.merges).toEqual([{ ref: 'A1:J1', top: 1, left: 1, bottom: 1, right: 10 }]);
    expect(texts(second)).toEqual({ B2: '备注' });
  });

  it("reads a workbook written by the repository's own writer", () => {
    const bytes = writeXlsx({
      createdAt: '2026-01-01T00:00:00Z',
      sheets: [
        {
          name: '绩效自评表',
          rows: [
            [{ value: '项目支出绩效自评表', style: 'title' }],
            [
              '项目资金（万元）',
              null,
              '年初预算数',
              100,
              { value: 92.5, style: 'money' },
              { value: 7, style: 'integer' },
            ],
            ['a & b < c "d" \'e\'', '_x0041_ literal'],
          ],
          merges: ['A1:F1', 'A2:B2'],
        },
      ],
    });
    const [sheet] = readXlsx(bytes).sheets as [GridSheet];
    expect(texts(sheet)).toEqual({
      A1: '项目支出绩效自评表',
      A2: '项目资金（万元）',
      C2: '年初预算数',
      D2: '100',
      E2: '92.5',
      F2: '7',
      A3: 'a & b < c "d" \'e\'',
      B3: '_x0041_ literal',
    });
    expect(sheet.merges.map((m) => m.ref)).toEqual(['A1:F1', 'A2:B2']);
  });

  it('reads back whatever the repository writer writes: any text, whole and decimal numbers, at any cell', () => {
    // What the writer leaves out because XML cannot carry it at all.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML 1.0 forbids.
    const illegal = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/gu;
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: -1e7, max: 1e7 }).map((n) => n / 100),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 6 }), { maxLength: 6 }), (rows) => {
        const bytes = writeXlsx({ sheets: [{ name: 'S', rows }], createdAt: '2026-01-01T00:00:00Z' });
        const expected: Record<string, string> = {};
        for (const [r, row] of rows.entries()) {
          for (const [c, v] of row.entries()) {
            const text = typeof v === 'string' ? v.replace(illegal, '') : v === null ? '' : String(v);
            if (text !== '') expected[`${String.fromCharCode(65 + c)}${r + 1}`] = text;
          }
        }
        expect(texts(readXlsx(bytes).sheets[0]!)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('joins rich-text runs, leaves phonetic runs out, and reads inline strings, prefixed tags and cells without references', () => {
    const bytes = handWritten(
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>≥</x:t></x:r><x:r><x:t xml:space="preserve">95% </x:t></x:r></x:is></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row><x:row><x:c t="str"><x:f>A2&amp;"x"</x:f><x:v>公式结果</x:v>
    </x:c><x:c><x:v>1.0000000000000002</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c r="D3" t="s"/></x:row></x:sheetData></x:worksheet>`,
      {
        'xl/sharedStrings.xml': `<sst xmlns="${MAIN}"><si><r><t>实际</t></r><r><rPr><b/></rPr><t>完成值</t></r><rPh sb="0" eb="2"><t>じっさい</t></rPh></si><si><t>&#x2264;100&amp;万元_x000D_</t></si></sst>`,
      },
    );
    const [sheet] = readXlsx(bytes).sheets as [GridSheet];
    expect(texts(sheet)).toEqual({
      A2: '实际完成值',
      B2: '≥95% ',
      C2: '≤100&万元\r',
      A3: '公式结果',
      B3: '1',
      C3: '#N/A',
    });
  });

  it('tells dates by the number format, built-in or custom, in the 1900 and the 1904 system', () => {
    const styles = `<styleSheet xmlns="${MAIN}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="#,##0.00&quot;万元&quot;;[Red]-#,##0.00"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>`;
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" s="1"><v>45291</v></c><c r="B1" s="2"><v>45260</v></c><c r="C1" s="3"><v>92</v></c><c r="D1" s="4"><v>0.9</v></c></row></sheetData></worksheet>`;
    expect(texts(readXlsx(handWritten(xml, { 'xl/styles.xml': styles })).sheets[0]!)).toEqual({
      A1: '2023-12-31',
      B1: '2023-11-30',
      C1: '92',
      D1: '90%',
    });
    const in1904 = readXlsx(handWritten(xml, { 'xl/styles.xml': styles }, '<workbookPr date1904="1"/>'));
    expect(texts(in1904.sheets[0]!).A1).toBe('2028-01-01');
    expect(serialDate(1, false)).toBe('1900-01-01');
    expect(serialDate(60, false)).toBe('1900-02-29');
    expect(serialDate(61, false)).toBe('1900-03-01');
    expect(serialDate(0, false)).toBeUndefined();
  });

  it("writes a stored number as its decimal at Excel's 15 digits, never with an exponent", () => {
    expect(decimalText('0.86190000000000011')).toBe('0.8619');
    expect(decimalText('92.000000000000014')).toBe('92');
    expect(decimalText('1234567.891')).toBe('1234567.891');
    expect(decimalText('1E-7')).toBe('0.0000001');
    expect(decimalText('1.5E+21')).toBe('1500000000000000000000');
    expect(decimalText('-0.5')).toBe('-0.5');
    expect(timesHundred('0.8619')).toBe('86.19');
    expect(timesHundred('1')).toBe('100');
    expect(timesHundred('0.00005')).toBe('0.005');
    expect(timesHundred('-0.25')).toBe('-25');
  });

  it('refuses a file that is not a ZIP, an old .xls, a damaged archive and a checksum that does not match', () => {
    expect(refusal(() => readXlsx(Buffer.from('项目名称,主管部门\n'))).code).toBe('NOT_XLSX');
    const ole = Buffer.alloc(512);
    ole.writeUInt32BE(0xd0cf11e0, 0);
    ole.writeUInt32BE(0xa1b11ae1, 4);
    const legacy = refusal(() => readXlsx(ole));
    expect(legacy.code).toBe('LEGACY_OR_ENCRYPTED');
    expect(legacy.detail['zh-CN']).toContain('.xls');

    const good = writeXlsx({ sheets: [{ name: 'S', rows: [['x']] }], createdAt: '2026-01-01T00:00:00Z' });
    const cut = refusal(() => readXlsx(good.subarray(0, good.length - 30)));
    expect(cut.code).toBe('CORRUPT_ZIP');
    const flipped = Buffer.from(good);
    // A byte inside the sheet's compressed data: it inflates to something else or not at all, and either is refused.
    const at = flipped.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length + 10;
    flipped[at] = (flipped[at] ?? 0) ^ 0xff;
    expect(refusal(() => readXlsx(flipped)).code).toBe('CORRUPT_ZIP');
  });

  it('refuses a zip bomb, whether its directory states the real size or lies about it', () => {
    const zeros = '0'.repeat(3 * 1024 * 1024);
    const bomb = handWritten(`<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`, { 'xl/padding.xml': zeros });
    const limits = { ...defaultXlsxLimits, maxPartBytes: 1024 * 1024, maxUnpackedBytes: 2 * 1024 * 1024 };
    const honest = refusal(() => readXlsx(bomb, limits));
    expect(honest.code).toBe('TOO_LARGE_UNCOMPRESSED');
    expect(honest.message).toBe('The file would unpack to 3.0 MB, more than the limit of 2 MB');

    // The same, with the sheet itself as the bomb and every size field saying it is 100 bytes.
    const sheet = `<worksheet xmlns="${MAIN}"><sheetData/>${' '.repeat(3 * 1024 * 1024)}</worksheet>`;
    const lying = Buffer.from(handWritten(sheet));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let i = lying.indexOf(name); i >= 0; i = lying.indexOf(name, i + 1)) {
      const central = lying.readUInt32LE(i - 46) === 0x02014b50;
      if (central) lying.writeUInt32LE(100, i - 46 + 24);
      else lying.writeUInt32LE(100, i - 30 + 22);
    }
    const lie = refusal(() => readXlsx(lying, { ...defaultXlsxLimits, maxPartBytes: 1024 * 1024 }));
    expect(lie.code).toBe('TOO_LARGE_UNCOMPRESSED');
    expect(lie.message).toContain('xl/worksheets/sheet1.xml');
  });

  it('refuses a missing sheet, too large a file, too many parts, rows, columns or shared strings, each saying which', () => {
    const noSheet = zip([
      {
        name: '_rels/.rels',
        data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      },
      {
        name: 'xl/workbook.xml',
        data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        data: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
    ]);
    const missing = refusal(() => readXlsx(noSheet));
    expect(missing.code).toBe('MISSING_PART');
    expect(missing.detail).toEqual({
      'zh-CN': '工作表“自评表”在文件中缺失（xl/worksheets/sheet1.xml）',
      en: 'Sheet "自评表" is missing from the file (xl/worksheets/sheet1.xml)',
    });

    const small = handWritten(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="11"><c r="A11"><v>1</v></c></row></sheetData></worksheet>`,
    );
    expect(refusal(() => readXlsx(small, { ...defaultXlsxLimits, maxFileBytes: 100 })).code).toBe('FILE_TOO_LARGE');
    expect(refusal(() => readXlsx(small, { ...defaultXlsxLimits, maxEntries: 3 })).code).toBe('TOO_MANY_ENTRIES');
    const rows = refusal(() => readXlsx(small, { ...defaultXlsxLimits, maxRows: 10 }));
    expect(rows.code).toBe('TOO_MANY_ROWS');
    expect(rows.message).toBe('Sheet "自评表": A11 is past the limit of 10 rows');
    const wide = handWritten(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="K1"><v>1</v></c></row></sheetData></worksheet>`,
    );
    const columns = refusal(() => readXlsx(wide, { ...defaultXlsxLimits, maxColumns: 10 }));
    expect(columns.detail['zh-CN']).toBe('工作表“自评表”的 K1 超出列数上限 10 列');
    const merged = handWritten(
      `<worksheet xmlns="${MAIN}"><sheetData/><mergeCells><mergeCell ref="A1:Z1"/></mergeCells></worksheet>`,
    );
    expect(refusal(() => readXlsx(merged, { ...defaultXlsxLimits, maxColumns: 10 })).message).toContain('A1:Z1');
    const strings = handWritten(`<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`, {
      'xl/sharedStrings.xml': `<sst xmlns="${MAIN}"><si><t>a</t></si><si><t>b</t></si><si><t>c</t></si></sst>`,
    });
    expect(refusal(() => readXlsx(strings, { ...defaultXlsxLimits, maxSharedStrings: 2 })).code).toBe(
      'TOO_MANY_SHARED_STRINGS',
    );
  });

  it('refuses XML that is broken or declares a document type, and a cell pointing at a string that is not there', () => {
    const doctype = handWritten(`<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet xmlns="${MAIN}"><sheetData/></worksheet>`);
    expect(refusal(() => readXlsx(doctype)).code).toBe('BAD_XML');
    const open = handWritten(`<worksheet xmlns="${MAIN}"><sheetData><row r="1">`);
    expect(refusal(() => readXlsx(open)).code).toBe('BAD_XML');
    const dangling = handWritten(
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="B4" t="s"><v>7</v></c></row></sheetData></worksheet>`,
    );
    const error = refusal(() => readXlsx(dangling));
    expect(error.code).toBe('BAD_CELL');
    expect(error.message).toBe('Cell 自评表!B4 points at shared string 7, which does not exist');
  });
});
