import type { Principal } from '@jixiao/core/principal.ts';
import type { MoneySource } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import {
  type ExecutionFigure,
  executionFigureId,
  executionFigureKind,
} from '@jixiao/functions/self-evaluation/execution-figure-kinds.ts';
import { executionFigureOperations } from '@jixiao/functions/self-evaluation/execution-figure-operations.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBudgetedProjects } from '../support/budgeted-projects.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Year-end execution figures imported from a treasury or 一体化 export (docs/domain/self-evaluation.md#execution-figures),
 * through the local gateway on DynamoDB Local: CSV in UTF-8 and GBK, XLSX written by exceljs, a file
 * with bad rows refused whole, the same file again replayed, a changed file updating what changed,
 * and an import cut short resumed by sending the file again.
 */
let stack: TestStack;
const token: Record<string, string> = {};
const education = { department: '102', unit: '102001', section: 'JKW' };
const codes = ['DL2026EXF0001', 'DL2026EXF0002', 'DL2026EXF0003'];

beforeAll(async () => {
  stack = await startTestStack();
  await seedBudgetedProjects(stack.store, { ...education, count: 3, prefix: 'DL2026EXF' });
  for (const u of ['perf-reviewer', 'business-reviewer', 'unit-preparer']) token[u] = await stack.tokenFor(u);
});
afterAll(() => stack?.stop());

const call = (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, headers, ...(body === undefined ? {} : { body }) });

const upload = (file: Uint8Array, fileName: string, fiscalYear = 2026, headers: Record<string, string> = {}) =>
  call(
    'perf-reviewer',
    'POST',
    '/execution-imports',
    { fiscalYear, fileName, contentBase64: Buffer.from(file).toString('base64') },
    headers,
  );

const utf8 = (text: string) => new TextEncoder().encode(text);

