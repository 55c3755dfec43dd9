import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { uuidV7 } from '@jixiao/core/ids.ts';
import type { StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { projectKind, targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoProjects, demoProjectYear } from '@jixiao/infra/local/demo-projects.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, screenshot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The department's year of 项目支出绩效目标申报表 from the department workspace's home: the unit
 * preparer (刘洋) writes a project's targets and the unit approver (赵丽) sends them; the department
 * reviewer (陈芳) presses the download button on their home and gets one XLSX with the summary, the
 * project's official sheet signed by name (填报人 刘洋, 单位负责人 赵丽) and 补充信息; the preparer
 * finds the same button on their home, worded for their unit. A year of more than 300 projects is
 * refused whole, and the button says why beside itself. On a phone, against the local stack.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;

const suffix = randomUUID().replaceAll('-', '').slice(0, 6).toUpperCase();
const project = { code: `E2ETT${suffix}`, name: `普惠性幼儿园补助下载${suffix.slice(0, 3)}` };
const template = demoProjects.find((p) => p.code === 'DL2027JY0001')!;
let projectId = '';

const visible = (locator: Locator) => locator.waitFor({ state: 'visible' });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's WCAG 2.1 A and AA violations on the page, one line each. */
const audit = async (p: Page): Promise<string[]> =>
  (await p.evaluate(
    `${axeSource};axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))`,
  )) as string[];

const personFor = (username: string, workspace: string): Promise<Page> => phones.of(username, workspace);

const api = (p: Page, method: string, path: string, body?: unknown) => apiAs(p, stack.url, method, path, body);

/** Presses the home's download button and reads the workbook it saves. */
const downloadFromHome = async (p: Page, button: string): Promise<{ name: string; book: ExcelJS.Workbook }> => {
  await p.goto(`${stack.url}/department`);
  const [response, download] = await Promise.all([
    p.waitForResponse((r) => r.url().includes(`/target-declarations.xlsx?fiscalYear=${demoProjectYear}`)),
    p.waitForEvent('download'),
    p.getByRole('button', { name: button }).click(),
  ]);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  return { name: download.suggestedFilename(), book };
};

beforeAll(async () => {
  stack = await startWebStack('e2e-target-table');
  browser = await launch();
  phones = new Phones(browser, stack.url, { ...phone, acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the department workbook of targets', () => {
  it('the preparer writes a project’s targets and the approver sends them', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    const me = (await api(preparer, 'GET', '/me')).body;
    const created = await api(preparer, 'POST', '/projects', {
      id: uuidV7(),
      fiscalYear: demoProjectYear,
      code: project.code,
      name: project.name,
      unitId: me.unit.id,
      category: template.category,
      nature: template.nature,
      recurrence: template.recurrence,
      periodStart: template.periodStart,
      periodEnd: template.periodEnd,
      funds: template.funds,
      functionalClass: template.functionalClass,
      majorPolicy: false,
      description: template.description,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    projectId = created.body.id;
    const target = await api(preparer, 'POST', `/projects/${created.body.id}/targets`, { id: uuidV7() });
    expect(target.status).toBe(201);
    const saved = await api(preparer, 'PATCH', `/targets/${target.body.id}`, {
      version: target.body.version,
      annualGoal: template.annualGoal,
      rows: template.rows.map((row) => ({ ...row, rowId: uuidV7(), dataSource: `${row.name}统计台账` })),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const approver = await personFor('unit-approver', 'department');
    const sent = await api(approver, 'POST', `/targets/${target.body.id}/submit`, {
      version: saved.body.version,
      opinion: '同意送审。',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  });

  it('the department reviewer downloads the year’s 申报表 from the home page, signed by name', async () => {
    const reviewer = await personFor('dept-reviewer', 'department');
    await reviewer.goto(`${stack.url}/department`);
    const section = reviewer.getByRole('region', { name: '绩效目标申报表' });
    await visible(section);
    await visible(section.getByText('本部门一个年度全部项目'));
    expect(await section.getByLabel('预算年度').inputValue()).toBe(String(demoProjectYear));
    await section.scrollIntoViewIfNeeded();
    await screenshot(reviewer, 'department-home-declarations');

    const { name, book } = await downloadFromHome(reviewer, `下载 ${demoProjectYear} 年度申报表（XLSX）`);
    expect(name).toMatch(/年度项目支出绩效目标申报表\.xlsx$/);
    const names = book.worksheets.map((s) => s.name);
    expect(names[0]).toBe('汇总');
    expect(names.at(-1)).toBe('补充信息');
    expect(names).toContain(project.code);
    // The education bureau's demo projects are there; another department's are not.
    expect(names).toContain('DL2027JY0001');
    expect(names).not.toContain('DL2027FG0001');

    const sheet = book.getWorksheet(project.code)!;
    expect(sheet.getCell('A1').value).toBe('项目支出绩效目标申报表');
    expect(sheet.getCell('B3').value).toBe(project.name);
    expect(sheet.getCell('E11').value).toBe('中期指标值');
    expect(sheet.getCell('F11').value).toBe('年度指标值');
    expect(sheet.getCell('G11').value).toBe('指标值设定依据及数据来源');
    const grid: unknown[] = [];
    sheet.eachRow((line) => {
      grid.push(...(line.values as unknown[]));
    });
    expect(grid).toContain('≥42所');
    expect(grid).toContain('计划标准；数据来源：补助幼儿园数量统计台账');
    const footer = sheet.lastRow!;
    expect(footer.getCell(1).value).toBe('填报人：');
    expect(footer.getCell(2).value).toBe('刘洋');
    expect(footer.getCell(6).value).toBe('单位负责人：');
    expect(footer.getCell(7).value).toBe('赵丽');

    const supplement = book.getWorksheet('补充信息')!;
    let weights = 0;
    supplement.eachRow((line) => {
      if (line.getCell(1).value === project.code && line.getCell(3).value === '年度') {
        weights += Number(line.getCell(11).value);
      }
    });
    expect(weights).toBe(template.rows.reduce((sum, row) => sum + row.weight, 0));
  });

  it('the unit preparer finds the same button on their home, for their unit', async () => {
    const preparer = await personFor('unit-preparer', 'department');
    await preparer.goto(`${stack.url}/department`);
    await visible(preparer.getByText('本单位一个年度全部项目'));
    const { book } = await downloadFromHome(preparer, `下载 ${demoProjectYear} 年度申报表（XLSX）`);
    const names = book.worksheets.map((s) => s.name);
    expect(names).toContain(project.code);
    expect(names).not.toContain('DL2027FG0001');
  });

  it('refuses a year of more than 300 projects rather than cutting it short, and the button says why', async () => {
    // Copies of the project and its version under new ids and codes, written straight to the store:
    // taking 300 through the review would take minutes. With the department's demo projects, over 300.
    const tenant = demoTenant.id;
    const project = (await stack.store.get<StoredRecord>(tenant, projectKind, projectId))!;
    const target = (await stack.store.get<StoredRecord>(tenant, targetKind, String(project.currentTargetId)))!;
    const context = {
      actor: 'fixture:many-projects',
      actorRoles: [],
      requestId: uuidV7(),
      at: new Date().toISOString(),
    };
    const copy = async (i: number) => {
      const [id, targetId] = [uuidV7(), uuidV7()];
      const code = `${project.code}${String(i).padStart(3, '0')}`;
      const made = await stack.store.create(
        tenant,
        projectKind,
        { ...project, id, code, currentTargetId: targetId },
        { hash: `copy:${id}`, context: { ...context, requestId: uuidV7() } },
      );
      expect(made.outcome).toBe('created');
      const madeTarget = await stack.store.create(
        tenant,
        targetKind,
        { ...target, id: targetId, projectId: id, projectCode: code },
        { hash: `copy:${targetId}`, context: { ...context, requestId: uuidV7() } },
      );
      expect(madeTarget.outcome).toBe('created');
    };
    for (let i = 1; i <= 300; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => copy(i + k)));

    const reviewer = await personFor('dept-reviewer', 'department');
    await reviewer.goto(`${stack.url}/department`);
    const section = reviewer.getByRole('region', { name: '绩效目标申报表' });
    const [response] = await Promise.all([
      reviewer.waitForResponse((r) => r.url().includes('/target-declarations.xlsx')),
      section.getByRole('button', { name: `下载 ${demoProjectYear} 年度申报表（XLSX）` }).click(),
    ]);
    expect(response.status()).toBe(422);
    expect(response.headers()['content-type']).toContain('application/problem+json');
    const alert = section.getByRole('alert');
    await visible(alert);
    expect(await alert.textContent()).toContain('项目超过 300 个，无法在一个工作簿中导出');
    await section.scrollIntoViewIfNeeded();
    await screenshot(reviewer, 'department-home-declarations-refused', { fullPage: false });
  });

  it('reads in English and passes axe in both languages', async () => {
    const reviewer = await personFor('dept-reviewer', 'department');
    await reviewer.goto(`${stack.url}/department`);
    await visible(reviewer.getByRole('region', { name: '绩效目标申报表' }));
    expect(await audit(reviewer)).toEqual([]);
    await reviewer.getByRole('button', { name: 'English' }).click();
    const section = reviewer.getByRole('region', { name: 'Target declarations' });
    await visible(section);
    await visible(section.getByRole('button', { name: `Download the ${demoProjectYear} declarations (XLSX)` }));
    await visible(section.getByText('every project of your department'));
    expect(await section.getByLabel('Fiscal year').locator('option:checked').textContent()).toBe(
      String(demoProjectYear),
    );
    expect(await audit(reviewer)).toEqual([]);
    await section.scrollIntoViewIfNeeded();
    await screenshot(reviewer, 'department-home-declarations-en', { fullPage: false });
  });

  it('keeps every page within the security policy', () => {
    for (const watch of phones.watches) expect(watch.violations).toEqual([]);
  });
});
