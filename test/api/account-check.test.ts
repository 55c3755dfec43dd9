import { uuidV7 } from '@jixiao/core/ids.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import type { OperationRequest } from '@jixiao/functions/http/api-event.ts';
import { accountPaymentKind, type StoredPayment } from '@jixiao/functions/key-evaluation/account-check-kind.ts';
import { findingKind } from '@jixiao/functions/key-evaluation/finding-kind.ts';
import { type PaperAmendment, paperAmendmentKind, paperLocks } from '@jixiao/functions/key-evaluation/paper-lock.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The account check (账务核查, docs/domain/key-evaluation.md#the-account-check) on DynamoDB Local: the agency lead
 * imports the payment list (CSV and XLSX, bad rows named and nothing written, retries never duplicating), draws the
 * sample (same seed, same sample; redraws recorded), checks the sampled payments; the totals; who reads; and the lock
 * of the final report (a plain write refused, an amendment with a reason marked).
 */
let stack: TestStack;
let engagement = '';
const token: Record<string, string> = {};

const call = (who: string, method: string, path: string, body?: unknown) =>
  stack.call(method, `/api/v1${path}`, { token: token[who]!, ...(body === undefined ? {} : { body }) });
const read = async (who = 'agency-lead') => {
  const answer = await call(who, 'GET', `/engagements/${engagement}/account-check`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
};
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const importFile = (contentBase64: string, id = uuidV7(), fileName = '支付清单.csv') =>
  call('agency-lead', 'POST', `/engagements/${engagement}/account-check/imports`, { id, fileName, contentBase64 });

/** 200 payments: every tenth of 50万元 and more, the rest from 1,000 to 9,900 元. */
const csvLines = Array.from({ length: 200 }, (_, i) => {
  const amount = i % 10 === 0 ? `${500_000 + i * 100}.00` : `${1000 + (i % 90) * 100}.5`;
  const day = String((i % 28) + 1).padStart(2, '0');
  return `2026-0${(i % 9) + 1}-${day},收款单位${i},${amount},HT-${i},2026-01-10,第${(i % 3) + 1}期`;
});
const goodCsv = ['支付日期,收款人,金额（元）,合同号/凭证号,指标下达日期,验收节点', ...csvLines].join('\r\n');

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['agency-lead', 'evaluator', 'perf-reviewer', 'business-reviewer', 'dept-reviewer'])
    token[u] = await stack.tokenFor(u);
  engagement = (
    await seedReleasedEngagement(stack.store, demoTenant.id, {
      departmentId: demoId('department:102'),
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
      evaluatorId: demoId('user:evaluator'),
      leadId: demoId('user:agency-lead'),
    })
  ).engagement;
});
afterAll(() => stack?.stop());