/** GBK bytes of a text, from the reverse of the platform's GBK table (the API decodes with GB18030). */
const gbk = (text: string): Uint8Array => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.from([lead, trail]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  return Uint8Array.from(
    [...text].flatMap((ch) => {
      if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK for ${ch}`);
      return bytes;
    }),
  );
};

const figureOf = (fiscalYear: number, code: string, source: MoneySource) =>
  stack.store.get<ExecutionFigure>(demoTenant.id, executionFigureKind, executionFigureId(fiscalYear, code, source));

const allFigures = async (fiscalYear: number) => {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(
      'perf-reviewer',
      'GET',
      `/execution-figures/${fiscalYear}?limit=5${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
};

const importsOf = async (fiscalYear: number) =>
  (await call('perf-reviewer', 'GET', `/execution-imports/${fiscalYear}?limit=100`)).body.items as {
    id: string;
    status: string;
  }[];

const goodCsv = [
  '2026年度项目支出执行情况（国库集中支付）',
  '项目名称,项目编码,资金来源,全年预算数（元）,全年执行数（元）',
  `"幼儿园补助,一期",${codes[0]},当年财政拨款,"1,000,000.00",920000.50`,
  `幼儿园补助,${codes[0]},上年结转资金,200000,150000`,
  `资助,${codes[1]},一般公共预算,2000000,1990000`,
  `资助,${codes[1]},其他资金,,12.34`,
  '合计,,,,3060012.84',
].join('\r\n');

describe('execution figures import', () => {
  it('imports a good CSV: one figure per project and source under its derived id, the batch with its SHA-256', async () => {
    const file = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(goodCsv)]);
    const result = await upload(file, '2026执行.csv');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      fiscalYear: 2026,
      fileName: '2026执行.csv',
      format: 'CSV',
      encoding: 'UTF-8',
      units: { annualBudget: '元', executed: '元' },
      rowCount: 4,
      totalLines: [7],
      status: 'DONE',
      created: 4,
      updated: 0,
      unchanged: 0,
      replayed: false,
    });
    expect(result.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    const fiscal = await figureOf(2026, codes[0]!, 'FISCAL');
    expect(fiscal).toMatchObject({
      fiscalYear: 2026,
      projectCode: codes[0],
      source: 'FISCAL',
      annualBudgetFen: 100_000_000,
      executedFen: 92_000_050,
      importId: result.body.id,
      line: 3,
      version: 1,
    });
    expect(fiscal!.projectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await figureOf(2026, codes[1]!, 'OTHER')).toMatchObject({ annualBudgetFen: null, executedFen: 1234 });

    const listed = await allFigures(2026);
    expect(listed.map((f) => [f.projectCode, f.source, f.executedFen])).toEqual([
      [codes[0], 'CARRY_OVER', 15_000_000],
      [codes[0], 'FISCAL', 92_000_050],
      [codes[1], 'FISCAL', 199_000_000],
      [codes[1], 'OTHER', 1234],
    ]);
  });

  it('replays the same file: nothing written, and it says so', async () => {
    const before = await importsOf(2026);
    const again = await upload(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(goodCsv)]), 'again.csv');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, created: 4, fileName: '2026执行.csv', id: before.at(-1)!.id });
    expect(await importsOf(2026)).toEqual(before);
    expect((await figureOf(2026, codes[0]!, 'FISCAL'))!.version).toBe(1);
  });

  it('refuses a file with bad rows whole, listing every row in Chinese and in English, and stores nothing', async () => {
    const before = { figures: await allFigures(2026), imports: await importsOf(2026) };
    const bad = [
      '项目编码,资金来源,全年执行数（元）',
      `${codes[2]},当年财政拨款,100`,
      `,当年财政拨款,100`,
      `${codes[2]},专项债,100`,
      `${codes[2]},其他资金,一百`,
      `${codes[2]},上年结转,-5`,
      `${codes[2]},财政拨款,1`,
    ].join('\n');
    const zh = await upload(utf8(bad), 'bad.csv');
    expect(zh.status).toBe(422);
    expect(zh.headers.get('content-type')).toContain('application/problem+json');
    expect(zh.body.detail).toBe('文件中有 5 处错误，未导入任何数据。');
    expect(zh.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'missing_code',
      'unknown_source',
      'amount_not_number',
      'amount_negative',
      'duplicate_row',
    ]);
    expect(zh.body.errors[1].message).toBe(
      '第 4 行 B 列（资金来源）：“专项债”不是可识别的资金来源（应为当年财政拨款、上年结转资金或其他资金）',
    );
    const en = await upload(utf8(bad), 'bad.csv', 2026, { 'accept-language': 'en' });
    expect(en.status).toBe(422);
    expect(en.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'line 3, column A (项目编码): the project code is empty',
      'line 4, column B (资金来源): "专项债" is not a known source of funds (当年财政拨款, 上年结转资金 or 其他资金)',
      'line 5, column C (全年执行数（元）): "一百" is not a number',
      'line 6, column C (全年执行数（元）): the amount "-5" is negative',
      'line 7, column B (资金来源): project DL2026EXF0003 already has a Fiscal appropriation of the year row on line 2',
    ]);
    expect(await figureOf(2026, codes[2]!, 'FISCAL')).toBeUndefined();
    expect(await allFigures(2026)).toEqual(before.figures);
    expect(await importsOf(2026)).toEqual(before.imports);
  });

  it('says how many errors a file has when it lists only the first thousand', async () => {
    const lines = Array.from({ length: 1_200 }, (_, i) => `${codes[2]}${i},专项债,1`);
    const result = await upload(utf8(['项目编码,资金来源,支出数', ...lines].join('\n')), 'many.csv');
    expect(result.status).toBe(422);
    expect(result.body.detail).toBe('文件中有 1200 处错误，未导入任何数据。以下列出前 1000 处。');
    expect(result.body.errors).toHaveLength(1_000);
    expect(result.body.errors.at(-1).message).toMatch(/^第 1001 行 B 列/);
  });

  it('refuses a project code no project of the year has, and stores nothing of the file', async () => {
    const file = utf8(`项目编码,资金来源,支出数\n${codes[2]},当年财政拨款,100\nDL2026NONE01,其他资金,1\n`);
    const result = await upload(file, 'unknown.csv');
    expect(result.status).toBe(422);
    expect(result.body.errors).toEqual([
      {
        pointer: '/contentBase64',
        code: 'unknown_project',
        message: '第 3 行 A 列（项目编码）：2026 年度没有编码为 DL2026NONE01 的项目',
      },
    ]);
    expect(await figureOf(2026, codes[2]!, 'FISCAL')).toBeUndefined();
    // The same codes are 2026's, not 2027's.
    const otherYear = await upload(utf8(`项目编码,资金来源,支出数\n${codes[2]},当年财政拨款,100`), 'y.csv', 2027);
    expect(otherYear.status).toBe(422);
    expect(otherYear.body.errors[0].code).toBe('unknown_project');
  });

  it('updates only the figures a different file changes, each change audited', async () => {
    const changed = [
      '项目编码,资金来源,全年预算数（元）,全年执行数（元）',
      `${codes[0]},当年财政拨款,1000000,920000.50`,
      `${codes[0]},上年结转资金,200000,160000`,
      `${codes[2]},当年财政拨款,50000,45000`,
    ].join('\n');
    const result = await upload(utf8(changed), '2026执行（更正）.csv');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ created: 1, updated: 1, unchanged: 1, replayed: false, status: 'DONE' });
    const carry = await figureOf(2026, codes[0]!, 'CARRY_OVER');
    expect(carry).toMatchObject({ executedFen: 16_000_000, version: 2, importId: result.body.id });
    const fiscal = await figureOf(2026, codes[0]!, 'FISCAL');
    expect(fiscal).toMatchObject({ version: 1 });
    expect(fiscal!.importId).not.toBe(result.body.id);
    // A project the new file leaves out keeps its figures.
    expect(await figureOf(2026, codes[1]!, 'FISCAL')).toMatchObject({ executedFen: 199_000_000 });

    const trail = await stack.store.history(demoTenant.id, executionFigureKind, carry!.id, { limit: 10 });
    expect(trail.items.map((e) => [e.action, e.operation, e.before?.executedFen, e.after.executedFen])).toEqual([
      ['update', 'import-execution-figures', 15_000_000, 16_000_000],
      ['create', 'import-execution-figures', undefined, 15_000_000],
    ]);
    expect((await importsOf(2026)).map((b) => b.status)).toEqual(['DONE', 'DONE']);
  });

  it('reads a GBK CSV and says which encoding it used', async () => {
    const text = `项目编码,资金性质,调整后预算数（万元）,实际支出（万元）\r\n${codes[2]},其他资金,10,9.87654\r\n`;
    const file = gbk(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(file)).toThrow();
    const result = await upload(file, 'gbk.csv');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ encoding: 'GB18030', units: { annualBudget: '万元', executed: '万元' } });
    expect(await figureOf(2026, codes[2]!, 'OTHER')).toMatchObject({
      annualBudgetFen: 10_000_000,
      executedFen: 9_876_540,
    });
  });

  it('reads an XLSX written by exceljs: a title row, amounts as numbers in 万元', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('说明').addRow(['本表由国库集中支付系统导出']);
    const sheet = book.addWorksheet('执行数');
    sheet.addRow(['2026年度项目支出执行情况']);
    sheet.addRow(['序号', '项目代码', '资金来源', '全年预算数(万元)', '支出数(万元)']);
    sheet.addRow([1, codes[1], '上年结转', 30, 29.5]);
    sheet.addRow([2, codes[2], '上年结转资金', 12.345678, 0.01]);
    const file = new Uint8Array(await book.xlsx.writeBuffer());
    const result = await upload(file, '执行.xlsx');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ format: 'XLSX', encoding: null, created: 2, rowCount: 2 });
    expect(await figureOf(2026, codes[1]!, 'CARRY_OVER')).toMatchObject({
      annualBudgetFen: 30_000_000,
      executedFen: 29_500_000,
      line: 3,
    });
    expect(await figureOf(2026, codes[2]!, 'CARRY_OVER')).toMatchObject({
      annualBudgetFen: 12_345_678,
      executedFen: 10_000,
    });

    const bad = new ExcelJS.Workbook();
    const s = bad.addWorksheet('执行数');
    s.addRow(['项目代码', '资金来源', '支出数(万元)']);
    s.addRow([codes[1], '上年结转', 'n/a']);
    const refused = await upload(new Uint8Array(await bad.xlsx.writeBuffer()), 'bad.xlsx', 2026, {
      'accept-language': 'en',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { message: string }) => e.message)).toEqual([
      'line 2, column C (支出数(万元)): "n/a" is not a number',
    ]);
  });

  it('imports an earlier file again after a later one: it sets back what the later one changed, then replays', async () => {
    const file = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(goodCsv)]);
    const back = await upload(file, '2026执行.csv');
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ replayed: false, created: 0, updated: 1, unchanged: 3 });
    expect(await figureOf(2026, codes[0]!, 'CARRY_OVER')).toMatchObject({ executedFen: 15_000_000, version: 3 });
    const again = await upload(file, '2026执行.csv');
    expect(again.body).toMatchObject({ replayed: true, id: back.body.id });
  });

  it("refuses a body that is not base64 and a file over 2 MiB, in the caller's language, storing nothing", async () => {
    const before = await importsOf(2026);
    const damaged = await call('perf-reviewer', 'POST', '/execution-imports', {
      fiscalYear: 2026,
      fileName: 'x.csv',
      contentBase64: '6aG555uu!!',
    });
    expect(damaged.status).toBe(400);
    expect(damaged.body.errors).toEqual([
      { pointer: '/contentBase64', code: 'base64', message: '文件内容不是 base64 编码' },
    ]);
    const large = await upload(new Uint8Array(2 * 1024 * 1024 + 1), 'big.csv', 2026, { 'accept-language': 'en' });
    expect(large.status).toBe(400);
    expect(large.body.errors[0].message).toBe('The file is larger than 2 MiB; split it into several files');
    expect(await importsOf(2026)).toEqual(before);
  });

  it('lets the sections read figures and imports, only the performance section import', async () => {
    expect((await call('business-reviewer', 'GET', '/execution-figures/2026')).status).toBe(200);
    expect((await call('unit-preparer', 'GET', '/execution-figures/2026')).status).toBe(403);
    const tooMany = await call('perf-reviewer', 'GET', '/execution-figures/2026?limit=101');
    expect(tooMany.status).toBe(400);
    const notPerf = await call('business-reviewer', 'POST', '/execution-imports', {
      fiscalYear: 2026,
      fileName: 'x.csv',
      contentBase64: Buffer.from(goodCsv).toString('base64'),
    });
    expect(notPerf.status).toBe(403);
  });
});

