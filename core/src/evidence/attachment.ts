import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import { text, uuidV7Id } from '#core/schema-parts.ts';

/**
 * A file attached to a record (an ex-ante assessment's report, an expert opinion, a scoring sheet).
 * The file goes from the browser straight to the evidence bucket with a presigned PUT that fixes
 * its key, type, size and SHA-256 (docs/architecture.md#evidence-files); the record keeps what identifies it.
 */
export const attachmentTypes = {
  'application/pdf': { 'zh-CN': 'PDF 文档', en: 'PDF document' },
  'image/jpeg': { 'zh-CN': 'JPEG 图片', en: 'JPEG image' },
  'image/png': { 'zh-CN': 'PNG 图片', en: 'PNG image' },
  'image/webp': { 'zh-CN': 'WebP 图片', en: 'WebP image' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    'zh-CN': 'Word 文档',
    en: 'Word document',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { 'zh-CN': 'Excel 表格', en: 'Excel workbook' },
  'application/msword': { 'zh-CN': 'Word 文档（旧版）', en: 'Word document (legacy)' },
  'application/vnd.ms-excel': { 'zh-CN': 'Excel 表格（旧版）', en: 'Excel workbook (legacy)' },
} as const satisfies Record<string, Localized>;
export type AttachmentType = keyof typeof attachmentTypes;
export const attachmentTypeCodes = Object.keys(attachmentTypes) as [AttachmentType, ...AttachmentType[]];
export const maxAttachmentBytes = 50 * 1024 * 1024;

export const sha256Hex = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'sha256'));

const file = {
  name: text(1, 120),
  contentType: v.picklist(attachmentTypeCodes, 'attachment_type'),
  sizeBytes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(maxAttachmentBytes, 'attachment_too_large')),
  sha256: sha256Hex,
};

/** Asking to upload one file: the client-made id names it, so asking again gives the same key. */
export const attachmentUploadRequest = v.strictObject({ id: uuidV7Id, ...file });

export const attachment = v.strictObject({ id: uuidV7Id, key: v.pipe(v.string(), v.maxLength(300)), ...file });
export type Attachment = v.InferOutput<typeof attachment>;

/** Where to PUT the bytes: the URL, and the headers that must be sent exactly as given. */
export const uploadTicket = v.object({
  attachment,
  upload: v.object({
    method: v.literal('PUT'),
    url: v.string(),
    headers: v.record(v.string(), v.string()),
    expiresAt: v.string(),
  }),
});
export type UploadTicket = v.InferOutput<typeof uploadTicket>;

export const downloadLink = v.object({ url: v.string(), expiresAt: v.string() });

/** The checksum header S3 verifies: the SHA-256 as base64, from the hex the client computed. */
export const checksumHeader = (sha256: string): string =>
  btoa(String.fromCharCode(...(sha256.match(/../g) ?? []).map((h) => Number.parseInt(h, 16))));
