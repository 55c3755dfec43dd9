import { toWellFormedText } from '@jixiao/core/schema-parts.ts';

/** Long enough for a project code, name and title; short enough for every file system (255 bytes in UTF-8). */
const maxNameChars = 80;

/**
 * A file name made from what people typed (a project's or an engagement's name), safe to save on
 * any system: lone surrogates become U+FFFD (they cannot be encoded, and would make
 * `encodeURIComponent` throw), control characters (CR/LF would split a header) go, path separators
 * and the characters Windows refuses become `_`, no leading dots (`..`, hidden files), and the
 * stem is cut at a character boundary so the extension survives.
 */
export const safeFilename = (name: string, fallback = 'download'): string => {
  const cleaned = toWellFormedText(name)
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '')
    .replace(/[\\/:*?"<>|]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 6 ? cleaned.slice(dot) : '';
  const stem = Array.from(extension ? cleaned.slice(0, dot) : cleaned)
    .slice(0, maxNameChars)
    .join('')
    .trim();
  return stem ? `${stem}${extension}` : `${fallback}${extension}`;
};

/** RFC 5987 `value-chars`: what encodeURIComponent leaves alone, less `'()*`. */
const rfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `Content-Disposition: attachment` per RFC 6266: an ASCII `filename` for old clients and the real
 * name as `filename*` (RFC 5987, UTF-8), so Chinese names survive every browser. Never throws,
 * whatever the name holds.
 */
export const contentDisposition = (filename: string): string => {
  const name = safeFilename(filename);
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot).replace(/[^A-Za-z0-9.]/g, '') : '';
  const asciiStem = (dot > 0 ? name.slice(0, dot) : name)
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/[\\"%;]/g, '_')
    .replace(/^_+$/, '');
  return `attachment; filename="${asciiStem || 'download'}${extension}"; filename*=UTF-8''${rfc5987(name)}`;
};
