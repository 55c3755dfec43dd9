import type { FieldPackage } from '@jixiao/core/fieldwork/field-package.ts';
import type { DeclaredPhoto } from '@jixiao/core/fieldwork/field-record.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { describe, expect, it } from 'vitest';
import {
  ageOf,
  canonical,
  contentOfCreate,
  type LocalRecord,
  localCopyOfServer,
  nextStep,
  recordState,
  sendOrder,
  unsentSummary,
} from '#lib/field/local-record.ts';
import { newLocalRecord } from '#lib/field/new-record.ts';

const pkg = {
  assignment: { id: uuidV7() },
  engagement: { id: uuidV7(), interviewQuestions: [], questionnaires: [], indicators: [] },
  sites: [{ id: uuidV7(), name: '新立街道' }],
} as unknown as FieldPackage;

const photo = (): DeclaredPhoto => ({
  id: uuidV7(),
  sha256: 'a'.repeat(64),
  sizeBytes: 1000,
  contentType: 'image/jpeg',
  width: 1600,
  height: 1067,
  caption: '',
  takenAt: '2026-11-26T09:00:00.000Z',
  position: null,
});

const queuedVisit = (photos: DeclaredPhoto[] = [], queuedAt = '2026-11-26T09:00:00.000Z'): LocalRecord => {
  const r = newLocalRecord(uuidV7(), pkg, { type: 'INTERVIEW' }, '2026-11-26T08:00:00.000Z');
  const content = { ...r.content, photos };
  return { ...r, content, queued: content, queuedAt };
};

describe('nextStep: the order of requests for one record', () => {
  it('sends nothing for a draft', () => {
    const draft = newLocalRecord(uuidV7(), pkg, { type: 'INTERVIEW' }, '2026-11-26T08:00:00.000Z');
    expect(nextStep(draft)).toBeNull();
    expect(recordState(draft)).toBe('draft');
  });

  it('creates first, then uploads and attaches each photo, then is done', () => {
    const [a, b] = [photo(), photo()];
    let r = queuedVisit([a, b]);
    const create = nextStep(r);
    expect(create).toMatchObject({ kind: 'create', fresh: true });
    expect(create?.kind === 'create' && create.body).toMatchObject({ id: r.id, assignmentId: r.assignmentId });

    r = { ...r, createSent: create?.kind === 'create' ? create.body : null };
    expect(nextStep(r)).toMatchObject({ kind: 'create', fresh: false });

    r = { ...r, serverVersion: 1, lastSent: contentOfCreate(r.createSent!) };
    expect(nextStep(r)).toEqual({ kind: 'upload', photo: a });
    r = { ...r, uploadedPhotoIds: [a.id] };
    expect(nextStep(r)).toEqual({ kind: 'attach', photo: a });
    r = { ...r, attachedPhotoIds: [a.id] };
    expect(nextStep(r)).toEqual({ kind: 'upload', photo: b });
    r = { ...r, uploadedPhotoIds: [a.id, b.id], attachedPhotoIds: [a.id, b.id] };
    expect(nextStep(r)).toBeNull();
    expect(recordState(r)).toBe('sent');
  });

  it('replays the frozen create body, and turns later edits into an update after it', () => {
    let r = queuedVisit();
    const body = (nextStep(r) as unknown as { body: never }).body;
    r = { ...r, createSent: body };
    // The evaluator edits and finishes again while the create's answer is still out.
    const edited = { ...r.queued!, notes: '补充：物业费收缴率 92%' } as typeof r.queued;
    r = { ...r, content: edited!, queued: edited };
    expect(nextStep(r)).toEqual({ kind: 'create', body, fresh: false });
    r = { ...r, serverVersion: 3, lastSent: contentOfCreate(body) };
    expect(nextStep(r)).toEqual({ kind: 'update', body: { version: 3, ...edited } });
    r = { ...r, serverVersion: 4, lastSent: edited };
    expect(nextStep(r)).toBeNull();
  });

  it('after an idempotency conflict (server copy unknown) sends an update', () => {
    const r = { ...queuedVisit(), serverVersion: 2, lastSent: null };
    expect(nextStep(r)).toMatchObject({ kind: 'update', body: { version: 2 } });
  });

  it('holds a record in conflict or refused until the evaluator acts', () => {
    const r = queuedVisit();
    expect(nextStep({ ...r, conflict: { server: { version: 5 } } })).toBeNull();
    expect(recordState({ ...r, conflict: { server: { version: 5 } } })).toBe('conflict');
    const refused = { ...r, attention: { status: 422, title: 'x', errors: [] } };
    expect(nextStep(refused)).toBeNull();
    expect(recordState(refused)).toBe('attention');
  });
});

