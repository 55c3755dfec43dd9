import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentText } from '@jixiao/core/monitoring/percent-text.ts';
import { scoreText } from '@jixiao/core/self-evaluation/score-rounding.ts';
import { reportId } from '@jixiao/functions/monitoring/round-operations.ts';
import { selfEvaluationId } from '@jixiao/functions/self-evaluation/round-operations.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { demoRoundId } from '@jixiao/infra/local/demo-monitoring.ts';
import { demoSelfEvaluationRoundId } from '@jixiao/infra/local/demo-self-evaluation.ts';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import pixelmatch from 'pixelmatch';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifacts, audit, launch, repositoryRoot } from './browser.ts';
import { apiAs } from './people.ts';
import { Phones } from './phones.ts';
import { startWebStack } from './web-stack.ts';

/**
 * The print views of the three official forms (docs/domain/submission.md#print): the 申报表 of a
 * demo target version, the 监控表 of a demo monitoring report and the 自评表 of the demo's 2026
 * self-evaluation, each opened by the department reviewer (陈芳) at A4 under print media. Each is
 * compared pixel by pixel with a stored reference (test/e2e/references/, regenerated with
 * UPDATE_REFERENCES=1, docs/testing.md "Print references"); a page with one row hidden or the
 * signature lines moved must not pass. Its PDF (the browser's print) has the pages it should, A4 and
 * the right way round; its text has the form's headings, every indicator row and the signature
 * labels; axe passes in Chinese and English.
 */
let stack: LocalStack;
let browser: Browser;
let phones: Phones;

/** A4 at 96 dpi in CSS px: portrait for the 申报表 and 自评表, landscape for the 监控表. */
const A4 = { width: 794, height: 1123 };
const A4_LANDSCAPE = { width: 1123, height: 794 };
/** PDF points of A4 (MediaBox), portrait. */
const A4_POINTS = [595.28, 841.89];

const references = join(repositoryRoot, 'test/e2e/references');
const updating = process.env.UPDATE_REFERENCES === '1';
/**
 * Pixels that may differ from the reference (of some 0.9–1.9 million): room for a glyph's
 * anti-aliasing, far below what a row of the form (about 794 × 25) or a moved signature line changes.
 */
const tolerance = 400;

interface Form {
  name: string;
  path: string;
  viewport: { width: number; height: number };
  landscape: boolean;
  pages: number;
}

const forms = {
  declaration: {
    name: 'print-declaration',
    path: `/targets/${demoId('target:DL2027JY0001:1')}/print`,
    viewport: A4,
    landscape: false,
    pages: 1,
  },
  monitoring: {
    name: 'print-monitoring',
    path: `/monitoring/reports/${reportId(demoRoundId, demoId('project:DL2026JY0002'))}/print`,
    viewport: A4_LANDSCAPE,
    landscape: true,
    pages: 1,
  },
  selfEvaluation: {
    name: 'print-self-evaluation',
    path: `/self-evaluations/${selfEvaluationId(demoSelfEvaluationRoundId, demoId('project:DL2026JY0002'))}/print`,
    viewport: A4,
    landscape: false,
    pages: 1,
  },
} satisfies Record<string, Form>;

const reviewer = (): Promise<Page> => phones.of('dept-reviewer', 'department');
const api = async (path: string) => (await apiAs(await reviewer(), stack.url, 'GET', path)).body;

/** Opens a form's print view at A4 under print media, once its fonts are in. */
const openPrint = async (form: Form): Promise<Page> => {
  const p = await reviewer();
  await p.emulateMedia({ media: null });
  await p.setViewportSize(form.viewport);
  await p.goto(`${stack.url}${form.path}`);
  await p.locator('.print-sheet').waitFor({ state: 'visible' });
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  await p.emulateMedia({ media: 'print' });
  return p;
};

const shot = async (p: Page): Promise<PNG> =>
  PNG.sync.read(await p.screenshot({ fullPage: true, animations: 'disabled' }));

