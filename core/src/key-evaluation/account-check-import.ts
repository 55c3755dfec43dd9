import { maxPaymentFen, type PaymentContent } from '#core/key-evaluation/account-check.ts';
import { describeAccountCheck } from '#core/key-evaluation/account-check-messages.ts';
import type { Language } from '#core/language.ts';
import type { TextRow } from '#core/self-evaluation/execution-figures/parse-csv.ts';

/**
 * Reading an imported payment list (docs/domain/key-evaluation.md#the-account-check), pure: rows of text (from a CSV
 * or a worksheet) into payments. Columns are found by their Chinese headers in the first ten lines, in any order;
 * amounts are in 元 unless the header says 万元. Every row is read and every error kept, each naming its line and
 * column, so a person fixes the file once; the caller imports nothing while there is one.
 */

export interface ImportRowError {
  /** The line of the file (or the sheet's row), from 1; null for the file as a whole. */
  line: number | null;
  column: string | null;
  code: string;
  message: Record<Language, string>;
}

export interface ImportedPayment extends PaymentContent {
  line: number;
}

export interface ImportResult {
  payments: ImportedPayment[];
  errors: ImportRowError[];
  /** Lines read as totals (合计/小计/总计) and not imported, listed so none is dropped unseen. */
  totalLines: number[];
}

type Field = keyof PaymentContent;

/** Header names per field, as lists use them. A header matches after spaces, brackets and units are taken out. */
const headers: Record<Field, readonly string[]> = {
  paymentDate: ['支付日期', '付款日期'],
  payee: ['收款人', '收款单位', '收款方'],
  amountFen: ['金额', '支付金额', '付款金额'],
  reference: ['合同号/凭证号', '合同号', '凭证号', '合同或凭证号', '合同编号', '凭证编号'],
  quotaIssueDate: ['指标下达日期', '指标文号日期'],
  milestone: ['验收节点', '验收情况'],
  budgetLine: ['预算项目', '预算科目'],
  budgetAmountFen: ['预算金额', '预算数'],
};
const required: readonly Field[] = ['paymentDate', 'payee', 'amountFen'];
const maxLength: Partial<Record<Field, number>> = { payee: 200, reference: 100, milestone: 200, budgetLine: 200 };

const normalise = (header: string) =>
  header
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/（|）|\(|\)/g, '')
    .replace(/／/g, '/');

const columnLetter = (index: number): string => {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
};

/** A day written as 2026-03-15, 2026/3/15, 2026.3.15 or 2026年3月15日, as YYYY-MM-DD if it exists. */
export const parseDay = (text: string): string | undefined => {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return undefined;
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const at = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day ? day : undefined;
};

/**
 * An amount as written ("1,234.5", "￥1234.50") in 元 (2 decimals) or 万元 (6 decimals) as whole fen, exactly;
 * undefined when it is not one.
 */
export const parseFen = (text: string, unit: '元' | '万元'): bigint | undefined => {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '');
  const m = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!m) return undefined;
  const places = unit === '万元' ? 6 : 2;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > places) return undefined;
  return BigInt(`${m[1]}${fraction.padEnd(places, '0')}`);
};

const isTotal = (cells: readonly string[]) =>
  cells.slice(0, 3).some((c) => /^(合计|小计|总计|本页合计)$/.test(c.replace(/\s+/g, '')));

export const readPaymentRows = (rows: readonly TextRow[]): ImportResult => {
  const errors: ImportRowError[] = [];
  const error = (line: number | null, column: string | null, code: string, detail: Record<string, unknown> = {}) =>
    errors.push({
      line,
      column,
      code,
      message: {
        'zh-CN': describeAccountCheck(code, 'zh-CN', { line, column, ...detail }),
        en: describeAccountCheck(code, 'en', { line, column, ...detail }),
      },
    });
  const headerIndex = rows.slice(0, 10).findIndex((row) => {
    const names = row.cells.map(normalise);
    return required.every((f) => headers[f].some((h) => names.includes(h)));
  });
  if (headerIndex === -1) {
    error(null, null, 'import_header_not_found');
    return { payments: [], errors, totalLines: [] };
  }
  const headerRow = rows[headerIndex]!;
  const columns = new Map<Field, { index: number; header: string; unit: '元' | '万元' }>();
  headerRow.cells.forEach((raw, index) => {
    const name = normalise(raw);
    for (const field of Object.keys(headers) as Field[]) {
      if (!columns.has(field) && headers[field].includes(name)) {
        columns.set(field, { index, header: raw.trim(), unit: raw.includes('万元') ? '万元' : '元' });
      }
    }
  });
  const payments: ImportedPayment[] = [];
  const totalLines: number[] = [];
  for (const row of rows.slice(headerIndex + 1)) {
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (isTotal(row.cells)) {
      totalLines.push(row.line);
      continue;
    }
    let ok = true;
    const cell = (field: Field) => {
      const column = columns.get(field);
      if (!column) return undefined;
      const value = (row.cells[column.index] ?? '').trim();
      const at = { letter: columnLetter(column.index), header: column.header, unit: column.unit };
      return { value, ...at };
    };
    const fail = (c: { letter: string; header: string }, code: string, detail: Record<string, unknown> = {}) => {
      ok = false;
      error(row.line, c.letter, code, { header: c.header, ...detail });
    };
    const textOf = (field: Field): string => {
      const c = cell(field);
      if (!c) return '';
      if (c.value === '' && required.includes(field)) fail(c, 'import_required');
      const max = maxLength[field];
      if (max !== undefined && c.value.length > max) fail(c, 'import_too_long', { max });
      return c.value;
    };
    const dayOf = (field: 'paymentDate' | 'quotaIssueDate'): string | null => {
      const c = cell(field);
      if (!c || c.value === '') {
        if (c && required.includes(field)) fail(c, 'import_required');
        return null;
      }
      const day = parseDay(c.value);
      if (!day) fail(c, 'import_date', { value: c.value });
      return day ?? null;
    };
    const fenOf = (field: 'amountFen' | 'budgetAmountFen'): number | null => {
      const c = cell(field);
      if (!c || c.value === '') {
        if (c && required.includes(field)) fail(c, 'import_required');
        return null;
      }
      const fen = parseFen(c.value, c.unit);
      if (fen === undefined) {
        fail(c, 'import_amount', { value: c.value });
        return null;
      }
      if ((field === 'amountFen' && fen === 0n) || fen > BigInt(maxPaymentFen)) {
        fail(c, 'import_amount_range');
        return null;
      }
      return Number(fen);
    };
    const payment = {
      line: row.line,
      paymentDate: dayOf('paymentDate'),
      payee: textOf('payee'),
      amountFen: fenOf('amountFen'),
      reference: textOf('reference'),
      quotaIssueDate: dayOf('quotaIssueDate'),
      milestone: textOf('milestone'),
      budgetLine: textOf('budgetLine'),
      budgetAmountFen: fenOf('budgetAmountFen'),
    };
    if (ok) payments.push(payment as ImportedPayment);
  }
  if (payments.length === 0 && errors.length === 0) error(null, null, 'import_no_rows');
  return { payments, errors, totalLines };
};
