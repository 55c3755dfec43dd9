import { describe, expect, it } from 'vitest';
import { parseDay, parseFen, readPaymentRows } from '#core/key-evaluation/account-check-import.ts';

const rows = (...lines: string[][]) => lines.map((cells, i) => ({ line: i + 1, cells }));

describe('reading an imported payment list', () => {
  it('finds the columns by their Chinese headers under a title, in any order, amounts in 元 or 万元', () => {
    const result = readPaymentRows(
      rows(
        ['某项目资金支付明细表'],
        ['收款人', '支付日期', '金额（元）', '合同号/凭证号', '指标下达日期', '验收节点', '预算金额（万元）'],
        ['天津某建设公司', '2026/3/5', '1,234,567.8', 'HT-2026-01', '2026年1月20日', '主体完工', '500'],
        ['', '', '', '', '', '', ''],
        ['某设计院', '2026-04-01', '￥20000', '', '', '', ''],
        ['合计', '', '1254567.80', '', '', '', ''],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.totalLines).toEqual([6]);
    expect(result.payments).toEqual([
      {
        line: 3,
        paymentDate: '2026-03-05',
        payee: '天津某建设公司',
        amountFen: 123_456_780,
        reference: 'HT-2026-01',
        quotaIssueDate: '2026-01-20',
        milestone: '主体完工',
        budgetLine: '',
        budgetAmountFen: 500_000_000,
      },
      {
        line: 5,
        paymentDate: '2026-04-01',
        payee: '某设计院',
        amountFen: 2_000_000,
        reference: '',
        quotaIssueDate: null,
        milestone: '',
        budgetLine: '',
        budgetAmountFen: null,
      },
    ]);
  });

  it('names every bad row by line, column and header, and keeps none of them', () => {
    const result = readPaymentRows(
      rows(
        ['支付日期', '收款人', '金额'],
        ['2026-02-30', '甲公司', '100'],
        ['2026-03-01', '', '12.345'],
        ['2026-03-02', '乙公司', '0'],
        ['2026-03-03', '丙公司', '300'],
      ),
    );
    expect(result.payments.map((p) => p.line)).toEqual([5]);
    expect(result.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'A', 'import_date'],
      [3, 'B', 'import_required'],
      [3, 'C', 'import_amount'],
      [4, 'C', 'import_amount_range'],
    ]);
    expect(result.errors[0]!.message['zh-CN']).toBe('第 2 行 A 列（支付日期）：“2026-02-30”不是日期（如 2026-03-15）');
  });

  it('refuses a list without the header, and one without payments', () => {
    expect(readPaymentRows(rows(['日期', '单位', '钱'])).errors.map((e) => e.code)).toEqual([
      'import_header_not_found',
    ]);
    expect(readPaymentRows(rows(['支付日期', '收款人', '金额'])).errors.map((e) => e.code)).toEqual(['import_no_rows']);
    expect(readPaymentRows([]).errors.map((e) => e.code)).toEqual(['import_header_not_found']);
  });

  it('reads days and amounts exactly', () => {
    expect(parseDay('2026年2月9日')).toBe('2026-02-09');
    expect(parseDay('2026-13-01')).toBeUndefined();
    expect(parseFen('0.1', '元')).toBe(10n);
    expect(parseFen('1.234567', '万元')).toBe(1_234_567n);
    expect(parseFen('1.2345678', '万元')).toBeUndefined();
    expect(parseFen('-5', '元')).toBeUndefined();
  });
});
