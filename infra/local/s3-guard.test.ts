import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { localS3Credentials } from '@jixiao/functions/adapters/s3/local-credentials.ts';
import { S3EvidenceStore } from '@jixiao/functions/adapters/s3/s3-evidence-store.ts';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '#infra/local/ports.ts';
import { startS3Guard } from '#infra/local/s3-guard.ts';
import { verifySigV4 } from '#infra/local/sigv4-verify.ts';

/**
 * The local S3 stand-in refuses what S3 refuses: an anonymous PUT used to overwrite an attached
 * photo and an anonymous GET listed every key. Every request now needs a valid SigV4 signature
 * for exactly what it does.
 */
const bucket = 'guard-test';
let dir: string;
let s3rver: S3rver;
let guard: { port: number; stop: () => Promise<void> };
let endpoint: string;
let store: S3EvidenceStore;

const photo = Buffer.from('a photo of a site');
const sha256 = createHash('sha256').update(photo).digest('hex');
const file = { contentType: 'image/jpeg', sizeBytes: photo.byteLength, sha256 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 's3-guard-'));
  const upstream = await freePort();
  s3rver = new S3rver({ address: '127.0.0.1', port: upstream, directory: dir, silent: true });
  await s3rver.run();
  guard = await startS3Guard(upstream, 0, { [localS3Credentials.accessKeyId]: localS3Credentials.secretAccessKey });
  endpoint = `http://127.0.0.1:${guard.port}`;
  const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: localS3Credentials });
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  s3.destroy();
  store = new S3EvidenceStore(bucket, 'local', endpoint);
});
afterAll(async () => {
  await guard?.stop();
  await new Promise<void>((done) => (s3rver ? s3rver.close(() => done()) : done()));
  rmSync(dir, { recursive: true, force: true });
});

const put = (url: string, headers: Record<string, string>, body: Uint8Array = photo) =>
  fetch(url, { method: 'PUT', headers, body: new Uint8Array(body) });

