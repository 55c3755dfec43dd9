/** The encodings a treasury or 一体化 export arrives in, as detected (docs/domain/self-evaluation.md#execution-figures). */
export type TextEncoding = 'UTF-8' | 'GB18030' | 'UTF-16LE' | 'UTF-16BE';

export type DecodedText = { ok: true; text: string; encoding: TextEncoding } | { ok: false };

const decode = (label: string, bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/**
 * A CSV file's bytes as text. A byte-order mark decides; without one the file is UTF-8 when it is
 * valid UTF-8, else GB18030 (a superset of GBK, which Chinese treasury systems and Excel on a Chinese
 * Windows save by default). Bytes that are neither are not text: refused, never read with U+FFFD.
 */
export const decodeText = (bytes: Uint8Array): DecodedText => {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) {
    const text = decode('utf-8', bytes);
    return text === undefined ? { ok: false } : { ok: true, text, encoding: 'UTF-8' };
  }
  if (a === 0xff && b === 0xfe) {
    const text = decode('utf-16le', bytes);
    return text === undefined ? { ok: false } : { ok: true, text, encoding: 'UTF-16LE' };
  }
  if (a === 0xfe && b === 0xff) {
    const text = decode('utf-16be', bytes);
    return text === undefined ? { ok: false } : { ok: true, text, encoding: 'UTF-16BE' };
  }
  const utf8 = decode('utf-8', bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'UTF-8' };
  const gb = decode('gb18030', bytes);
  return gb === undefined ? { ok: false } : { ok: true, text: gb, encoding: 'GB18030' };
};