/** Differing pixels between two images of the same size; a different size differs everywhere. */
const differingPixels = (a: PNG, b: PNG): number =>
  a.width !== b.width || a.height !== b.height
    ? Math.max(a.width * a.height, b.width * b.height)
    : pixelmatch(a.data, b.data, null, a.width, a.height, { threshold: 0.1 });

/** The page against its stored reference (written instead with UPDATE_REFERENCES=1); the shot is kept in test/.artifacts. */
const compareWithReference = async (p: Page, form: Form): Promise<number> => {
  const image = await shot(p);
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, `${form.name}.png`), PNG.sync.write(image));
  const file = join(references, `${form.name}.png`);
  if (updating) {
    mkdirSync(references, { recursive: true });
    writeFileSync(file, PNG.sync.write(image));
  }
  if (!existsSync(file)) throw new Error(`${file} is missing: run this test with UPDATE_REFERENCES=1 once`);
  const reference = PNG.sync.read(readFileSync(file));
  const differing = differingPixels(image, reference);
  if (differing > tolerance) {
    writeFileSync(join(artifacts, `${form.name}-reference.png`), PNG.sync.write(reference));
  }
  return differing;
};

/** The page altered in the browser, compared with the reference: it must not pass for it. */
const alteredDiffers = async (form: Form, alter: (p: Page) => Promise<unknown>): Promise<number> => {
  const p = await openPrint(form);
  await alter(p);
  const reference = PNG.sync.read(readFileSync(join(references, `${form.name}.png`)));
  return differingPixels(await shot(p), reference);
};

const hideIndicator = (p: Page, name: string) =>
  p.evaluate((n) => {
    const row = [...document.querySelectorAll<HTMLElement>('tr[data-indicator]')].find(
      (r) => r.dataset.indicator === n,
    );
    if (!row) throw new Error(`no row ${n}`);
    row.style.display = 'none';
  }, name);

const moveSignatures = (p: Page) =>
  p.evaluate(() => {
    document.querySelector<HTMLElement>('.signatures')!.style.marginTop = '9mm';
  });

/** The PDF the browser prints: its page count and each page's size in points. */
const printPdf = async (p: Page): Promise<{ pages: number; boxes: number[][] }> => {
  const bytes = await p.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, `${new URL(p.url()).pathname.split('/')[1]}-print.pdf`), bytes);
  const pdf = bytes.toString('latin1');
  const pages = pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
  const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*([\d.\s-]+)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
  return { pages, boxes };
};

/** The text of every cell of the form, trimmed, in order. */
const cells = (p: Page) =>
  p.locator('.print-sheet th, .print-sheet td').evaluateAll((all) => all.map((c) => (c.textContent ?? '').trim()));

const signatureLabels = ['填报人：', '联系电话：', '单位负责人（签字）：', '单位（盖章）：', '日期：'];

const expectSignatures = async (p: Page) => {
  const text = await p.locator('.print-sheet .signatures').textContent();
  for (const label of signatureLabels) expect(text).toContain(label);
  // The signature block is the last thing on the paper, below the tables.
  const tableBottom = await p
    .locator('.print-sheet table')
    .last()
    .evaluate((t) => t.getBoundingClientRect().bottom);
  const signatureTop = await p.locator('.print-sheet .signatures').evaluate((s) => s.getBoundingClientRect().top);
  expect(signatureTop).toBeGreaterThan(tableBottom);
};

/** The app's chrome is not on the paper. */
const expectNoChrome = async (p: Page) => {
  for (const selector of ['header.app-header', '.print-tools', '.skip-link']) {
    const shown = await p.locator(selector).evaluateAll((all) => all.filter((e) => e.checkVisibility()).length);
    expect(shown, selector).toBe(0);
  }
};

