import { describe, expect, it } from 'vitest';
import { parseCsv, type TextRow } from '#core/self-evaluation/execution-figures/parse-csv.ts';
import { readExecutionFigures } from '#core/self-evaluation/execution-figures/read-execution-figures.ts';
import { readCsvFigures, readWorkbookFigures } from '#core/self-evaluation/execution-figures/read-file.ts';

const rows = (csv: string): TextRow[] => {
  const result = parseCsv(csv);
  if (!result.ok) throw new Error(result.problem);
  return result.rows;
};

describe('readExecutionFigures', () => {
  it('finds the header under a title, reads 元 to exact fen, maps source words and skips blank lines', () => {
    const result = readExecutionFigures(
      rows(
        [
          '2026年度项目支出执行情况,,,,',
          '项目名称,项目编码,资金性质,调整后预算数（元）,实际支出（元）',
          '幼儿园补助,JY-001,一般公共预算,"1,000,000.00",920000.5',
          ',,,,',
          '幼儿园补助,JY-001,上年结转,,3.07',
          '资助,JY-002,其他资金,10,0',
          '合计,,,,',
        ].join('\n'),
      ),
      2026,
    );
    expect(result.errors).toEqual([]);
    expect(result.units).toEqual({ annualBudget: '元', executed: '元' });
    expect(result.totalLines).toEqual([7]);
    expect(result.figures).toEqual([
      {
        fiscalYear: 2026,
        projectCode: 'JY-001',
        source: 'FISCAL',
        annualBudgetFen: 100_000_000,
        executedFen: 92_000_050,
        line: 3,
      },
      {
        fiscalYear: 2026,
        projectCode: 'JY-001',
        source: 'CARRY_OVER',
        annualBudgetFen: null,
        executedFen: 307,
        line: 5,
      },
      { fiscalYear: 2026, projectCode: 'JY-002', source: 'OTHER', annualBudgetFen: 1000, executedFen: 0, line: 6 },
    ]);
  });

  it('reads 万元 as the header says, to exact fen, and has no budget column when the file has none', () => {
    const result = readExecutionFigures(
      rows('项目代码,资金来源,全年执行数(万元)\nA1,当年财政拨款,92.123456\nA1,上年结转资金,0.01'),
      2026,
    );
    expect(result.errors).toEqual([]);
    expect(result.units).toEqual({ annualBudget: null, executed: '万元' });
    expect(result.figures.map((f) => [f.executedFen, f.annualBudgetFen])).toEqual([
      [92_123_456, null],
      [10_000, null],
    ]);
    const finer = readExecutionFigures(rows('项目代码,资金来源,全年执行数(万元)\nA1,当年财政拨款,92.1234567'), 2026);
    expect(finer.errors.map((e) => e.message.en)).toEqual([
      'line 2, column C (全年执行数(万元)): "92.1234567" 万元 is not a whole number of fen',
    ]);
  });

  it('reads the unit a line above the header states, unless a column names its own', () => {
    const result = readExecutionFigures(
      rows('2026年度执行情况,,,\n金额单位：万元,,,\n项目编码,资金来源,全年预算数,全年执行数（元）\nA1,其他,2,3'),
      2026,
    );
    expect(result.errors).toEqual([]);
    expect(result.units).toEqual({ annualBudget: '万元', executed: '元' });
    expect(result.figures.map((f) => [f.annualBudgetFen, f.executedFen])).toEqual([[2_000_000, 300]]);
  });

  it('lists every bad row with its line and column, in Chinese and English, and keeps none of them', () => {
    const result = readExecutionFigures(
      rows(
        [
          '项目编码,资金来源,全年预算数（元）,全年执行数（元）',
          'A1,当年财政拨款,100,90',
          ',当年财政拨款,100,90',
          'A2,专项债,100,90',
          'A3,其他资金,100,九十',
          'A4,其他资金,100,-5',
          'A1,财政拨款,100,1',
          'A5,其他资金,100,1.234',
          'A6,其他资金,abc,',
          '合计,,300,271',
          'A7,小计,300,271',
        ].join('\r\n'),
      ),
      2026,
    );
    expect(result.figures.map((f) => f.line)).toEqual([2]);
    expect(result.totalLines).toEqual([10, 11]);
    expect(result.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [3, 'A', 'missing_code'],
      [4, 'B', 'unknown_source'],
      [5, 'D', 'amount_not_number'],
      [6, 'D', 'amount_negative'],
      [7, 'B', 'duplicate_row'],
      [8, 'D', 'amount_not_fen'],
      [9, 'D', 'missing_amount'],
      [9, 'C', 'amount_not_number'],
    ]);
    expect(result.errors[1]!.message).toEqual({
      'zh-CN': '第 4 行 B 列（资金来源）：“专项债”不是可识别的资金来源（应为当年财政拨款、上年结转资金或其他资金）',
      en: 'line 4, column B (资金来源): "专项债" is not a known source of funds (当年财政拨款, 上年结转资金 or 其他资金)',
    });
    expect(result.errors[4]!.message.en).toBe(
      'line 7, column B (资金来源): project A1 already has a Fiscal appropriation of the year row on line 2',
    );
  });

  it('refuses a file without the header, without a source column, or with two executed columns', () => {
    expect(readExecutionFigures(rows('名称,金额\nx,1'), 2026).errors.map((e) => e.code)).toEqual(['header_not_found']);
    expect(readExecutionFigures(rows('项目编码,支出数\nx,1'), 2026).errors.map((e) => e.code)).toEqual([
      'source_column_missing',
    ]);
    const twice = readExecutionFigures(rows('项目编码,资金来源,支出数,实际支出\nx,其他,1,1'), 2026);
    expect(twice.errors.map((e) => [e.line, e.column, e.code])).toEqual([[1, 'D', 'header_twice']]);
    expect(readExecutionFigures(rows('项目编码,资金来源,支出数\n,,'), 2026).errors.map((e) => e.code)).toEqual([
      'no_rows',
    ]);
  });

  it('checks a year column against the year imported', () => {
    const result = readExecutionFigures(
      rows('预算年度,项目编码,资金来源,支出数\n2026,A1,其他,1\n2025,A2,其他,1'),
      2026,
    );
    expect(result.errors.map((e) => [e.line, e.column, e.code])).toEqual([[3, 'A', 'other_year']]);
  });
});

