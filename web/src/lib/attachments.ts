import { type AttachmentType, attachmentTypes, maxAttachmentBytes } from '@jixiao/core/evidence/attachment.ts';

/**
 * What the browser checks before a file goes to the evidence bucket (the API and the bucket check
 * again): an accepted type, not empty, not above the cap, not attached already; and the name,
 * size and SHA-256 the upload is signed for.
 */

/** File endings of the accepted types, for browsers that report no type (or a generic one) for a file. */
const byEnding: Record<string, AttachmentType> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
};

/** For `<input type="file" accept>`: the types and their endings. */
export const acceptedFiles = [...Object.keys(attachmentTypes), ...Object.keys(byEnding).map((e) => `.${e}`)].join(',');

/** The accepted type of a file, or undefined when it is not one. */
export const attachmentTypeOf = (file: { name: string; type: string }): AttachmentType | undefined => {
  if (file.type in attachmentTypes) return file.type as AttachmentType;
  if (file.type !== '' && file.type !== 'application/octet-stream') return undefined;
  const ending = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return byEnding[ending];
};

/** What a record holds at the most (the schema's cap). */
export const maxAttachments = 20;

export type RefusalReason = 'type' | 'empty' | 'too_large' | 'duplicate' | 'too_many';

/**
 * Why a file cannot be attached, if it cannot: `others` are the files the record lists or is
 * about to (the same name and size counts as the same file).
 */
export const refusalOf = (
  file: { name: string; type: string; size: number },
  others: readonly { name: string; sizeBytes: number }[],
): RefusalReason | undefined => {
  if (attachmentTypeOf(file) === undefined) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > maxAttachmentBytes) return 'too_large';
  const name = attachmentName(file.name);
  if (others.some((o) => o.name === name && o.sizeBytes === file.size)) return 'duplicate';
  if (others.length >= maxAttachments) return 'too_many';
  return undefined;
};

/** The cap in MB, as the messages say it. */
export const maxAttachmentMegabytes = maxAttachmentBytes / 1024 / 1024;

/** The record keeps names of at most 120 characters: a longer one is shortened, keeping its ending. */
export const attachmentName = (name: string, max = 120): string => {
  const chars = [...name.trim()];
  if (chars.length <= max) return chars.join('') || 'file';
  const dot = chars.lastIndexOf('.');
  const ending = dot > 0 && chars.length - dot <= 10 ? chars.slice(dot) : [];
  return [...chars.slice(0, max - ending.length - 1), '…', ...ending].join('');
};

/** 1,536 → "1.5 KB" (with a no-break space): sizes people compare at a glance, not exact byte counts. */
export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes}\u00a0B`;
  const units = ['KB', 'MB', 'GB'];
  const rounded = (value: number) => (value >= 100 ? Math.round(value) : Math.round(value * 10) / 10);
  let value = bytes;
  let unit = -1;
  // 1,048,570 bytes is "1 MB", not "1024 KB": the unit follows the rounded figure.
  do {
    value /= 1024;
    unit++;
  } while (rounded(value) >= 1024 && unit < units.length - 1);
  return `${rounded(value)}\u00a0${units[unit]}`;
};

/** The SHA-256 of some bytes as lowercase hex, what the upload is signed for. */
export const sha256Hex = async (bytes: ArrayBuffer): Promise<string> =>
  [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');

/** The headers a presigned PUT wants, less those a browser sets itself and refuses to let scripts set. */
export const uploadHeaders = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !/^(content-length|host)$/i.test(name)));