beforeAll(async () => {
  stack = await startWebStack('e2e-print-views');
  browser = await launch();
  phones = new Phones(browser, stack.url, { viewport: A4, deviceScaleFactor: 1, reducedMotion: 'reduce' });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('the 项目支出绩效目标申报表 printed', () => {
  const form = forms.declaration;

  it('has the form’s headings, every indicator line, the money in 万元 and the signature lines', async () => {
    const target = await api(`/targets/${demoId('target:DL2027JY0001:1')}`);
    const p = await openPrint(form);
    await expectNoChrome(p);
    expect(await p.locator('.print-sheet h1').textContent()).toBe('项目支出绩效目标申报表');
    expect(await p.locator('.print-sheet .form-subtitle').textContent()).toBe(`（${target.fiscalYear}年度）`);
    const text = await cells(p);
    for (const heading of [
      '项目名称',
      '主管部门及代码',
      '实施单位',
      '项目属性',
      '项目期',
      '项目资金（万元）',
      '中期资金总额',
      '年度资金总额',
      '其中：财政拨款',
      '其他资金',
      '总体目标',
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '中期指标值',
      '年度指标值',
      '指标值设定依据及数据来源',
    ]) {
      expect(text, heading).toContain(heading);
    }
    expect(text).toContain(target.projectName);
    expect(text).toContain(target.annualGoal);
    // The department's code beside its name, as the reviewer may read the departments.
    expect(text.some((t) => /^.+（\d+）$/.test(t) && t.startsWith(target.departmentName))).toBe(true);
    // 年度资金总额 in 万元 from integer fen, exactly (no rounding of its own).
    expect(text).toContain(String(target.annualTotalFen / 1_000_000));
    const names = [...new Set((target.rows as { name: string }[]).map((r) => r.name.trim()))];
    const printed = await p
      .locator('tr[data-indicator]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.indicator));
    expect(printed.sort()).toEqual([...names].sort());
    // Every annual row's value as the form writes it, e.g. "≥42所".
    const annual = (target.rows as { period: string; operator: string; value: string; unit: string }[]).filter(
      (r) => r.period === 'ANNUAL' && r.operator !== 'QUALITATIVE',
    );
    expect(annual.length).toBeGreaterThan(0);
    const symbols: Record<string, string> = { GTE: '≥', LTE: '≤', EQ: '=', GT: '>', LT: '<' };
    for (const row of annual) {
      if (symbols[row.operator]) expect(text).toContain(`${symbols[row.operator]}${row.value}${row.unit}`);
    }
    await expectSignatures(p);
    // The unit head who sent it is named on their line, as the XLSX names them.
    const sent = (target.reviewLog as { action: string; byName: string }[]).findLast((s) => s.action === 'submit');
    if (sent) expect(await p.locator('.signatures').textContent()).toContain(sent.byName);
  });

  it('matches its reference at A4, and a row hidden or the signatures moved do not', async () => {
    const p = await openPrint(form);
    expect(await compareWithReference(p, form)).toBeLessThanOrEqual(tolerance);
    const last = await p.locator('tr[data-indicator]').last().getAttribute('data-indicator');
    expect(await alteredDiffers(form, (q) => hideIndicator(q, last!))).toBeGreaterThan(tolerance);
    expect(await alteredDiffers(form, moveSignatures)).toBeGreaterThan(tolerance);
  });

  it('prints to a PDF of A4 portrait pages', async () => {
    const p = await openPrint(form);
    const { pages, boxes } = await printPdf(p);
    expect(pages).toBe(form.pages);
    for (const box of boxes) expect([Math.round(box[2]!), Math.round(box[3]!)]).toEqual(A4_POINTS.map(Math.round));
  });
});

describe('the 项目支出绩效目标执行监控表 printed', () => {
  const form = forms.monitoring;
  const id = reportId(demoRoundId, demoId('project:DL2026JY0002'));

  it('has the form’s headings, every annual line with its ticks, the rates and the signature lines', async () => {
    const report = await api(`/monitoring-reports/${id}`);
    const p = await openPrint(form);
    await expectNoChrome(p);
    expect(await p.locator('.print-sheet h1').textContent()).toBe('项目支出绩效目标执行监控表');
    expect(await p.locator('.print-sheet .form-subtitle').textContent()).toBe(
      `（${report.fiscalYear}年度，数据截至 ${report.dataDate}）`,
    );
    const months = `1–${Number(report.dataDate.slice(5, 7))}月`;
    const text = await cells(p);
    for (const heading of [
      '项目名称',
      '项目编码',
      '主管部门及代码',
      '实施单位',
      '项目资金（万元）',
      '资金来源',
      '年初预算数',
      '全年预算数',
      `${months}执行数`,
      '执行率',
      '全年预计执行数',
      '年度总体目标',
      '年初设定目标',
      `${months}实际完成情况`,
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '度量单位',
      `${months}实际完成值`,
      '全年预计完成值',
      '偏差原因分析',
      '完成目标可能性',
      '偏差原因说明',
      '纠偏措施',
      '备注',
    ]) {
      expect(text, heading).toContain(heading);
    }
    // The total's rate is the report's own figure, printed by core's one rule.
    expect(text).toContain(`${percentText(report.assessment.executionRatePct)}%`);
    const lines = (report.lines as { period: string; name: string; likelihood: string | null }[]).filter(
      (l) => l.period === 'ANNUAL',
    );
    const printed = await p
      .locator('tr[data-indicator]')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.indicator));
    expect(printed.sort()).toEqual(lines.map((l) => l.name).sort());
    // One 完成目标可能性 tick per line that states it.
    const ticks = await p.locator('tr[data-indicator] td', { hasText: /^√$/ }).count();
    expect(ticks).toBeGreaterThanOrEqual(lines.filter((l) => l.likelihood).length);
    await expectSignatures(p);
  });

  it('matches its reference at A4 landscape, and a row hidden or the signatures moved do not', async () => {
    const p = await openPrint(form);
    expect(await compareWithReference(p, form)).toBeLessThanOrEqual(tolerance);
    const last = await p.locator('tr[data-indicator]').last().getAttribute('data-indicator');
    expect(await alteredDiffers(form, (q) => hideIndicator(q, last!))).toBeGreaterThan(tolerance);
    expect(await alteredDiffers(form, moveSignatures)).toBeGreaterThan(tolerance);
  });

  it('prints to a PDF of A4 landscape pages', async () => {
    const p = await openPrint(form);
    const { pages, boxes } = await printPdf(p);
    expect(pages).toBe(form.pages);
    for (const box of boxes) {
      expect([Math.round(box[2]!), Math.round(box[3]!)]).toEqual([...A4_POINTS].reverse().map(Math.round));
    }
  });
});

describe('the 项目支出绩效自评表 printed', () => {
  const form = forms.selfEvaluation;
  const id = selfEvaluationId(demoSelfEvaluationRoundId, demoId('project:DL2026JY0002'));

  it('has the form’s headings, every row with its score by the round’s rule, the total, the grade and the signature lines', async () => {
    const record = await api(`/self-evaluations/${id}`);
    const p = await openPrint(form);
    await expectNoChrome(p);
    expect(await p.locator('.print-sheet h1').textContent()).toBe('项目支出绩效自评表');
    expect(await p.locator('.print-sheet .form-subtitle').textContent()).toBe(`（${record.fiscalYear}年度）`);
    const text = await cells(p);
    for (const heading of [
      '项目名称',
      '项目编码',
      '主管部门',
      '实施单位',
      '项目资金（万元）',
      '年初预算数',
      '全年预算数',
      '全年执行数',
      '分值',
      '执行率',
      '得分',
      '年度资金总额',
      '年度总体目标',
      '预期目标',
      '实际完成情况',
      '绩效指标',
      '一级指标',
      '二级指标',
      '三级指标',
      '年度指标值',
      '实际完成值',
      '偏差原因分析及改进措施',
      '总分',
      '自评等级',
    ]) {
      expect(text, heading).toContain(heading);
    }
    const rounding = record.scoring.rounding;
    const rows = record.rows as { rowId: string; name: string }[];
    const printed = await p
      .locator('tr[data-indicator]')
      .evaluateAll((all) => all.map((r) => (r as HTMLElement).dataset.indicator));
    expect(printed.sort()).toEqual(rows.map((r) => r.name).sort());
    // Each row's score as the round's one rule prints it, on the row's own line.
    for (const scored of record.sheet.rows as { rowId: string; score: number | null; kind: string }[]) {
      const row = rows.find((r) => r.rowId === scored.rowId)!;
      const line = await p.locator(`tr[data-indicator="${row.name}"]`).textContent();
      if (scored.score !== null) expect(line).toContain(scoreText(scored.score, rounding));
    }
    expect(record.sheet.complete).toBe(true);
    const total = await p.locator('tr.total').textContent();
    expect(total).toContain(scoreText(record.sheet.total, rounding));
    expect(text).toContain(scoreText(record.sheet.execution.score, rounding));
    expect(text).toContain({ EXCELLENT: '优', GOOD: '良', FAIR: '中', POOR: '差' }[record.sheet.grade as string]);
    // The short first row's reasons, as the unit wrote them.
    expect(text.some((t) => t.includes('偏差原因：') && t.includes('改进措施：'))).toBe(true);
    await expectSignatures(p);
  });

  it('matches its reference at A4, and a row hidden or the signatures moved do not', async () => {
    const p = await openPrint(form);
    expect(await compareWithReference(p, form)).toBeLessThanOrEqual(tolerance);
    const last = await p.locator('tr[data-indicator]').last().getAttribute('data-indicator');
    expect(await alteredDiffers(form, (q) => hideIndicator(q, last!))).toBeGreaterThan(tolerance);
    expect(await alteredDiffers(form, moveSignatures)).toBeGreaterThan(tolerance);
  });

  it('prints to a PDF of A4 portrait pages', async () => {
    const p = await openPrint(form);
    const { pages, boxes } = await printPdf(p);
    expect(pages).toBe(form.pages);
    for (const box of boxes) expect([Math.round(box[2]!), Math.round(box[3]!)]).toEqual(A4_POINTS.map(Math.round));
  });
});

describe('the print views on the screen', () => {
  it('each record page links its print view', async () => {
    const p = await reviewer();
    await p.emulateMedia({ media: null });
    for (const [record, form] of [
      [`/targets/${demoId('target:DL2027JY0001:1')}`, forms.declaration],
      [`/monitoring/reports/${reportId(demoRoundId, demoId('project:DL2026JY0002'))}`, forms.monitoring],
      [
        `/self-evaluations/${selfEvaluationId(demoSelfEvaluationRoundId, demoId('project:DL2026JY0002'))}`,
        forms.selfEvaluation,
      ],
    ] as const) {
      await p.goto(`${stack.url}${record}`);
      const link = p.getByRole('link', { name: '打印', exact: true });
      await link.waitFor({ state: 'visible' });
      expect(await link.getAttribute('href')).toBe(form.path);
    }
  });

  it('pass axe in Chinese and in English, the form staying in Chinese', async () => {
    for (const language of ['中文', 'English']) {
      for (const form of Object.values(forms)) {
        const p = await openPrint(form);
        await p.emulateMedia({ media: null });
        if (language === 'English' && form === forms.declaration) {
          await p.getByRole('button', { name: 'English' }).click();
        }
        const button = p.getByRole('button', {
          name: language === 'English' ? 'Print / save as PDF' : '打印 / 保存为 PDF',
        });
        await button.waitFor({ state: 'visible' });
        expect(await p.locator('.print-sheet').getAttribute('lang')).toBe('zh-CN');
        expect(await audit(p), `${form.name} in ${language}`).toEqual([]);
      }
    }
    // Back to Chinese for whoever uses this device next.
    const p = await reviewer();
    await p.getByRole('button', { name: '中文' }).click();
  });

  it('keeps every page within the security policy', () => {
    for (const watch of phones.watches) expect(watch.violations).toEqual([]);
  });
});
