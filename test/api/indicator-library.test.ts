import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoIndicators, demoLibraryYear } from '@jixiao/infra/local/demo-indicators.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

let stack: TestStack;
let perf: string;
let preparer: string;

beforeAll(async () => {
  stack = await startTestStack();
  perf = await stack.tokenFor('perf-reviewer');
  preparer = await stack.tokenFor('unit-preparer');
});
afterAll(() => stack?.stop());

const all = async (token: string, query: string) => {
  const items: { id: string; code: string; [k: string]: unknown }[] = [];
  let cursor: string | undefined;
  do {
    const page = await stack.call('GET', `/api/v1/indicators?limit=50&${query}${cursor ? `&cursor=${cursor}` : ''}`, {
      token,
    });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
};

const newIndicator = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  fiscalYear: demoLibraryYear,
  code: `T-${Math.floor(Math.random() * 1e6)}`,
  name: '农技推广服务单位成本',
  level1: 'OUTPUT',
  level2: 'COST',
  scope: 'SECTOR',
  sector: 'AGRI_TECH_EXTENSION',
  operator: 'LTE',
  unit: '元/户',
  referenceValue: '80',
  valueBasis: 'SPENDING_STANDARD',
  spendingStandardCap: 100,
  scoringStandard: '不高于支出标准得满分，每超出1%扣0.5分',
  keywords: ['农技', '成本'],
  validFrom: `${demoLibraryYear}-01-01`,
  ...overrides,
});