describe('the account check', () => {
  it('refuses a list with bad rows with 422, naming each row, and writes nothing', async () => {
    const bad = [
      '支付日期,收款人,金额',
      '2026-02-30,甲公司,100',
      '2026-03-01,,200',
      '2026-03-02,丙公司,十万',
      '2026-03-03,丁公司,300',
    ].join('\n');
    const refused = await importFile(base64(bad));
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code])).toEqual([
      ['/contentBase64/2', 'import_date'],
      ['/contentBase64/3', 'import_required'],
      ['/contentBase64/4', 'import_amount'],
    ]);
    expect(refused.body.errors[0].message).toContain('第 2 行 A 列（支付日期）');
    expect(refused.body.detail).toContain('3 处错误');
    const none = await read();
    expect(none.items).toEqual([]);
    expect(none.version).toBeNull();
    // Not base64, and no header: refused the same way.
    expect((await importFile('%%%')).status).toBe(400);
    const noHeader = await importFile(base64('a,b,c\n1,2,3'));
    expect(noHeader.body.errors.map((e: { code: string }) => e.code)).toEqual(['import_header_not_found']);
  });

  it('imports a CSV of 200 payments in batches, and a retry of the same import replays without duplicating', async () => {
    const id = uuidV7();
    const imported = await importFile(base64(goodCsv), id);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ id, rowCount: 200, created: 200, format: 'CSV', replayed: false });
    const again = await importFile(base64(goodCsv), id);
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    const list = await read();
    expect(list.items).toHaveLength(200);
    expect(list.imports.map((i: { id: string }) => i.id)).toEqual([id]);
    const first = list.items.find((p: StoredPayment) => p.line === 2);
    expect(first).toMatchObject({
      paymentDate: '2026-01-01',
      payee: '收款单位0',
      amountFen: 50_000_000,
      reference: 'HT-0',
      quotaIssueDate: '2026-01-10',
      milestone: '第1期',
      sampleReason: null,
    });
    // The same id with another file is not the same import.
    expect((await importFile(base64(`${goodCsv}\r\n2026-05-05,迟到单位,1.00,,,`), id)).status).toBe(409);
  });

  it('imports an XLSX by its headers (date and number cells), and refuses a list that would pass 5,000 payments', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('支付明细');
    sheet.addRow(['某项目资金支付明细']);
    sheet.addRow(['收款人', '支付日期', '金额(元)', '凭证号', '验收节点', '预算项目', '预算金额（万元）']);
    sheet.addRow(['天津某监理公司', new Date(Date.UTC(2026, 5, 30)), 88_000.5, 'PZ-0630', '中期', '工程监理', 120]);
    sheet.addRow(['天津某检测公司', '2026年7月1日', 12_345, 'PZ-0701', '', '工程监理', 120]);
    sheet.getCell('B3').numFmt = 'yyyy-mm-dd';
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await importFile(bytes.toString('base64'), uuidV7(), '支付明细.xlsx');
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(imported.body).toMatchObject({ format: 'XLSX', rowCount: 2, created: 2 });
    const list = await read();
    expect(list.items.find((p: StoredPayment) => p.reference === 'PZ-0630')).toMatchObject({
      payee: '天津某监理公司',
      paymentDate: '2026-06-30',
      amountFen: 8_800_050,
      budgetLine: '工程监理',
      budgetAmountFen: 120_000_000,
      line: 3,
    });

    const many = ['支付日期,收款人,金额', ...Array.from({ length: 4_799 }, (_, i) => `2026-08-01,单位${i},1`)].join(
      '\n',
    );
    const tooMany = await importFile(base64(many));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].code).toBe('account_check_too_many_payments');
    expect(tooMany.body.errors[0].message).toContain('5001');
    expect((await read()).items).toHaveLength(202);
  });

  it('draws the sample: all at or above the threshold, a seeded share of the rest; the same seed draws the same', async () => {
    const before = await read();
    const drawn = await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/draws`, {
      version: before.version,
      thresholdFen: 50_000_000,
      sharePct: 20,
      seed: 'A1B2C3D4',
    });
    expect(drawn.status, JSON.stringify(drawn.body)).toBe(200);
    const first = await read();
    const sampled = (body: { items: (StoredPayment & { sampleReason: string | null })[] }) =>
      body.items.filter((p) => p.sampleReason !== null).map((p) => `${p.id}:${p.sampleReason}`);
    const above = first.items.filter((p: StoredPayment) => p.amountFen >= 50_000_000);
    expect(above).toHaveLength(20);
    for (const p of above) expect(p.sampleReason).toBe('THRESHOLD');
    // 182 below the threshold: 20 % is 36.4, rounded up to 37.
    expect(first.sample).toMatchObject({ seed: 'a1b2c3d4', aboveThreshold: 20, random: 37, current: true });
    expect(first.sample.method['zh-CN']).toBe(
      '全部 ≥ 500,000.00 元的支付，以及其余支付中按种子 a1b2c3d4 随机抽取的 20 %（37 笔）',
    );
    expect(first.totals).toMatchObject({ populationCount: 202, sampleCount: 57 });

    const same = await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/draws`, {
      version: first.version,
      thresholdFen: 50_000_000,
      sharePct: 20,
      seed: 'a1b2c3d4',
    });
    expect(same.status).toBe(200);
    expect(sampled(await read())).toEqual(sampled(first));

    // A redraw without a seed gets one made here, recorded with who and when.
    const redrawn = await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/draws`, {
      version: same.body.version,
      thresholdFen: 50_000_000,
      sharePct: 20,
    });
    expect(redrawn.status).toBe(200);
    const after = await read();
    expect(after.draws).toHaveLength(3);
    expect(after.draws[0].seed).toMatch(/^[0-9a-f]{8}$/);
    expect(after.draws[0]).toMatchObject({ byName: '周敏', populationCount: 202 });
    expect(after.draws.map((d: { seed: string }) => d.seed).slice(1)).toEqual(['a1b2c3d4', 'a1b2c3d4']);
    // A stale version is refused and changes nothing.
    const stale = await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/draws`, {
      version: first.version,
      thresholdFen: 0,
      sharePct: 100,
    });
    expect(stale.status).toBe(409);
    expect((await read()).draws).toHaveLength(3);
    // Back to the recorded seed, for the checks below.
    expect(
      (
        await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/draws`, {
          version: after.version,
          thresholdFen: 50_000_000,
          sharePct: 20,
          seed: 'a1b2c3d4',
        })
      ).status,
    ).toBe(200);
    expect(sampled(await read())).toEqual(sampled(first));
  });

  it('records checks of sampled payments only; an abnormal one explained and linked to findings; the totals', async () => {
    const list = await read();
    const sampled = list.items.filter((p: { sampleReason: string | null }) => p.sampleReason !== null);
    const outside = list.items.find((p: { sampleReason: string | null }) => p.sampleReason === null);
    const check = {
      budget: 'OK',
      contract: 'ABNORMAL',
      voucher: 'OK',
      abnormal: true,
      explanation: '',
      evidenceNumber: 'ZW-001',
      findingIds: [] as string[],
    };
    const path = (id: string) => `/account-check-payments/${id}/check`;
    const notSampled = await call('agency-lead', 'POST', path(outside.id), { version: outside.version, ...check });
    expect(notSampled.status).toBe(422);
    expect(notSampled.body.errors[0].code).toBe('account_check_not_sampled');
    const target = sampled[0];
    const unexplained = await call('agency-lead', 'POST', path(target.id), { version: target.version, ...check });
    expect(unexplained.status).toBe(422);
    expect(unexplained.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'account_check_explanation_required',
    ]);
    const unmarked = await call('agency-lead', 'POST', path(target.id), {
      version: target.version,
      ...check,
      abnormal: false,
    });
    expect(unmarked.body.errors.map((e: { code: string }) => e.code)).toEqual(['account_check_abnormal_unmarked']);
    // A row of the issue summary (its routes are another part of the conclusion): written straight into the store.
    const finding = uuidV7();
    const at = new Date().toISOString();
    await stack.store.create(
      demoTenant.id,
      findingKind,
      {
        id: finding,
        version: 1,
        status: 'active',
        createdAt: at,
        updatedAt: at,
        engagementId: engagement,
        category: 'FUNDS',
        title: '合同外支付',
      },
      { hash: finding, context: { actor: 'test', actorRoles: [], requestId: finding, at } },
    );
    const unknown = await call('agency-lead', 'POST', path(target.id), {
      version: target.version,
      ...check,
      explanation: '合同约定金额与支付金额不符',
      findingIds: [uuidV7()],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { code: string }) => e.code)).toEqual(['account_check_finding_unknown']);
    const checked = await call('agency-lead', 'POST', path(target.id), {
      version: target.version,
      ...check,
      explanation: '合同约定金额与支付金额不符',
      findingIds: [finding],
    });
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    expect(checked.body.check).toMatchObject({ contract: 'ABNORMAL', abnormal: true, findingIds: [finding] });
    expect(checked.body.checkedByName).toBe('周敏');
    const clean = sampled[1];
    expect(
      (
        await call('agency-lead', 'POST', path(clean.id), {
          version: clean.version,
          ...check,
          contract: 'OK',
          abnormal: false,
          explanation: '',
        })
      ).status,
    ).toBe(200);
    // A stale version of the checked payment: 409, nothing changes.
    expect((await call('agency-lead', 'POST', path(target.id), { version: target.version, ...check })).status).toBe(
      409,
    );

    const totals = (await read()).totals;
    const sampleFen = sampled.reduce((sum: number, p: StoredPayment) => sum + p.amountFen, 0);
    const populationFen = list.items.reduce((sum: number, p: StoredPayment) => sum + p.amountFen, 0);
    expect(totals).toMatchObject({
      populationCount: 202,
      populationFen,
      sampleCount: sampled.length,
      sampleFen,
      checkedCount: 2,
      abnormalCount: 1,
      abnormalFen: target.amountFen,
    });
    // One rounding rule: the exact fraction, half up to one decimal.
    const exact = (sampleFen * 1000) / populationFen;
    expect(totals.coveragePct).toBe(Math.round(exact) / 10);
  });

  it('makes the sample out of date when the list changes, until it is drawn again', async () => {
    const added = await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/payments`, {
      id: uuidV7(),
      paymentDate: '2026-09-30',
      payee: '补录单位',
      amountFen: 90_000_000,
      reference: 'HT-补',
      quotaIssueDate: null,
      milestone: '',
      budgetLine: '',
      budgetAmountFen: null,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const list = await read();
    expect(list.sample.current).toBe(false);
    const payment = list.items.find((p: { id: string }) => p.id === added.body.id);
    expect(payment.sampleReason).toBe('THRESHOLD');
    const refused = await call('agency-lead', 'POST', `/account-check-payments/${payment.id}/check`, {
      version: payment.version,
      budget: 'OK',
      contract: 'OK',
      voucher: 'OK',
      abnormal: false,
      explanation: '',
      evidenceNumber: '',
      findingIds: [],
    });
    expect(refused.body.errors[0].code).toBe('account_check_not_sampled');
    const redrawn = await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/draws`, {
      version: list.version,
      thresholdFen: 50_000_000,
      sharePct: 20,
      seed: 'a1b2c3d4',
    });
    expect(redrawn.status).toBe(200);
    expect((await read()).sample).toMatchObject({ current: true, populationCount: 203 });
  });

  it('lets the bureau and the agency read, the evaluators read only, the department nothing before the final report', async () => {
    for (const who of ['perf-reviewer', 'business-reviewer', 'evaluator'])
      expect((await read(who)).items).toHaveLength(203);
    expect((await call('dept-reviewer', 'GET', `/engagements/${engagement}/account-check`)).status).toBe(404);
    const body = {
      id: uuidV7(),
      paymentDate: '2026-10-01',
      payee: '某单位',
      amountFen: 100,
      reference: '',
      quotaIssueDate: null,
      milestone: '',
      budgetLine: '',
      budgetAmountFen: null,
    };
    const path = `/engagements/${engagement}/account-check/payments`;
    expect((await call('evaluator', 'POST', path, body)).status).toBe(403);
    expect((await call('business-reviewer', 'POST', path, body)).status).toBe(403);
    // The performance section reviews; before the final report it does not write the agency's papers.
    expect((await call('perf-reviewer', 'POST', path, body)).status).toBe(403);
    expect((await read()).items).toHaveLength(203);
  });

  it('is locked by the final report: a plain write is 409 papers-locked; an amendment with a reason is marked', async () => {
    const locks = paperLocks(stack.store);
    const principal: Principal = {
      tenant: demoTenant.id,
      userId: 'test:lead',
      roles: ['performance-section-reviewer'],
    } as Principal;
    const request = {
      principal,
      language: 'zh-CN',
      requestId: uuidV7(),
      params: {},
      query: {},
      body: {},
      receivedAt: new Date().toISOString(),
    } as OperationRequest;
    const lock = await locks.read(demoTenant.id, engagement);
    const outcome = await stack.store.transact(
      demoTenant.id,
      [locks.stepWrite(request, { id: engagement }, lock, 'FINAL_REPORT')],
      { actor: 'test:lead', actorRoles: principal.roles, requestId: request.requestId, at: request.receivedAt },
    );
    expect(outcome.outcome).toBe('done');

    const list = await read();
    expect(list.paperState).toBe('locked');
    const target = list.items.find((p: StoredPayment) => p.check?.abnormal);
    const correction = {
      version: target.version,
      budget: 'OK',
      contract: 'ABNORMAL',
      voucher: 'ABNORMAL',
      abnormal: true,
      explanation: '合同金额不符，且缺少记账凭证',
      evidenceNumber: 'ZW-001',
      findingIds: target.check.findingIds,
    };
    const plain = await call('agency-lead', 'POST', `/account-check-payments/${target.id}/check`, correction);
    expect(plain.status).toBe(409);
    expect(plain.body.type).toContain('papers-locked');
    const draw = await call('agency-lead', 'POST', `/engagements/${engagement}/account-check/draws`, {
      version: list.version,
      thresholdFen: 0,
      sharePct: 100,
    });
    expect(draw.status).toBe(409);
    expect((await importFile(base64(goodCsv))).status).toBe(409);
    const unchanged = await read();
    expect(unchanged.items.find((p: StoredPayment) => p.id === target.id)).toEqual(target);
    expect(unchanged.version).toBe(list.version);
    expect(unchanged.items).toHaveLength(203);

    const amended = await call('perf-reviewer', 'POST', `/account-check-payments/${target.id}/check`, {
      ...correction,
      amendmentReason: '复核发现记账凭证缺失',
    });
    expect(amended.status, JSON.stringify(amended.body)).toBe(200);
    expect(amended.body.amendment).toMatchObject({ byName: '李明', reason: '复核发现记账凭证缺失' });
    expect(amended.body.check.voucher).toBe('ABNORMAL');
    const amendments = await stack.store.list<PaperAmendment>(demoTenant.id, paperAmendmentKind, {
      ownerId: engagement,
      limit: 100,
    });
    expect(amendments.items.map((a) => [a.paperType, a.paperId, a.reason])).toEqual([
      ['account-check', target.id, '复核发现记账凭证缺失'],
    ]);
    const stored = await stack.store.get<StoredPayment>(demoTenant.id, accountPaymentKind, target.id);
    expect(stored?.amendment?.reason).toBe('复核发现记账凭证缺失');
    // Now the department reads the papers.
    expect((await read('dept-reviewer')).items).toHaveLength(203);
    expect((await call('dept-reviewer', 'POST', `/account-check-payments/${target.id}/check`, correction)).status).toBe(
      403,
    );
  });
});
