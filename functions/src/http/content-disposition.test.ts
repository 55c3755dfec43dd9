import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFilename } from '#functions/http/content-disposition.ts';

describe('file names', () => {
  it('keep a Chinese name, encoded per RFC 5987, with an ASCII fallback', () => {
    expect(contentDisposition('P001-普惠性幼儿园-绩效目标申报表-第1版.xlsx')).toBe(
      `attachment; filename="P001-_-_-_1_.xlsx"; filename*=UTF-8''${encodeURIComponent('P001-普惠性幼儿园-绩效目标申报表-第1版.xlsx')}`,
    );
  });

  it('never throw on a lone surrogate, and replace it', () => {
    for (const name of ['a\ud800.xlsx', '\udc00', '报告\udbff-\udfff.zip']) {
      expect(() => contentDisposition(name)).not.toThrow();
      const header = contentDisposition(name);
      expect(header).not.toMatch(/[\ud800-\udfff]/);
      expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toContain('\ufffd');
    }
  });

  it('drop control characters, so a name cannot split a header', () => {
    const header = contentDisposition('a\r\nSet-Cookie: x=1\u0000.xlsx');
    expect(header).not.toMatch(/[\r\n\0]/);
    expect(safeFilename('a\r\nb\u202e.xlsx')).toBe('ab.xlsx');
  });

  it('neutralise paths, quotes and leading dots', () => {
    expect(safeFilename('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFilename('..')).toBe('download');
    expect(safeFilename('a"b;c\\d.zip')).toBe('a_b;c_d.zip');
    expect(contentDisposition('a"b;c%.zip')).toMatch(
      /^attachment; filename="a_b_c_\.zip"; filename\*=UTF-8''a_b%3Bc%25\.zip$/,
    );
    expect(contentDisposition("it's (final)*.zip")).toContain("filename*=UTF-8''it%27s%20%28final%29_.zip");
  });

  it('cut a long name at a character boundary and keep its extension', () => {
    const name = safeFilename(`${'😀'.repeat(200)}.xlsx`);
    expect(name.endsWith('😀.xlsx')).toBe(true);
    expect(Array.from(name)).toHaveLength(85);
  });
});
