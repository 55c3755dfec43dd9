import { uuidV7 } from '@jixiao/core/ids.ts';
import { exAnteAttachmentKey } from '@jixiao/core/submission/ex-ante-assessment.ts';
import { engagementKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import type { RecordKind, StoredRecord } from '@jixiao/functions/ports/record-store.ts';
import { exAnteKind, projectKind, targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import { demoEngagementId } from '@jixiao/infra/local/demo-fieldwork.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/**
 * A lone UTF-16 surrogate used to be accepted and then broke every file named after it (the
 * target table, an ex-ante attachment's download, the working papers) with a 500 on every try.
 * The API now refuses it; a record that holds one from before still downloads, under a safe name.
 */
let stack: TestStack;
let reviewer: string;
const tenant = demoTenant.id;

beforeAll(async () => {
  stack = await startTestStack();
  reviewer = await stack.tokenFor('perf-reviewer');
});
afterAll(() => stack?.stop());

/** Writes straight to the store, as data saved before the fix would be. */
const spoil = async <T extends StoredRecord>(kind: RecordKind, id: string, change: (r: T) => Partial<T>) => {
  const before = await stack.store.get<T>(tenant, kind, id);
  if (!before) throw new Error(`no ${kind.type} ${id}`);
  const after = { ...before, ...change(before), version: before.version + 1 } as T;
  const outcome = await stack.store.update(tenant, kind, before, after, {
    actor: 'test',
    actorRoles: [],
    requestId: uuidV7(),
    at: new Date().toISOString(),
  });
  expect(outcome.outcome).toBe('updated');
};

const first = async (kind: RecordKind) => {
  const page = await stack.store.list<StoredRecord>(tenant, kind, { limit: 1 });
  if (!page.items[0]) throw new Error(`no ${kind.type}`);
  return page.items[0];
};

const expectSafeName = (disposition: string | null) => {
  expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
  const name = decodeURIComponent(disposition!.split("UTF-8''")[1]!);
  expect(name).toContain('\ufffd');
};

describe('ill-formed text', () => {
  it('is refused in a text field with a field error, in both languages, and nothing is written', async () => {
    const token = await stack.tokenFor('admin');
    const before = (await stack.call('GET', '/api/v1/departments?limit=100', { token })).body.items.length;
    const body = {
      id: uuidV7(),
      code: '778',
      name: '东丽区\ud800局',
      series: 'GOVERNMENT',
      financeSectionId: demoId('section:JKW'),
    };
    for (const language of ['zh-CN', 'en']) {
      const response = await stack.call('POST', '/api/v1/departments', {
        token,
        body,
        headers: { 'accept-language': language },
      });
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(response.body.type).toBe('urn:jixiao:problem:validation-failed');
      expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '/name', code: 'well_formed' })]);
      expect(response.body.errors[0].message).toMatch(language === 'en' ? /unpaired surrogate/ : /代理项/);
    }
    expect((await stack.call('GET', '/api/v1/departments?limit=100', { token })).body.items).toHaveLength(before);
  });

  it('stored before: the target table still downloads, under a safe name', async () => {
    const target = await first(targetKind);
    await spoil(projectKind, String(target.projectId), (p) => ({ name: `${p.name}\ud800\r\n` }));
    const response = await fetch(`${stack.url}/api/v1/targets/${target.id}/declaration.xlsx`, {
      headers: { authorization: `Bearer ${reviewer}` },
    });
    expect(response.status).toBe(200);
    expectSafeName(response.headers.get('content-disposition'));
  });

  it('stored before: an ex-ante attachment’s download link is still signed, with a safe name', async () => {
    const assessment = await first(exAnteKind);
    const attachmentId = uuidV7();
    await spoil(exAnteKind, assessment.id, () => ({
      attachments: [
        {
          id: attachmentId,
          key: exAnteAttachmentKey(tenant, assessment.id, attachmentId),
          name: '评估报告\udc00.pdf',
          contentType: 'application/pdf',
          sizeBytes: 3,
          sha256: '0'.repeat(64),
        },
      ],
    }));
    const response = await stack.call(
      'GET',
      `/api/v1/ex-ante-assessments/${assessment.id}/attachments/${attachmentId}`,
      {
        token: reviewer,
      },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expectSafeName(new URL(response.body.url).searchParams.get('response-content-disposition'));
  });

  it('stored before: the working papers are still packed and linked, with a safe name', async () => {
    await spoil(engagementKind, demoEngagementId, (e) => ({ title: `${e.title}\ud800` }));
    const response = await stack.call('POST', `/api/v1/engagements/${demoEngagementId}/working-papers`, {
      token: reviewer,
      body: { id: uuidV7() },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expectSafeName(new URL(response.body.url).searchParams.get('response-content-disposition'));
    const zip = await fetch(response.body.url);
    expect(zip.status).toBe(200);
    expect((await zip.arrayBuffer()).byteLength).toBeGreaterThan(100);
  });
});
