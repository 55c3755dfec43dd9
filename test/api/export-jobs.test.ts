import { uuidV7 } from '@jixiao/core/ids.ts';
import { evidenceStoreFromEnv } from '@jixiao/functions/adapters/s3/evidence-store-from-env.ts';
import { departmentExports, packExport, planExport } from '@jixiao/functions/export-jobs/pack-export.ts';
import { runExportJob } from '@jixiao/functions/export-jobs/run-export-job.ts';
import { readXlsx } from '@jixiao/functions/import/xlsx/read-xlsx.ts';
import { openZip } from '@jixiao/functions/import/xlsx/unzip.ts';
import { selfEvaluationKind, selfEvaluationTallyKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { type StoredSelfEvaluation, selfEvaluationTalliesOf } from '@jixiao/functions/self-evaluation/tally-writes.ts';
import { demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedExportJob } from '../support/export-job-fixture.ts';
import {
  demoDevelopment,
  demoEducation,
  seedMonitoringReports,
  seedMonitoringRound,
} from '../support/monitoring-fixture.ts';
import { seedSelfEvaluation, seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * The bureau's exports across departments (issue 12 item 6) through the local gateway and the local Lambda Invoke:
 * asking answers at once with a QUEUED job; the job runs off the request path, its progress reaching every department;
 * the file is a ZIP with the contents workbook and one workbook per department, fetched by a signed link. A retried
 * request replays, a changed one is refused; bad input changes nothing; a runner that cannot be asked leaves a FAILED
 * job and a 503; a round with nothing to pack, a second run of a done job and a stalled run all end as they should.
 */
let stack: TestStack;
const tokens: Record<string, string> = {};
let monitoringRound = '';
let emptyRound = '';
let selfRound = '';

const zipLimits = { maxEntries: 1000, maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024 };

const finished = async (id: string) => {
  for (let i = 0; i < 150; i++) {
    const read = await stack.call('GET', `/api/v1/export-jobs/${id}`, { token: tokens.perf! });
    expect(read.status).toBe(200);
    if (read.body.state === 'DONE' || read.body.state === 'FAILED') return read.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`export ${id} did not finish`);
};

const download = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return openZip(Buffer.from(await response.arrayBuffer()), zipLimits);
};

beforeAll(async () => {
  stack = await startTestStack();
  tokens.perf = await stack.tokenFor('perf-reviewer');
  tokens.preparer = await stack.tokenFor('unit-preparer');
  tokens.deptReviewer = await stack.tokenFor('dept-reviewer');
  monitoringRound = await seedMonitoringRound(stack.store, demoTenant.id);
  await seedMonitoringReports(stack.store, demoTenant.id, monitoringRound, demoEducation, [
    'DRAFT',
    'FINAL_APPROVED',
    'FINAL_APPROVED',
  ]);
  await seedMonitoringReports(stack.store, demoTenant.id, monitoringRound, demoDevelopment, ['FINAL_APPROVED']);
  emptyRound = await seedMonitoringRound(stack.store, demoTenant.id);
  selfRound = await seedSelfEvaluationRound(stack.store, demoTenant.id);
  await seedSelfEvaluation(stack.store, demoTenant.id, selfRound, demoEducation);
  await seedSelfEvaluation(stack.store, demoTenant.id, selfRound, demoDevelopment);
}, 120_000);

afterAll(() => stack?.stop());

describe('an export of a monitoring round across departments', () => {
  const body = () => ({ id: uuidV7(), kind: 'monitoring-round', roundId: monitoringRound });
  let asked: ReturnType<typeof body>;

  it('answers at once with the job, queued, and packs every department with progress to the end', async () => {
    asked = body();
    const created = await stack.call('POST', '/api/v1/export-jobs', { token: tokens.perf!, body: asked });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: asked.id, kind: 'monitoring-round', roundId: monitoringRound });
    expect(['QUEUED', 'RUNNING', 'DONE']).toContain(created.body.state);
    expect(created.body.title).toContain('全部部门');

    const done = await finished(asked.id);
    expect(done.state).toBe('DONE');
    expect(done.progress).toEqual({ done: 2, total: 2 });
    expect(done.records).toBe(4);
    expect(done.failure).toBeNull();
    expect(done.stalled).toBe(false);
    expect(done.file.name).toMatch(/\.zip$/);
    expect(done.download.url).toContain('export-job');

    const archive = await download(done.download.url);
    const departmentFiles = archive.names.filter((n) => n !== '目录.xlsx');
    expect(archive.names).toContain('目录.xlsx');
    expect(departmentFiles).toHaveLength(2);
    const education = departmentFiles.find((n) => n.includes(demoEducation.name))!;
    expect(education).toMatch(/^运行监控-.+\/.+\.xlsx$/);
    // The department's own workbook: its summary sheet and one 运行监控表 per report.
    const book = readXlsx(archive.read(education));
    expect(book.sheets.length).toBeGreaterThanOrEqual(3 + 1);

    const contents = readXlsx(archive.read('目录.xlsx'));
    expect(contents.sheets).toHaveLength(1);
    const text = JSON.stringify(contents.sheets[0]);
    expect(text).toContain(demoEducation.name);
    expect(text).toContain(demoDevelopment.name);
    expect(text).toContain(education);
  });

  it('replays a retried request without a second job, and refuses the same id with another body', async () => {
    const again = await stack.call('POST', '/api/v1/export-jobs', { token: tokens.perf!, body: asked });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(asked.id);
    const changed = await stack.call('POST', '/api/v1/export-jobs', {
      token: tokens.perf!,
      body: { ...asked, roundId: emptyRound },
    });
    expect(changed.status).toBe(409);
    const list = await stack.call('GET', '/api/v1/export-jobs', { token: tokens.perf! });
    expect(list.body.items.filter((j: { id: string }) => j.id === asked.id)).toHaveLength(1);
  });

  it('a second run of a job already done does nothing', async () => {
    const outcome = await runExportJob(stack.store, evidenceStoreFromEnv(), departmentExports, {
      tenant: demoTenant.id,
      jobId: asked.id,
    });
    expect(outcome.state).toBe('taken');
  });
});

