import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import { type BrowserContext, chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, phone, webBuild } from '../e2e/browser.ts';

/**
 * The field app's figures of DESIGN.md §6 (`npm run bench`, section 4): the JavaScript the
 * evaluator's home (/field) loads first, gzipped; Lighthouse's mobile performance and
 * accessibility scores for it (Lighthouse 12.2.3, simulated throttling, fully offline here).
 */
const lighthouseRuns = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)] ?? NaN;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** The evaluator 孙强 of the demo, signed in by a token in localStorage as the sign-in page leaves it. */
const signIn = async (stack: LocalStack) => {
  const { idToken, expiresAt } = await stack.identityProvider.issueIdToken(
    {
      id: demoId('user:evaluator'),
      displayName: '孙强',
      tenant: demoTenant.id,
      roles: ['evaluator'],
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
    },
    3600,
  );
  return JSON.stringify({ idToken, expiresAt });
};

const withSession = async (context: BrowserContext, origin: string, session: string) => {
  const page = await context.newPage();
  // A same-origin page that runs no app code, so nothing is cached or registered before the run.
  await page.goto(`${origin}/config.json`);
  await page.evaluate((s) => localStorage.setItem('jixiao.session', s), session);
  await page.close();
};

/** Scripts the first route loads: every same-origin JS response until the network is idle. */
const firstLoadJs = async (origin: string, session: string) => {
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    const context = await browser.newContext(phone);
    await withSession(context, origin, session);
    const page = await context.newPage();
    const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script' || !response.url().startsWith(origin)) return;
      scripts.push(
        response.body().then((body) => ({ url: response.url(), raw: body.length, gzip: gzipSync(body).length })),
      );
    });
    await page.goto(`${origin}/field`, { waitUntil: 'networkidle' });
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const loaded = await Promise.all(scripts);
    return {
      files: loaded.length,
      raw: loaded.reduce((s, f) => s + f.raw, 0),
      gzip: loaded.reduce((s, f) => s + f.gzip, 0),
    };
  } finally {
    await browser.close();
  }
};

/** One Lighthouse run on a fresh profile that holds only the session. */
const lighthouseOnce = async (origin: string, session: string) => {
  const port = await freePort();
  const profile = mkdtempSync(join(os.tmpdir(), 'jixiao-lighthouse-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, `--remote-debugging-port=${port}`],
  });
  try {
    await withSession(context, origin, session);
    const { default: lighthouse } = await import('lighthouse');
    const result = await lighthouse(`${origin}/field`, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      // Keeps the session just written; the profile is new, so nothing else is cached.
      disableStorageReset: true,
    });
    const categories = result?.lhr.categories;
    return {
      performance: Math.round((categories?.performance?.score ?? 0) * 100),
      accessibility: Math.round((categories?.accessibility?.score ?? 0) * 100),
      lcp: Number(result?.lhr.audits['largest-contentful-paint']?.numericValue ?? NaN),
      tbt: Number(result?.lhr.audits['total-blocking-time']?.numericValue ?? NaN),
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
};

export const benchFieldApp = async (dynamoEndpoint: string): Promise<void> => {
  const stack = await startLocalStack({ dynamoEndpoint, tableName: 'bench-field', webRoot: webBuild });
  try {
    const session = await signIn(stack);
    const js = await firstLoadJs(stack.url, session);
    console.log('4. Field app (the evaluator’s home, /field, on a 390×844 phone)');
    console.log(
      `   first-load JS: ${js.files} files, ${fmt(js.raw / 1024)} KB raw, ${fmt(js.gzip / 1024)} KB gzip (budget ≤ 120 KB gzip)`,
    );
    const runs = [];
    for (let i = 0; i < lighthouseRuns; i++) runs.push(await lighthouseOnce(stack.url, session));
    console.log(
      `   Lighthouse 12.2.3 mobile, median of ${runs.length}: performance ${median(runs.map((r) => r.performance))}, accessibility ${median(runs.map((r) => r.accessibility))} (budget ≥ 95 each); LCP ${fmt(median(runs.map((r) => r.lcp)), 0)} ms, TBT ${fmt(median(runs.map((r) => r.tbt)), 0)} ms`,
    );
  } finally {
    await stack.stop();
  }
};
