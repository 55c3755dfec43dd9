import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTable, departingTable, tableXlsx } from '../support/self-evaluation-tables.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Checking a filled 项目支出绩效自评表 through the local gateway (issue 11 item 7): the bureau sends the
 * XLSX as departments send it and gets each printed score beside the formula's; a file that is not an
 * XLSX, or not base64, is refused in the caller's language. Nothing is stored.
 */
let stack: TestStack;
let perf = '';
let preparer = '';

beforeAll(async () => {
  stack = await startTestStack();
  perf = await stack.tokenForPerson({
    id: 'perf',
    displayName: 'perf',
    tenant: demoTenant.id,
    roles: ['performance-section-reviewer'],
    departmentId: null,
    unitId: null,
    sectionId: null,
  });
  preparer = await stack.tokenFor('unit-preparer');
}, 120_000);
afterAll(() => stack?.stop());

const send = async (token: string, file: Uint8Array | string, headers: Record<string, string> = {}) =>
  stack.call('POST', '/api/v1/table-checks', {
    token,
    headers,
    body: {
      fileName: '自评表.xlsx',
      contentBase64: typeof file === 'string' ? file : Buffer.from(file).toString('base64'),
    },
  });

describe('checking a filled table', () => {
  it('reads the 10号 layout and reproduces the worked example: 90.87, 优, each row with its derivation', async () => {
    const checked = await send(perf, await tableXlsx(cleanTable()));
    expect(checked.status).toBe(200);
    const [table] = checked.body.tables;
    expect(table.total).toMatchObject({ claimed: 90.87, computed: 90.87, flagged: false });
    expect(table.grade.computed).toBe('EXCELLENT');
    expect(table.rows[0].derivation['zh-CN']).toContain('15 × 487/500 = 14.61');
    // The engine's exact fractions stay inside: only figures and words go out.
    expect(JSON.stringify(checked.body)).not.toContain('"exact"');
  });

  it('flags printed scores that depart from the formula, each with its cause and cell', async () => {
    const checked = await send(perf, await tableXlsx(departingTable()));
    expect(checked.status).toBe(200);
    const [table] = checked.body.tables;
    const flagged = table.rows.filter((r: { flagged: boolean }) => r.flagged);
    expect(flagged.length).toBeGreaterThan(0);
    for (const row of flagged) {
      expect(row.causes.length).toBeGreaterThan(0);
      expect(row.refs.score).toMatch(/^Sheet1!/);
    }
    expect(table.weights.addsUp).toBe(false);
  });

  it('refuses a file that is not an XLSX, or not base64, in the caller’s language, and is the bureau’s alone', async () => {
    const notXlsx = await send(perf, new TextEncoder().encode('项目编码,资金来源\n'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.errors[0]).toMatchObject({ pointer: '/contentBase64', code: 'xlsx_not_xlsx' });
    const english = await send(perf, '%%%', { 'accept-language': 'en' });
    expect(english.status).toBe(400);
    expect(english.body.errors[0]).toMatchObject({ code: 'base64', message: 'The file is not base64-encoded' });
    const unit = await send(preparer, await tableXlsx(cleanTable()));
    expect(unit.status).toBe(403);
  });
});