describe('the year and the self-evaluation round', () => {
  it('a year packs every issued round of the year, monitoring and self-evaluation, each in its folder', async () => {
    const id = uuidV7();
    const created = await stack.call('POST', '/api/v1/export-jobs', {
      token: tokens.perf!,
      body: { id, kind: 'year', fiscalYear: 2026 },
    });
    expect(created.status).toBe(201);
    const done = await finished(id);
    expect(done.state).toBe('DONE');
    expect(done.progress.done).toBe(done.progress.total);
    const archive = await download(done.download.url);
    expect(archive.names.some((n) => n.startsWith('运行监控-') && n.includes(demoDevelopment.name))).toBe(true);
    const selfFiles = archive.names.filter((n) => n.startsWith('绩效自评-'));
    expect(selfFiles).toHaveLength(2);
    // A department's 自评表 workbook: the contents sheet and one sheet per self-evaluation.
    expect(readXlsx(archive.read(selfFiles[0]!)).sheets).toHaveLength(1 + 1);
    // One contents sheet per round packed.
    expect(readXlsx(archive.read('目录.xlsx')).sheets.length).toBeGreaterThanOrEqual(2);
  });

  it('a self-evaluation round packs its departments only', async () => {
    const id = uuidV7();
    await stack.call('POST', '/api/v1/export-jobs', {
      token: tokens.perf!,
      body: { id, kind: 'self-evaluation-round', roundId: selfRound },
    });
    const done = await finished(id);
    expect(done).toMatchObject({ state: 'DONE', progress: { done: 2, total: 2 }, records: 2 });
  });

  it('packs a department with more self-evaluations than a workbook holds into several, every one kept', async () => {
    // A second self-evaluation of 教育局 beside the first, its department's tally counting it, as the API keeps it.
    const tenant = demoTenant.id;
    const owned = await stack.store.list<StoredSelfEvaluation>(tenant, selfEvaluationKind, {
      limit: 10,
      ownerId: `${selfRound}#${demoEducation.id}`,
    });
    const first = owned.items[0]!;
    const context = { actor: 'test', actorRoles: [], requestId: uuidV7(), at: new Date().toISOString() };
    const second = { ...first, id: uuidV7(), projectCode: `${first.projectCode}-2`, projectName: '第二个项目' };
    expect((await stack.store.create(tenant, selfEvaluationKind, second, { hash: second.id, context })).outcome).toBe(
      'created',
    );
    const tally = (await selfEvaluationTalliesOf(stack.store, tenant, selfRound)).find(
      (t) => t.departmentId === demoEducation.id,
    )!;
    const counted = { ...tally, version: tally.version + 1, selfEvaluations: tally.selfEvaluations + 1 };
    expect((await stack.store.update(tenant, selfEvaluationTallyKind, tally, counted, context)).outcome).toBe(
      'updated',
    );

    const sections = await planExport(stack.store, tenant, {
      kind: 'self-evaluation-round',
      roundId: selfRound,
      fiscalYear: 2026,
    });
    const packed = await packExport(stack.store, tenant, sections, async () => undefined, 1);
    expect(packed.records).toBe(3);
    const archive = openZip(Buffer.from(packed.bytes), zipLimits);
    const education = archive.names.filter((n) => n.includes(demoEducation.name)).sort();
    expect(education).toHaveLength(2);
    expect(education[0]).toMatch(/-第1册\.xlsx$/);
    expect(education[1]).toMatch(/-第2册\.xlsx$/);
    for (const name of education) expect(readXlsx(archive.read(name)).sheets).toHaveLength(1 + 1);
    const contents = JSON.stringify(readXlsx(archive.read('目录.xlsx')).sheets[0]);
    for (const name of education) expect(contents).toContain(name);
  });
});

