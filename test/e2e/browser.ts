import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A phone first: 390×844 is the viewport every screen is designed for. */
export const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

export const repositoryRoot = resolve(import.meta.dirname, '../..');
export const webBuild = join(repositoryRoot, 'web/build');
export const artifacts = join(repositoryRoot, 'test/.artifacts');

export const launch = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });

/**
 * A persistent (non-incognito) profile: Chromium reports `in-incognito` as an installability
 * error for ordinary headless contexts, so the install check needs a real user-data dir.
 */
export const launchPersistent = async (): Promise<{ context: BrowserContext; close: () => Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    ...phone,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/**
 * Saves `test/.artifacts/<name>.png` (the whole page, or the viewport while a modal dialog is
 * open) and fails if the page scrolls sideways, the commonest layout fault on a phone.
 */
export const screenshot = async (page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> => {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: options.fullPage ?? true });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  // A phone (isMobile) widens its layout viewport to fit a page that is too wide and zooms out, so
  // innerWidth grows with the fault; the device's own width is the measure.
  const width = Math.min(innerWidth, page.viewportSize()?.width ?? innerWidth);
  if (scrollWidth > width) throw new Error(`${name}: the page is ${scrollWidth}px wide in a ${width}px viewport`);
};

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.1 A and AA findings on the page as it stands, one line each. Injected through the DevTools
 * protocol, so the page's CSP stays strict.
 */
export const audit = async (page: Page): Promise<string[]> => {
  const violations = (await page.evaluate(
    `${axeSource};axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then(r => r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({ target: n.target })) })))`,
  )) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

/**
 * WCAG 1.4.10 (reflow), which axe cannot see: nothing may make the page wider than the phone. A long English label
 * once did, and the buttons it pushed off screen could no longer be tapped. Empty, or one line naming the widest parts.
 */
export const reflow = async (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 1)
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`);
    return [
      `reflow: the page is ${document.documentElement.scrollWidth} px wide on a ${width} px phone — ${wide.join(', ')}`,
    ];
  });

export interface SecurityWatch {
  violations: string[];
  pageErrors: string[];
}

/**
 * Collects CSP violations (the `securitypolicyviolation` event and Chromium's `Refused to …`
 * console lines) and uncaught page errors for every page of a context.
 */
export const watchSecurity = async (context: BrowserContext): Promise<SecurityWatch> => {
  const watch: SecurityWatch = { violations: [], pageErrors: [] };
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => {
    watch.violations.push(text);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
      report?.(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  const attach = (page: Page) => {
    page.on('console', (message) => {
      const text = message.text();
      if (/Refused to|Content Security Policy/i.test(text)) watch.violations.push(text);
    });
    page.on('pageerror', (error) => watch.pageErrors.push(error.message));
  };
  context.pages().forEach(attach);
  context.on('page', attach);
  return watch;
};