describe('an import cut short', () => {
  const count = 12;
  let resumeCodes: string[] = [];

  beforeAll(async () => {
    await seedBudgetedProjects(stack.store, { ...education, count, prefix: 'DL2026EXR' });
    resumeCodes = Array.from({ length: count }, (_, i) => `DL2026EXR${String(i + 1).padStart(4, '0')}`);
  });

  it('is resumed by sending the same file again, each figure written once, the counts exact', async () => {
    // One transaction per call: 2 items for the batch, 32 creates of 3 items, so 36 figures take two calls.
    const operations = executionFigureOperations(stack.store, { millisecondsPerCall: 0 });
    const lines = resumeCodes.flatMap((code, i) => [
      `${code},当年财政拨款,${i + 1}00`,
      `${code},上年结转资金,${i + 1}0`,
      `${code},其他资金,${i + 1}`,
    ]);
    const file = utf8(['项目编码,资金来源,全年执行数（元）', ...lines].join('\n'));
    const principal: Principal = {
      subject: 'perf',
      userId: demoId('user:perf-reviewer'),
      tenant: demoTenant.id,
      roles: ['performance-section-reviewer'],
    };
    const request = (n: number): OperationRequest => ({
      principal,
      language: 'zh-CN',
      requestId: `resume-${n}`,
      params: {},
      query: {},
      body: { fiscalYear: 2026, fileName: 'resume.csv', contentBase64: Buffer.from(file).toString('base64') },
      receivedAt: new Date().toISOString(),
    });

    const first = await operations.importExecutionFigures(request(1));
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'IMPORTING', created: 32, rowCount: 36 });
    const written = await Promise.all(resumeCodes.map((c) => figureOf(2026, c, 'OTHER')));
    expect(written.filter(Boolean).length).toBeLessThan(count);

    const second = await operations.importExecutionFigures(request(2));
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      status: 'DONE',
      created: 36,
      updated: 0,
      unchanged: 0,
      id: (first.body as { id: string }).id,
    });
    for (const code of resumeCodes) {
      for (const source of ['FISCAL', 'CARRY_OVER', 'OTHER'] as const) {
        expect((await figureOf(2026, code, source))!.version).toBe(1);
      }
    }
    expect(await figureOf(2026, resumeCodes[11]!, 'FISCAL')).toMatchObject({ executedFen: 120_000 });

    const third = await upload(file, 'resume.csv');
    expect(third.body).toMatchObject({ replayed: true, status: 'DONE', created: 36 });
  });
});
