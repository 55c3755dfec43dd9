import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S3EvidenceStore } from '#functions/adapters/s3/s3-evidence-store.ts';

/**
 * What S3 enforces on an upload is what the presigned URL signs: these check that the type, the
 * size and the SHA-256 are signed headers, and that the URL expires.
 */
const env = { ...process.env };
beforeEach(() => {
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'session-token',
  });
});
afterEach(() => {
  process.env = { ...env };
});

const sha256 = createHash('sha256').update('报告').digest('hex');

describe('the evidence store signer', () => {
  it('signs an upload that fixes type, size and checksum, on the bucket’s regional endpoint', async () => {
    const store = new S3EvidenceStore('jixiao-evidence', 'cn-north-1', undefined);
    const signed = await store.signUpload(
      'T/120110000/ex-ante-assessment/a/b',
      { contentType: 'application/pdf', sizeBytes: 1234, sha256 },
      900,
    );
    const url = new URL(signed.url);
    expect(url.host).toBe('jixiao-evidence.s3.cn-north-1.amazonaws.com');
    expect(url.pathname).toBe('/T/120110000/ex-ante-assessment/a/b');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;if-none-match;x-amz-checksum-sha256',
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('session-token');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIDEXAMPLE\/\d{8}\/cn-north-1\/s3\/aws4_request$/);
    expect(signed.headers).toEqual({
      'content-type': 'application/pdf',
      'content-length': '1234',
      'x-amz-checksum-sha256': Buffer.from(sha256, 'hex').toString('base64'),
      'if-none-match': '*',
    });
  });

  it('signs a download that saves under the file’s own (Chinese) name', async () => {
    const store = new S3EvidenceStore('jixiao-evidence', 'cn-north-1', undefined);
    const signed = await store.signDownload('T/1/x/y/z', '评估报告.pdf', 300);
    const url = new URL(signed.url);
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="download.pdf"; filename*=UTF-8''${encodeURIComponent('评估报告.pdf')}`,
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
  });

  it('signs a download for a stored name with a lone surrogate instead of throwing', async () => {
    const store = new S3EvidenceStore('jixiao-evidence', 'cn-north-1', undefined);
    const signed = await store.signDownload('T/1/x/y/z', '报告\ud800\r\n.pdf', 300);
    expect(new URL(signed.url).searchParams.get('response-content-disposition')).toBe(
      `attachment; filename="download.pdf"; filename*=UTF-8''${encodeURIComponent('报告\ufffd.pdf')}`,
    );
  });

  it('uses path-style addressing on a local endpoint', async () => {
    const store = new S3EvidenceStore('jixiao-evidence-local', 'local', 'http://127.0.0.1:4569');
    const signed = await store.signDownload('T/1/x', 'a.pdf', 60);
    expect(signed.url.startsWith('http://127.0.0.1:4569/jixiao-evidence-local/T/1/x?')).toBe(true);
  });
});
