import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoAssignmentId, demoQuestionnaireId } from '@jixiao/infra/local/demo-fieldwork.ts';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import { type BrowserContext, chromium } from 'playwright-core';
import type { FieldPackage } from '../../core/src/fieldwork/field-package.ts';
import type { LocalRecord } from '../../web/src/lib/field/local-record.ts';
import { newContent } from '../../web/src/lib/field/new-record.ts';
import { chromiumArgs, chromiumPath, phone, webBuild } from '../e2e/browser.ts';

/**
 * The field app's budgets (docs/decisions.md#15-budgets-measured-by-npm-run-bench) (`npm run bench`, section 4): the JavaScript the
 * evaluator's home (/field) loads first, gzipped; Lighthouse's mobile performance and
 * accessibility scores for it (Lighthouse 12.2.3, simulated throttling, fully offline here); and
 * the outbox drain: N questionnaire responses finished offline on the phone reach the server once
 * the network is back, counted on the server (exactly N, no id twice).
 */
const lighthouseRuns = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const drainRecords = Number(process.env.BENCH_OUTBOX_RECORDS ?? 1000);
const evaluatorId = demoId('user:evaluator');

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
      id: evaluatorId,
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

/**
 * Responses as the questionnaire screen leaves them when the evaluator taps 完成 (the app's own
 * `newContent`, answered, queued), written to the phone's database while it is offline.
 */
const finishedResponses = (pkg: FieldPackage, count: number): LocalRecord[] => {
  const questionnaire = pkg.engagement.questionnaires.find((q) => q.id === demoQuestionnaireId)!;
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.now() - (count - i) * 1000).toISOString();
    const blank = newContent(pkg, { type: 'SURVEY_RESPONSE', questionnaireId: questionnaire.id }, at);
    if (blank.type !== 'SURVEY_RESPONSE') throw new Error('not a questionnaire response');
    const content = {
      ...blank,
      respondentCode: `B${String(i + 1).padStart(4, '0')}`,
      answers: questionnaire.questions.map((q, j) => ({
        questionId: q.id,
        likert: q.kind === 'LIKERT' ? 1 + ((i + j) % 5) : null,
        choice: q.kind === 'CHOICE' ? (q.options[i % q.options.length] ?? null) : null,
      })),
    };
    return {
      id: uuidV7(),
      assignmentId: pkg.assignment.id,
      engagementId: pkg.engagement.id,
      type: 'SURVEY_RESPONSE',
      title: questionnaire.title,
      content,
      queued: content,
      queuedAt: at,
      createSent: null,
      serverVersion: null,
      lastSent: null,
      uploadedPhotoIds: [],
      attachedPhotoIds: [],
      attention: null,
      conflict: null,
      updatedAt: at,
    };
  });
};

/** Ids of every record of the demo assignment on the server. */
const serverIds = async (origin: string, token: string, engagementId: string): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ assignmentId: demoAssignmentId, limit: '100', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${origin}/api/v1/engagements/${engagementId}/field-records?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as { items: { id: string }[]; nextCursor?: string };
    ids.push(...page.items.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
};

const outboxDrain = async (origin: string, session: string) => {
  const token = (JSON.parse(session) as { idToken: string }).idToken;
  const pkg = (await (
    await fetch(`${origin}/api/v1/assignments/${demoAssignmentId}/package`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as FieldPackage;
  const records = finishedResponses(pkg, drainRecords);
  const before = (await serverIds(origin, token, pkg.engagement.id)).length;
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  try {
    const context = await browser.newContext(phone);
    await withSession(context, origin, session);
    const page = await context.newPage();
    await page.goto(`${origin}/field`, { waitUntil: 'networkidle' });
    // The app has synced and opened the evaluator's database; now the phone loses its signal.
    await context.setOffline(true);
    await page.evaluate(
      ({ name, items }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('records', 'readwrite');
            for (const item of items) tx.objectStore('records').put(item);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      { name: `jixiao-field-${evaluatorId}`, items: records },
    );
    const started = performance.now();
    await context.setOffline(false);
    let arrived: string[] = [];
    while (performance.now() - started < 180_000) {
      arrived = (await serverIds(origin, token, pkg.engagement.id)).slice(before);
      if (arrived.length >= records.length) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (performance.now() - started) / 1000;
    const sent = new Set(records.map((r) => r.id));
    return {
      seconds,
      arrived: arrived.length,
      unique: new Set(arrived).size,
      missing: records.filter((r) => !arrived.includes(r.id)).length,
      foreign: arrived.filter((id) => !sent.has(id)).length,
    };
  } finally {
    await browser.close();
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
    const drain = await outboxDrain(stack.url, session);
    console.log(
      `   outbox drain: ${drainRecords} questionnaire responses finished offline reached the server in ${fmt(drain.seconds)} s (budget ≤ 60 s): ${drain.arrived} arrived, ${drain.unique} distinct, ${drain.missing} missing, ${drain.arrived - drain.unique} duplicates (budget 0)`,
    );
    console.log(
      `   Lighthouse 12.2.3 mobile, median of ${runs.length}: performance ${median(runs.map((r) => r.performance))}, accessibility ${median(runs.map((r) => r.accessibility))} (budget ≥ 95 each); LCP ${fmt(median(runs.map((r) => r.lcp)), 0)} ms, TBT ${fmt(median(runs.map((r) => r.tbt)), 0)} ms`,
    );
  } finally {
    await stack.stop();
  }
};