describe('unsentSummary and sendOrder', () => {
  it('counts finished records not yet through, their unattached photos and the oldest', () => {
    const sent = { ...queuedVisit([photo()], '2026-11-20T00:00:00.000Z') };
    const done = {
      ...sent,
      createSent: null,
      serverVersion: 1,
      lastSent: sent.queued,
      uploadedPhotoIds: [sent.queued!.photos[0]!.id],
      attachedPhotoIds: [sent.queued!.photos[0]!.id],
    };
    const older = queuedVisit([photo(), photo()], '2026-11-24T10:00:00.000Z');
    const newer = queuedVisit([photo()], '2026-11-25T10:00:00.000Z');
    const partly = {
      ...newer,
      serverVersion: 1,
      lastSent: newer.queued,
      attachedPhotoIds: [newer.queued!.photos[0]!.id],
    };
    const draft = newLocalRecord(uuidV7(), pkg, { type: 'INTERVIEW' }, '2026-11-26T08:00:00.000Z');
    const refused = {
      ...queuedVisit([], '2026-11-23T00:00:00.000Z'),
      attention: { status: 403, title: 'x', errors: [] },
    };
    const summary = unsentSummary([done, newer, draft, older, refused, partly]);
    expect(summary).toEqual({
      records: 3,
      photos: 3 + 1 - 1 + 0,
      oldestAt: '2026-11-23T00:00:00.000Z',
      attention: 1,
      conflicts: 0,
      drafts: 0,
    });
    expect(sendOrder([newer, done, draft, older, refused]).map((r) => r.id)).toEqual([older.id, newer.id]);
  });
});

describe('drafts and copies downloaded from the server', () => {
  it('counts a draft once something was written in it, never as sent', () => {
    const blank = newLocalRecord(uuidV7(), pkg, { type: 'INTERVIEW' }, '2026-11-26T08:00:00.000Z');
    const written = { ...blank, id: uuidV7(), updatedAt: '2026-11-26T08:05:00.000Z' };
    const sent = { ...queuedVisit(), serverVersion: 1, lastSent: queuedVisit().queued };
    const summary = unsentSummary([blank, written, { ...sent, lastSent: sent.queued }]);
    expect(summary.records).toBe(0);
    expect(summary.drafts).toBe(1);
  });

  it('a server copy is sent as far as this phone goes: no create, no update, and no photo it does not hold', () => {
    const [a, b] = [photo(), photo()];
    const server = {
      ...contentOfCreate(queuedVisit([a, b]).queued as never),
      id: uuidV7(),
      assignmentId: pkg.assignment.id,
      engagementId: pkg.engagement.id,
      type: 'INTERVIEW' as const,
      version: 3,
      evaluatorId: 'someone',
      receivedAt: '2026-11-26T09:30:00.000Z',
      photos: [a, b],
    };
    const copy = localCopyOfServer(server, '', '2026-12-01T08:00:00.000Z');
    expect(copy).toMatchObject({
      serverVersion: 3,
      queuedAt: '2026-11-26T09:30:00.000Z',
      remotePhotoIds: [a.id, b.id],
    });
    expect(copy.content).not.toHaveProperty('evaluatorId');
    expect(nextStep(copy)).toBeNull();
    expect(recordState(copy)).toBe('sent');
    expect(unsentSummary([copy])).toMatchObject({ records: 0, photos: 0, drafts: 0 });
    // A photo added on this phone afterwards is this phone's to send.
    const c = photo();
    const edited = { ...copy.queued!, photos: [a, b, c] };
    const withNew = { ...copy, content: edited, queued: edited, lastSent: edited };
    expect(nextStep(withNew)).toEqual({ kind: 'upload', photo: c });
  });
});

describe('ageOf and canonical', () => {
  const now = Date.parse('2026-11-26T10:00:00Z');
  it('says how old in the coarsest unit', () => {
    expect(ageOf('2026-11-26T09:59:30Z', now)).toEqual({ unit: 'now' });
    expect(ageOf('2026-11-26T09:45:00Z', now)).toEqual({ unit: 'minutes', count: 15 });
    expect(ageOf('2026-11-26T07:00:00Z', now)).toEqual({ unit: 'hours', count: 3 });
    expect(ageOf('2026-11-24T09:00:00Z', now)).toEqual({ unit: 'days', count: 2 });
  });
  it('compares content regardless of key order', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonical({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
});
