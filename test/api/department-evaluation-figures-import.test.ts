import { sampleFigures, wan } from '@jixiao/core/department-evaluation/department-example.ts';
import { departmentEvaluationId } from '@jixiao/functions/department-evaluation/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 11, item 5: the department's figures of its overall self-evaluation imported from a file of two columns
 * (the figure's name, its value in 万元 or people) through the local gateway on DynamoDB Local: a CSV and an XLSX
 * saved as the PATCH saves figures and scored again, every bad row refused with its row and column and nothing
 * saved, a stale version 409, a department's outsider not finding it, and the same file again changing nothing.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
const base = '/api/v1/department-evaluations';
const own = departmentEvaluationId(2026, demoId('department:102'));
const url = `${base}/${own}`;

const person = (id: string, roles: string[], department?: string) =>
  stack.tokenForPerson({
    id,
    displayName: id,
    tenant: demoTenant.id,
    roles,
    departmentId: department ? demoId(`department:${department}`) : null,
    unitId: null,
    sectionId: null,
  });
const call = (method: string, path: string, who: string, body?: unknown) =>
  stack.call(method, path, { token: tokens[who]!, ...(body === undefined ? {} : { body }) });
const read = async () => (await call('GET', url, 'perf')).body;
const send = (who: string, version: number, file: Uint8Array, fileName = '部门数据.csv') =>
  call('POST', `${url}/figures-import`, who, {
    version,
    fileName,
    contentBase64: Buffer.from(file).toString('base64'),
  });
const utf8 = (text: string) => new TextEncoder().encode(text);
const score = (body: { sheet: { indicators: { code: string }[] } }, code: string) =>
  body.sheet.indicators.find((i) => i.code === code);

/** sampleFigures as a department would type them: Chinese names, 万元 with decimals, one figure by its key. */
const goodCsv = [
  '\uFEFF指标名称,数值（万元/人）',
  '上年结转结余,120',
  '年初预算,"1,000"',
  '年中追加（减）,80',
  '年末结转结余,43.2',
  '预算调整数,150',
  '实际支付数,1080',
  '既定支付数,1100',
  '公用经费预算数,60',
  '公用经费支出数,58.5',
  '三公经费预算数,12',
  '三公经费支出数,11.4',
  '上年三公经费支出数,12',
  '政府采购预算数,200',
  '政府采购实际数,190万元',
  '在职人员数,48',
  'authorisedPosts,50',
  '重点项目支出,420',
  '项目总支出,700',
  '在用固定资产,930',
  '固定资产总额,1000',
].join('\r\n');

beforeAll(async () => {
  stack = await startTestStack();
  tokens.perf = await person('perf', ['performance-section-reviewer']);
  tokens.preparer = await person('preparer', ['unit-preparer'], '102');
  tokens.approver = await person('approver', ['department-reviewer'], '102');
  tokens.otherPreparer = await person('other-preparer', ['unit-preparer'], '101');
  tokens.section = await person('section', ['business-section-reviewer']);
  const made = await call('POST', base, 'perf', { fiscalYear: 2026, departmentId: demoId('department:102') });
  expect(made.status).toBe(201);
});
afterAll(() => stack?.stop());

describe('importing the department figures', () => {
  it('saves a CSV’s figures exactly as the PATCH would, scored again by the formulas', async () => {
    const before = await read();
    const saved = await send('preparer', before.version, utf8(goodCsv));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    expect(saved.body.figures).toEqual(sampleFigures);
    // The worked example of department-evaluation.test.ts: 96.4% → 8; 48 ÷ 50 → full 2; 1,080 ÷ 1,100 → 3.93.
    expect(score(saved.body, 'BUDGET_COMPLETION')).toMatchObject({ valuePct: 96.4, score: 8, computed: true });
    expect(score(saved.body, 'STAFF_CONTROL')).toMatchObject({ valuePct: 96, score: 2 });
    expect(score(saved.body, 'PAYMENT_PROGRESS')).toMatchObject({ score: 3.93 });
    expect(await read()).toEqual(saved.body);
  });

  it('changes nothing when the same file comes again, even at the version it was first sent at', async () => {
    const before = await read();
    const again = await send('preparer', before.version - 1, utf8(goodCsv));
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(before.version);
    expect(await read()).toEqual(before);
  });

  it('reads an XLSX written by exceljs: numbers and text, money to the fen, a figure left out kept', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('部门数据');
    sheet.addRow(['数据项', '金额']);
    sheet.addRow(['实际支付数', 1090.123456]);
    sheet.addRow(['年中追加（减）', '-5.5']);
    sheet.addRow(['在职人员数', 49]);
    const before = await read();
    const saved = await send('approver', before.version, new Uint8Array(await book.xlsx.writeBuffer()), '部门.xlsx');
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(before.version + 1);
    expect(saved.body.figures).toEqual({
      ...sampleFigures,
      paidFen: 1_090_123_456,
      supplementaryFen: wan(-5.5),
      staffInPost: 49,
    });
  });

  it('refuses a file with bad rows, each with its row and column, and saves none of its good rows', async () => {
    const before = await read();
    const bad = [
      '名称,数值',
      '实际支付数,1',
      '年初预算,abc',
      '办公楼面积,12',
      '实际支付数,2',
      '公用经费支出数,1.0000001',
      '政府采购预算数,-3',
      '编制数,50.5',
      '三公经费支出数,',
    ].join('\n');
    const refused = await send('preparer', before.version, utf8(bad));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors.map((e: { code: string; message: string }) => [e.code, e.message])).toEqual([
      ['not_number', '第 3 行 B 列（数值）：“abc”不是数字'],
      [
        'unknown_figure',
        '第 4 行 A 列（名称）：“办公楼面积”不是部门数据的名称（应为上年结转结余、年初预算、编制数等）',
      ],
      ['duplicate_figure', '第 5 行 A 列（名称）：“实际支付数”已在第 2 行出现'],
      ['not_fen', '第 6 行 B 列（数值）：“1.0000001”万元不是整分金额（最多 6 位小数）'],
      ['negative', '第 7 行 B 列（数值）：“-3”为负数'],
      ['not_integer', '第 8 行 B 列（数值）：“50.5”不是整数人数'],
      ['missing_value', '第 9 行 B 列（数值）：数值为空'],
    ]);
    expect(await read()).toEqual(before);
    const empty = await send('preparer', before.version, utf8('名称,数值\n'));
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].code).toBe('no_rows');
    const notBase64 = await call('POST', `${url}/figures-import`, 'preparer', {
      version: before.version,
      fileName: 'x.csv',
      contentBase64: '%%%',
    });
    expect(notBase64.status).toBe(400);
    expect(await read()).toEqual(before);
  });

  it('refuses a stale version (409) and a caller outside the department (404, 403 for a section), saving nothing', async () => {
    const before = await read();
    const changed = utf8('实际支付数,1000');
    const stale = await send('preparer', before.version - 1, changed);
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await send('otherPreparer', before.version, changed)).status).toBe(404);
    expect((await send('section', before.version, changed)).status).toBe(403);
    expect((await send('perf', before.version, changed)).status).toBe(403);
    expect(await read()).toEqual(before);
    const saved = await send('preparer', before.version, changed);
    expect(saved.status).toBe(200);
    expect(saved.body.figures.paidFen).toBe(wan(1000));
  });
});