describe('reading files', () => {
  it('reads a GBK CSV and says so', () => {
    const gbk = Uint8Array.from([
      // 项目编码,资金来源,支出数\nA1,其他资金,12.5
      0xcf, 0xee, 0xc4, 0xbf, 0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xd7, 0xca, 0xbd, 0xf0, 0xc0, 0xb4, 0xd4, 0xb4, 0x2c, 0xd6,
      0xa7, 0xb3, 0xf6, 0xca, 0xfd, 0x0a, 0x41, 0x31, 0x2c, 0xc6, 0xe4, 0xcb, 0xfb, 0xd7, 0xca, 0xbd, 0xf0, 0x2c, 0x31,
      0x32, 0x2e, 0x35,
    ]);
    const result = readCsvFigures(gbk, 2026);
    expect(result.encoding).toBe('GB18030');
    expect(result.errors).toEqual([]);
    expect(result.figures).toEqual([
      { fiscalYear: 2026, projectCode: 'A1', source: 'OTHER', annualBudgetFen: null, executedFen: 1250, line: 2 },
    ]);
  });

  it('refuses a malformed CSV with its line', () => {
    const result = readCsvFigures(new TextEncoder().encode('项目编码,资金来源,支出数\nA1,"其他,1'), 2026);
    expect(result.errors.map((e) => [e.line, e.code])).toEqual([[2, 'csv_malformed']]);
  });

  it('reads the first visible sheet with the header, by sheet row numbers', () => {
    const cell = (ref: string, row: number, col: number, text: string) => ({
      ref,
      row,
      col,
      text,
      kind: 'text' as const,
    });
    const result = readWorkbookFigures(
      [
        { name: '说明', hidden: false, cells: [cell('A1', 1, 1, '说明')], merges: [] },
        {
          name: '执行',
          hidden: false,
          cells: [
            cell('B2', 2, 2, '项目编码'),
            cell('C2', 2, 3, '资金来源'),
            cell('D2', 2, 4, '全年执行数（万元）'),
            cell('B4', 4, 2, 'A1'),
            cell('C4', 4, 3, '当年财政拨款'),
            { ref: 'D4', row: 4, col: 4, text: '1.5', number: 1.5, kind: 'number' as const },
          ],
          merges: [],
        },
      ],
      2026,
    );
    expect(result.errors).toEqual([]);
    expect(result.figures).toEqual([
      { fiscalYear: 2026, projectCode: 'A1', source: 'FISCAL', annualBudgetFen: null, executedFen: 1_500_000, line: 4 },
    ]);
  });
});
