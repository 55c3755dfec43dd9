import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { createBudgetedProject } from '@jixiao/infra/local/budgeted-project.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjects } from '@jixiao/infra/local/demo-projects.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, launch, phone, screenshot } from './browser.ts';
import { apiAs, signInAs } from './people.ts';
import { startWebStack } from './web-stack.ts';

/**
 * A date line (完成时间, docs/domain/monitoring.md, "Date targets") in the check-in form on a phone:
 * no decimal keyboard, a hint asking for the expected completion date, and the red warning naming
 * both dates as the person types a late one.
 */
let stack: LocalStack;
let browser: Browser;
let projectId = '';
const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const indicator = '补贴拨付完成时间';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

beforeAll(async () => {
  stack = await startWebStack('e2e-monitoring-date');
  const template = demoProjects.find((p) => p.fiscalYear === 2026)!;
  projectId = await createBudgetedProject(
    operationRunner(stack.store, demoTenant.id),
    { departmentId: demoId('department:102'), unitId: demoId('unit:102001'), sectionId: demoId('section:JKW') },
    {
      id: uuidV7(),
      targetId: uuidV7(),
      fiscalYear: 2026,
      code: `E2EMD${suffix}`,
      name: `${template.name}（完成时间）`,
      category: template.category,
      recurrence: template.recurrence,
      funds: { fiscal: 1_000_000_00, carryOver: 0, other: 0 },
      functionalClass: template.functionalClass,
      annualGoal: template.annualGoal,
      rows: template.rows.map((row) =>
        row.level2 === 'TIMELINESS'
          ? { ...row, name: indicator, operator: 'LTE' as const, value: '11月底前完成', unit: '' }
          : row,
      ),
    },
  );
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const signedIn = async (username: string, workspace: string): Promise<Page> => {
  const page = await (await browser.newContext(phone)).newPage();
  await signInAs(page, stack.url, username, workspace);
  return page;
};

describe('a date line in the check-in form', () => {
  it('asks for the expected completion date, not a number, and warns red when it is late', async () => {
    const performance = await signedIn('perf-reviewer', 'bureau');
    const roundId = uuidV7();
    const opened = await apiAs(performance, stack.url, 'POST', '/monitoring-rounds', {
      id: roundId,
      fiscalYear: 2026,
      name: `2026 年 1–6 月绩效运行监控（${suffix}）`,
      dataDate: '2026-06-30',
      deadline: '2026-07-20',
      scope: 'KEY',
      projectIds: [projectId],
    });
    expect(opened.status).toBe(201);
    let round = opened.body;
    for (let i = 0; i < 10 && round.roundStatus === 'OPENING'; i++) {
      round = (await apiAs(performance, stack.url, 'POST', `/monitoring-rounds/${roundId}/issue`, {})).body;
    }
    expect(round).toMatchObject({ roundStatus: 'ISSUED', reportCount: 1 });

    const preparer = await signedIn('unit-preparer', 'department');
    const [report] = (await apiAs(preparer, stack.url, 'GET', `/monitoring-rounds/${roundId}/reports`)).body.items;
    await preparer.goto(`${stack.url}/monitoring/reports/${report.id}`);
    const card = preparer.locator('li.line-card', {
      has: preparer.getByRole('heading', { level: 3, name: indicator }),
    });
    await visible(card);
    const forecast = card.getByLabel('全年预计完成值');
    const actual = card.getByLabel('截至目前完成值');
    expect(await forecast.getAttribute('inputmode')).toBeNull();
    expect(await actual.getAttribute('inputmode')).toBeNull();
    await visible(card.getByText('填写预计完成日期，如 2027-11-30'));
    await visible(card.getByText('填写进展情况或完成日期'));
    // A numeric line keeps its decimal keyboard.
    const numeric = preparer.locator('li.line-card', {
      has: preparer.getByRole('heading', { level: 3, name: '补贴覆盖小区数' }),
    });
    expect(await numeric.getByLabel('全年预计完成值').getAttribute('inputmode')).toBe('decimal');

    await actual.fill('已拨付两个季度');
    await forecast.fill('2026-12-20');
    await card.getByLabel('确定能').check();
    await visible(card.getByText(`${indicator}：预计完成日期 2026-12-20，晚于目标完成时间 2026-11-30`));
    await visible(card.getByText('指标：红色'));
    await screenshot(preparer, 'monitoring-date-target-01-line');
    await card.screenshot({ path: join(artifacts, 'monitoring-date-target-02-card.png') });
  });
});