describe('refusals and failures', () => {
  it('bad input is a 4xx and records no job', async () => {
    const cases = [
      { body: { id: uuidV7(), kind: 'year' }, status: 400 },
      { body: { id: uuidV7(), kind: 'monitoring-round', roundId: monitoringRound, fiscalYear: 2026 }, status: 400 },
      { body: { id: 'not-a-uuid', kind: 'year', fiscalYear: 2026 }, status: 400 },
      { body: { id: uuidV7(), kind: 'monitoring-round', roundId: uuidV7() }, status: 422 },
    ];
    for (const { body, status } of cases) {
      const answer = await stack.call('POST', '/api/v1/export-jobs', { token: tokens.perf!, body });
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      const read = await stack.call('GET', `/api/v1/export-jobs/${body.id}`, { token: tokens.perf! });
      if (body.id !== 'not-a-uuid') expect(read.status).toBe(404);
    }
  });

  it('only the performance section exports across departments', async () => {
    for (const who of ['preparer', 'deptReviewer']) {
      const answer = await stack.call('POST', '/api/v1/export-jobs', {
        token: tokens[who]!,
        body: { id: uuidV7(), kind: 'year', fiscalYear: 2026 },
      });
      expect(answer.status, who).toBe(403);
    }
  });

  it('a round with nothing to pack fails the job, saying why', async () => {
    const id = uuidV7();
    await stack.call('POST', '/api/v1/export-jobs', {
      token: tokens.perf!,
      body: { id, kind: 'monitoring-round', roundId: emptyRound },
    });
    const done = await finished(id);
    expect(done.state).toBe('FAILED');
    expect(done.failure.code).toBe('nothing-to-export');
    expect(done.download).toBeNull();
  });

  it('when the runner cannot be asked, the answer is 503 and the job says it failed', async () => {
    const endpoint = process.env.LAMBDA_ENDPOINT;
    process.env.LAMBDA_ENDPOINT = 'http://127.0.0.1:1';
    const id = uuidV7();
    try {
      const answer = await stack.call('POST', '/api/v1/export-jobs', {
        token: tokens.perf!,
        body: { id, kind: 'year', fiscalYear: 2026 },
      });
      expect(answer.status).toBe(503);
    } finally {
      process.env.LAMBDA_ENDPOINT = endpoint;
    }
    const read = await stack.call('GET', `/api/v1/export-jobs/${id}`, { token: tokens.perf! });
    expect(read.body).toMatchObject({ state: 'FAILED', failure: { code: 'error' } });
  });

  it('a run that stopped is reported stalled, and a late run marks it failed', async () => {
    const id = await seedExportJob(stack.store, demoTenant.id, { state: 'RUNNING', at: '2026-01-05T00:00:00.000Z' });
    const read = await stack.call('GET', `/api/v1/export-jobs/${id}`, { token: tokens.perf! });
    expect(read.body).toMatchObject({ state: 'RUNNING', stalled: true });
    const outcome = await runExportJob(stack.store, evidenceStoreFromEnv(), departmentExports, {
      tenant: demoTenant.id,
      jobId: id,
    });
    expect(outcome.state).toBe('FAILED');
    const after = await stack.call('GET', `/api/v1/export-jobs/${id}`, { token: tokens.perf! });
    expect(after.body).toMatchObject({ state: 'FAILED', stalled: false, failure: { code: 'stalled' } });
  });

  it('lists the exports newest first, at most 50 a page', async () => {
    const list = await stack.call('GET', '/api/v1/export-jobs?limit=50', { token: tokens.perf! });
    expect(list.status).toBe(200);
    const times = list.body.items.map((j: { requestedAt: string }) => j.requestedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(list.body.items.every((j: { download: unknown }) => j.download === null)).toBe(true);
    const tooMany = await stack.call('GET', '/api/v1/export-jobs?limit=51', { token: tokens.perf! });
    expect(tooMany.status).toBe(400);
  });
});
