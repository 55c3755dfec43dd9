import { createHash } from 'node:crypto';
import { maxAttachmentBytes } from '@jixiao/core/evidence/attachment.ts';
import { describe, expect, it } from 'vitest';
import {
  acceptedFiles,
  attachmentName,
  attachmentTypeOf,
  formatBytes,
  maxAttachments,
  refusalOf,
  sha256Hex,
  uploadHeaders,
} from '#lib/attachments.ts';

const pdf = 'application/pdf';
const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('attachmentTypeOf', () => {
  it('takes the type the browser reports when it is an accepted one', () => {
    expect(attachmentTypeOf({ name: 'report.pdf', type: pdf })).toBe(pdf);
    expect(attachmentTypeOf({ name: 'photo', type: 'image/png' })).toBe('image/png');
  });

  it('falls back on the ending when the browser reports no type or a generic one', () => {
    expect(attachmentTypeOf({ name: '评估报告.PDF', type: '' })).toBe(pdf);
    expect(attachmentTypeOf({ name: '专家意见.docx', type: 'application/octet-stream' })).toBe(docx);
    expect(attachmentTypeOf({ name: 'scan.JPG', type: '' })).toBe('image/jpeg');
  });

  it('refuses other types, whatever the ending says', () => {
    expect(attachmentTypeOf({ name: 'notes.txt', type: 'text/plain' })).toBeUndefined();
    expect(attachmentTypeOf({ name: 'fake.pdf', type: 'text/plain' })).toBeUndefined();
    expect(attachmentTypeOf({ name: 'anim.gif', type: 'image/gif' })).toBeUndefined();
    expect(attachmentTypeOf({ name: 'noending', type: '' })).toBeUndefined();
    expect(attachmentTypeOf({ name: 'archive.zip', type: '' })).toBeUndefined();
  });

  it('offers the same types (and endings) in the file chooser', () => {
    const accepted = acceptedFiles.split(',');
    expect(accepted).toContain(pdf);
    expect(accepted).toContain('.pdf');
    expect(accepted).toContain('.xlsx');
    expect(accepted).not.toContain('text/plain');
  });
});

describe('refusalOf', () => {
  const file = (name: string, size: number, type = pdf) => ({ name, size, type });

  it('accepts an accepted type up to the cap exactly', () => {
    expect(refusalOf(file('a.pdf', 1), [])).toBeUndefined();
    expect(refusalOf(file('a.pdf', maxAttachmentBytes), [])).toBeUndefined();
  });

  it('says why a file cannot be attached', () => {
    expect(refusalOf(file('a.txt', 10, 'text/plain'), [])).toBe('type');
    expect(refusalOf(file('a.pdf', 0), [])).toBe('empty');
    expect(refusalOf(file('a.pdf', maxAttachmentBytes + 1), [])).toBe('too_large');
  });

  it('refuses the same file twice (same name and size) but not another of the same name', () => {
    const attached = [{ name: '评估报告.pdf', sizeBytes: 2048 }];
    expect(refusalOf(file('评估报告.pdf', 2048), attached)).toBe('duplicate');
    expect(refusalOf(file('评估报告.pdf', 4096), attached)).toBeUndefined();
  });

  it('refuses a file beyond the record’s cap', () => {
    const full = Array.from({ length: maxAttachments }, (_, i) => ({ name: `${i}.pdf`, sizeBytes: i + 1 }));
    expect(refusalOf(file('one-more.pdf', 10), full)).toBe('too_many');
    expect(refusalOf(file('one-more.pdf', 10), full.slice(1))).toBeUndefined();
  });
});

describe('attachmentName', () => {
  it('keeps names of up to 120 characters as they are, trimmed', () => {
    expect(attachmentName(' 评估报告.pdf ')).toBe('评估报告.pdf');
    const exact = `${'评'.repeat(116)}.pdf`;
    expect(attachmentName(exact)).toBe(exact);
  });

  it('shortens a longer name to 120 characters, keeping its ending', () => {
    const name = attachmentName(`${'事前绩效评估报告'.repeat(20)}.docx`);
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('….docx')).toBe(true);
  });

  it('counts characters, not UTF-16 units, so a name is never cut inside one', () => {
    const name = attachmentName(`${'📄'.repeat(130)}.pdf`);
    expect([...name]).toHaveLength(120);
    expect(name).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('gives a blank name a placeholder (the schema wants at least one character)', () => {
    expect(attachmentName('   ')).toBe('file');
  });
});

describe('formatBytes', () => {
  const shown = (bytes: number) => formatBytes(bytes).replace('\u00a0', ' ');

  it('never lets a line break part the figure from its unit', () => {
    expect(formatBytes(12)).toBe('12\u00a0B');
    expect(formatBytes(2048)).toBe('2\u00a0KB');
  });

  it('shows bytes, KB, MB and GB at a glance', () => {
    expect(shown(0)).toBe('0 B');
    expect(shown(1023)).toBe('1023 B');
    expect(shown(1024)).toBe('1 KB');
    expect(shown(1536)).toBe('1.5 KB');
    expect(shown(150 * 1024)).toBe('150 KB');
    expect(shown(maxAttachmentBytes)).toBe('50 MB');
    expect(shown(123_456_789)).toBe('118 MB');
    expect(shown(3 * 1024 ** 3)).toBe('3 GB');
  });

  it('moves to the next unit when rounding reaches 1024, never showing "1024 KB"', () => {
    expect(shown(1024 * 1024 - 6)).toBe('1 MB');
    expect(shown(1024 * 1024 - 600)).toBe('1023 KB');
  });
});

describe('sha256Hex', () => {
  it('is the lowercase hex SHA-256 the upload is signed for', async () => {
    const bytes = new TextEncoder().encode('事前绩效评估报告');
    expect(await sha256Hex(bytes.buffer)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256Hex(new ArrayBuffer(0))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});

describe('uploadHeaders', () => {
  it('sends the signed headers except those the browser sets itself', () => {
    expect(
      uploadHeaders({
        'content-type': pdf,
        'Content-Length': '1234',
        'x-amz-checksum-sha256': 'abc=',
        host: 'bucket',
      }),
    ).toEqual({ 'content-type': pdf, 'x-amz-checksum-sha256': 'abc=' });
  });
});