const expectS3Error = async (response: Response, code: string) => {
  expect(response.status).toBe(403);
  expect(response.headers.get('content-type')).toBe('application/xml');
  const text = await response.text();
  expect(text).toMatch(
    new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<Error><Code>${code}</Code><Message>`),
  );
  expect(text).toMatch(/<RequestId>[0-9A-F]{16}<\/RequestId><\/Error>$/);
};

describe('the local S3 stand-in', () => {
  it('takes a correctly presigned upload, and reads it back with a signed GET', async () => {
    const key = 'T/1/photo-ok.jpg';
    const ticket = await store.signUpload(key, file, 60);
    const response = await put(ticket.url, ticket.headers);
    expect(response.status).toBe(200);
    expect(Buffer.from((await store.read(key))!)).toEqual(photo);
    expect(await store.head(key)).toMatchObject({ sizeBytes: photo.byteLength });
    const download = await store.signDownload(key, '照片.jpg', 60);
    const got = await fetch(download.url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer())).toEqual(photo);
  });

  it('refuses anonymous PUT, GET, HEAD and listing with 403, and the stored photo stays as it was', async () => {
    const key = 'T/1/photo-kept.jpg';
    const ticket = await store.signUpload(key, file, 60);
    expect((await put(ticket.url, ticket.headers)).status).toBe(200);
    const path = `${endpoint}/${bucket}/${key}`;
    await expectS3Error(await put(path, { 'content-type': 'image/jpeg' }, Buffer.from('overwritten')), 'AccessDenied');
    await expectS3Error(await fetch(path), 'AccessDenied');
    expect((await fetch(path, { method: 'HEAD' })).status).toBe(403);
    await expectS3Error(await fetch(`${endpoint}/${bucket}`), 'AccessDenied');
    await expectS3Error(await fetch(`${endpoint}/${bucket}?list-type=2`), 'AccessDenied');
    await expectS3Error(await fetch(`${endpoint}/`), 'AccessDenied');
    await expectS3Error(await fetch(path, { method: 'DELETE' }), 'AccessDenied');
    expect(Buffer.from((await store.read(key))!)).toEqual(photo);
  });

  it('lists for a signed caller (the SDK, header-signed)', async () => {
    const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: localS3Credentials });
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    s3.destroy();
    expect(listed.Contents?.length).toBeGreaterThan(0);
    const stranger = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'SOMEONE', secretAccessKey: 'ELSE' },
    });
    await expect(stranger.send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
    stranger.destroy();
    const wrongSecret = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: localS3Credentials.accessKeyId, secretAccessKey: 'guessed' },
    });
    await expect(wrongSecret.send(new ListObjectsV2Command({ Bucket: bucket }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
    });
    wrongSecret.destroy();
  });

  it('refuses a tampered presigned upload: another key, checksum, type or length', async () => {
    const key = 'T/1/photo-tampered.jpg';
    const ticket = await store.signUpload(key, file, 60);
    const otherKey = ticket.url.replace('photo-tampered.jpg', 'photo-other.jpg');
    await expectS3Error(await put(otherKey, ticket.headers), 'SignatureDoesNotMatch');
    const other = Buffer.from('another photo, same size');
    const otherChecksum = createHash('sha256').update(other).digest('base64');
    await expectS3Error(
      await put(
        ticket.url,
        { ...ticket.headers, 'x-amz-checksum-sha256': otherChecksum },
        other.subarray(0, photo.byteLength),
      ),
      'SignatureDoesNotMatch',
    );
    await expectS3Error(
      await put(ticket.url, { ...ticket.headers, 'content-type': 'text/html' }),
      'SignatureDoesNotMatch',
    );
    const longer = Buffer.concat([photo, Buffer.from('!')]);
    await expectS3Error(
      await put(ticket.url, { ...ticket.headers, 'content-length': String(longer.byteLength) }, longer),
      'SignatureDoesNotMatch',
    );
    // An unsigned x-amz-* header is refused as S3 does, even beside a good signature.
    await expectS3Error(await put(ticket.url, { ...ticket.headers, 'x-amz-acl': 'public-read' }), 'AccessDenied');
    // Nothing of it was stored; the untouched ticket still works.
    expect(await store.head(key)).toBeUndefined();
    expect((await put(ticket.url, ticket.headers)).status).toBe(200);
  });

  it('refuses a download link changed to another key', async () => {
    const download = await store.signDownload('T/1/photo-ok.jpg', 'a.jpg', 60);
    await expectS3Error(await fetch(download.url.replace('photo-ok.jpg', 'photo-kept.jpg')), 'SignatureDoesNotMatch');
    const url = new URL(download.url);
    url.searchParams.set('response-content-disposition', 'attachment; filename="evil.html"');
    await expectS3Error(await fetch(url), 'SignatureDoesNotMatch');
  });

  it('refuses an expired presigned URL', async () => {
    const key = 'T/1/photo-late.jpg';
    const ticket = await store.signUpload(key, file, 1);
    await new Promise((done) => setTimeout(done, 2_100));
    const response = await put(ticket.url, ticket.headers);
    await expectS3Error(response, 'AccessDenied');
    expect(await store.head(key)).toBeUndefined();
  });
});

describe('verifySigV4', () => {
  it('checks expiry against the clock and a header-signed request’s skew', async () => {
    const ticket = await store.signUpload('T/1/x.jpg', file, 900);
    const url = new URL(ticket.url);
    const parts = {
      method: 'PUT',
      url: `${url.pathname}${url.search}`,
      headers: { ...ticket.headers, host: url.host },
    };
    const credentials = { [localS3Credentials.accessKeyId]: localS3Credentials.secretAccessKey };
    expect(verifySigV4(parts, { credentials })).toBeUndefined();
    expect(verifySigV4(parts, { credentials, now: new Date(Date.now() + 901_000) })).toEqual({
      code: 'AccessDenied',
      message: 'Request has expired',
    });
    expect(verifySigV4({ ...parts, method: 'GET' }, { credentials })?.code).toBe('SignatureDoesNotMatch');
    expect(verifySigV4({ ...parts, url: url.pathname }, { credentials })).toEqual({
      code: 'AccessDenied',
      message: 'Access Denied',
    });
  });
});
