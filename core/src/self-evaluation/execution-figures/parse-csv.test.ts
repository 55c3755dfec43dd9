import { describe, expect, it } from 'vitest';
import { decodeText } from '#core/self-evaluation/execution-figures/decode-text.ts';
import { parseCsv } from '#core/self-evaluation/execution-figures/parse-csv.ts';

describe('parseCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF and LF, with start lines', () => {
    const result = parseCsv('a,"b,1","say ""hi"""\r\n"two\r\nlines",x\nlast,');
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['a', 'b,1', 'say "hi"'] },
        { line: 2, cells: ['two\r\nlines', 'x'] },
        { line: 4, cells: ['last', ''] },
      ],
    });
  });

  it('drops a byte-order mark left in the text and takes a lone CR as a line end', () => {
    expect(parseCsv('\uFEFFa,b\rc,d')).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['c', 'd'] },
      ],
    });
  });

  it('refuses a quote left open, text after a closing quote and a quote in an unquoted field, with the line', () => {
    expect(parseCsv('a,b\nc,"open\nmore')).toEqual({ ok: false, line: 2, problem: 'UNCLOSED_QUOTE' });
    expect(parseCsv('a\n"x"y,b')).toEqual({ ok: false, line: 2, problem: 'TEXT_AFTER_QUOTE' });
    expect(parseCsv('a\nb\nx"y')).toEqual({ ok: false, line: 3, problem: 'QUOTE_IN_FIELD' });
  });
});

describe('decodeText', () => {
  const gbk = Uint8Array.from([0xcf, 0xee, 0xc4, 0xbf, 0xb1, 0xe0, 0xc2, 0xeb]); // 项目编码 in GBK

  it('reads UTF-8 with and without a BOM, GB18030 when the bytes are not UTF-8, UTF-16 by its BOM', () => {
    expect(decodeText(new TextEncoder().encode('项目编码'))).toEqual({ ok: true, text: '项目编码', encoding: 'UTF-8' });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('项目')]))).toEqual({
      ok: true,
      text: '项目',
      encoding: 'UTF-8',
    });
    expect(decodeText(gbk)).toEqual({ ok: true, text: '项目编码', encoding: 'GB18030' });
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x79, 0x98, 0xee, 0x76]))).toEqual({
      ok: true,
      text: '项目',
      encoding: 'UTF-16LE',
    });
  });

  it('refuses bytes that are no text', () => {
    expect(decodeText(Uint8Array.from([0x81, 0x20, 0xff, 0xff]))).toEqual({ ok: false });
  });
});
