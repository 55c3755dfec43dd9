import { uuidV7 } from '@jixiao/core/ids.ts';
import { isKnownFunctionalClass } from '@jixiao/core/submission/functional-classification.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoIndicators, demoLibraryYear } from '@jixiao/infra/local/demo-indicators.ts';
import { demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * Issue 12, item 8: the 支出功能分类 is picked from the table (core/src/submission/functional-classification.ts), and the
 * API refuses a code the table does not have, with a field error in the caller's language and nothing written.
 */
let stack: TestStack;
const token: Record<string, string> = {};

beforeAll(async () => {
  stack = await startTestStack();
  for (const u of ['unit-preparer', 'perf-reviewer']) token[u] = await stack.tokenFor(u);
}, 300_000);
afterAll(() => stack?.stop());

const projectBody = (functionalClass: string) => ({
  id: uuidV7(),
  fiscalYear: demoProjectYear,
  code: `FC${Date.now().toString().slice(-9)}${Math.floor(Math.random() * 1000)}`,
  name: '功能分类测试项目',
  unitId: demoId('unit:102001'),
  category: 'SPECIFIC_PURPOSE',
  nature: 'NEW',
  recurrence: 'ONE_OFF',
  periodStart: demoProjectYear,
  periodEnd: demoProjectYear,
  funds: { fiscal: 500_000_00, carryOver: 0, other: 0 },
  functionalClass,
  majorPolicy: false,
});

describe('the functional classification of a project and a library entry', () => {
  it('refuses a project whose code is not in the table, in Chinese or English, and writes nothing', async () => {
    const body = projectBody('20598');
    const zh = await stack.call('POST', '/api/v1/projects', { token: token['unit-preparer']!, body });
    expect(zh.status).toBe(400);
    expect(zh.headers.get('content-type')).toContain('application/problem+json');
    expect(zh.body.errors).toEqual([
      {
        pointer: '/functionalClass',
        code: 'functional_class_unknown',
        message: '支出功能分类科目中没有这个编码，请从列表中选择',
      },
    ]);
    const en = await stack.call('POST', '/api/v1/projects', {
      token: token['unit-preparer']!,
      body,
      headers: { 'accept-language': 'en' },
    });
    expect(en.body.errors[0].message).toBe('Not a code of the functional classification: choose one from the list');
    expect((await stack.call('GET', `/api/v1/projects/${body.id}`, { token: token['unit-preparer']! })).status).toBe(
      404,
    );

    const good = await stack.call('POST', '/api/v1/projects', {
      token: token['unit-preparer']!,
      body: projectBody('20502'),
    });
    expect(good.status).toBe(201);
    const changed = await stack.call('PATCH', `/api/v1/projects/${good.body.id}`, {
      token: token['unit-preparer']!,
      body: { version: good.body.version, functionalClass: '99999' },
    });
    expect(changed.status).toBe(400);
    expect(changed.body.errors[0]).toMatchObject({ pointer: '/functionalClass', code: 'functional_class_unknown' });
    const kept = await stack.call('GET', `/api/v1/projects/${good.body.id}`, { token: token['unit-preparer']! });
    expect(kept.body).toMatchObject({ version: good.body.version, functionalClass: '20502' });
  });

  it('refuses a library entry with a free-text class, and the demo library holds only codes of the table', async () => {
    const body = {
      id: uuidV7(),
      fiscalYear: demoLibraryYear,
      code: `FC-${Math.floor(Math.random() * 1e6)}`,
      name: '功能分类测试指标',
      level1: 'OUTPUT',
      level2: 'QUANTITY',
      scope: 'SECTOR',
      sector: 'EDUCATION',
      functionalClass: '205 教育',
      operator: 'GTE',
      unit: '人',
      referenceValue: '10',
      valueBasis: 'PLAN',
      scoringStandard: '按完成比例计分',
      validFrom: `${demoLibraryYear}-01-01`,
    };
    const refused = await stack.call('POST', '/api/v1/indicators', { token: token['perf-reviewer']!, body });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ pointer: '/functionalClass', code: 'functional_class_unknown' }),
    ]);
    expect((await stack.call('GET', `/api/v1/indicators/${body.id}`, { token: token['perf-reviewer']! })).status).toBe(
      404,
    );
    const created = await stack.call('POST', '/api/v1/indicators', {
      token: token['perf-reviewer']!,
      body: { ...body, functionalClass: '20502' },
    });
    expect(created.status).toBe(201);
    expect(created.body.functionalClass).toBe('20502');
    const classes = new Set(demoIndicators.flatMap((i) => (i.functionalClass ? [i.functionalClass] : [])));
    expect([...classes].filter((c) => !isKnownFunctionalClass(c))).toEqual([]);
  });
});