describe('indicator library', () => {
  it('holds the demo library: the four common categories and the six sectors, 60 and more entries', async () => {
    const items = await all(preparer, `fiscalYear=${demoLibraryYear}`);
    expect(items.length).toBe(demoIndicators.length);
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(new Set(items.filter((i) => i.scope === 'COMMON').map((i) => i.commonCategory)).size).toBe(4);
    expect(new Set(items.filter((i) => i.scope === 'SECTOR').map((i) => i.sector)).size).toBe(6);
  });

  it('is searchable by anyone by keyword, sector and level', async () => {
    const sector = await all(preparer, `fiscalYear=${demoLibraryYear}&sector=VETERANS_AFFAIRS&level1=SATISFACTION`);
    expect(sector.length).toBeGreaterThan(0);
    expect(sector.every((i) => i.sector === 'VETERANS_AFFAIRS' && i.level1 === 'SATISFACTION')).toBe(true);
    const expected = demoIndicators.filter((i) => i.sector === 'VETERANS_AFFAIRS' && i.level1 === 'SATISFACTION');
    expect(sector.map((i) => i.code).sort()).toEqual(expected.map((i) => i.code).sort());

    const sample = demoIndicators[0]!;
    const byName = await all(preparer, `q=${encodeURIComponent(sample.name)}`);
    expect(byName.map((i) => i.code)).toContain(sample.code);
    const keyword = sample.keywords[0]!;
    const byKeyword = await all(preparer, `q=${encodeURIComponent(keyword)}`);
    expect(byKeyword.map((i) => i.code)).toContain(sample.code);
  });

  it('lets the performance section add, change and retire entries; others may not', async () => {
    const body = newIndicator();
    expect((await stack.call('POST', '/api/v1/indicators', { token: preparer, body })).status).toBe(403);
    const created = await stack.call('POST', '/api/v1/indicators', { token: perf, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ code: body.code, version: 1, status: 'active' });

    const retired = await stack.call('PATCH', `/api/v1/indicators/${body.id}`, {
      token: perf,
      body: { version: 1, status: 'inactive' },
    });
    expect(retired.body).toMatchObject({ version: 2, status: 'inactive' });
    const active = await all(preparer, `fiscalYear=${demoLibraryYear}&status=active&q=${body.code}`);
    expect(active).toEqual([]);
    const history = await stack.call('GET', `/api/v1/indicators/${body.id}/history`, { token: perf });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
  });

  it('keeps codes unique within a fiscal year, and lets next year hold a new version of the same code', async () => {
    const code = demoIndicators[1]!.code;
    // The demo rolls its library into the project year (demoLibraryYear + 1); two years on is free.
    const later = demoLibraryYear + 2;
    const sameYear = await stack.call('POST', '/api/v1/indicators', { token: perf, body: newIndicator({ code }) });
    expect(sameYear.status).toBe(409);
    const nextYear = await stack.call('POST', '/api/v1/indicators', {
      token: perf,
      body: newIndicator({ code, fiscalYear: later, validFrom: `${later}-01-01` }),
    });
    expect(nextYear.status).toBe(201);
    const years = await all(preparer, `q=${code}`);
    expect(years.map((i) => i.fiscalYear).sort()).toEqual([demoLibraryYear, demoLibraryYear + 1, later]);
    const thisYear = await all(preparer, `fiscalYear=${later}`);
    expect(thisYear.map((i) => i.code)).toEqual([code]);
  });

  it('refuses, in Chinese and with nothing written, a cost indicator above its spending standard', async () => {
    const body = newIndicator({ referenceValue: '120' });
    const refused = await stack.call('POST', '/api/v1/indicators', { token: perf, body });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      { pointer: '/referenceValue', code: 'above_spending_cap', message: '成本指标不得高于支出标准（100）' },
    ]);
    expect((await stack.call('GET', `/api/v1/indicators/${body.id}`, { token: perf })).status).toBe(404);

    const entry = demoId(`indicator:${demoIndicators.find((i) => i.spendingStandardCap !== undefined)!.code}`);
    const current = await stack.call('GET', `/api/v1/indicators/${entry}`, { token: perf });
    const raised = await stack.call('PATCH', `/api/v1/indicators/${entry}`, {
      token: perf,
      body: { version: current.body.version, referenceValue: String(current.body.spendingStandardCap + 1) },
    });
    expect(raised.status).toBe(400);
    expect(raised.body.errors[0].code).toBe('above_spending_cap');
  });

  it('rolls the library into the next year once: active entries only, a taken code skipped, a rerun adds nothing', async () => {
    const from = demoLibraryYear + 3;
    const to = from + 1;
    const entries = [
      newIndicator({ fiscalYear: from }),
      newIndicator({ fiscalYear: from }),
      newIndicator({ fiscalYear: from }),
    ];
    for (const body of entries) {
      expect(
        (await stack.call('POST', '/api/v1/indicators', { token: perf, body: { ...body, validFrom: `${from}-01-01` } }))
          .status,
      ).toBe(201);
    }
    await stack.call('PATCH', `/api/v1/indicators/${entries[2]!.id}`, {
      token: perf,
      body: { version: 1, status: 'inactive' },
    });
    // Someone already wrote next year's version of the second entry by hand.
    await stack.call('POST', '/api/v1/indicators', {
      token: perf,
      body: newIndicator({ code: entries[1]!.code, fiscalYear: to, validFrom: `${to}-01-01` }),
    });

    expect(
      (
        await stack.call('POST', '/api/v1/indicators/roll-over', {
          token: preparer,
          body: { fromYear: from, toYear: to },
        })
      ).status,
    ).toBe(403);
    const first = await stack.call('POST', '/api/v1/indicators/roll-over', {
      token: perf,
      body: { fromYear: from, toYear: to },
    });
    expect(first.body).toEqual({
      fromYear: from,
      toYear: to,
      created: 1,
      unchanged: 0,
      skipped: [{ code: entries[1]!.code, reason: 'code-taken' }],
    });
    const again = await stack.call('POST', '/api/v1/indicators/roll-over', {
      token: perf,
      body: { fromYear: from, toYear: to },
    });
    expect(again.body).toMatchObject({ created: 0, unchanged: 1 });

    const next = await all(preparer, `fiscalYear=${to}`);
    expect(next.map((i) => i.code).sort()).toEqual([entries[0]!.code, entries[1]!.code].sort());
    const rolled = next.find((i) => i.code === entries[0]!.code)!;
    expect(rolled).toMatchObject({ fiscalYear: to, validFrom: `${to}-01-01`, name: entries[0]!.name, version: 1 });
    expect(rolled.id).not.toBe(entries[0]!.id);

    const backwards = await stack.call('POST', '/api/v1/indicators/roll-over', {
      token: perf,
      body: { fromYear: to, toYear: from },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors[0]).toMatchObject({ pointer: '/toYear', code: 'roll_over_forwards' });
  });
});
