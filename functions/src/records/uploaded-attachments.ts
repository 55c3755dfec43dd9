import { createHash } from 'node:crypto';
import { type Attachment, checksumHeader } from '@jixiao/core/evidence/attachment.ts';
import type { Language } from '@jixiao/core/language.ts';
import { describe } from '@jixiao/core/validation.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';

const sameAttachment = (a: Attachment, b: Attachment) =>
  (['id', 'key', 'name', 'contentType', 'sizeBytes', 'sha256'] as const).every((field) => a[field] === b[field]);

/**
 * Whether the bytes at the file's key are the ones registered: size and type from the store, and
 * the SHA-256 the store verified on upload or, where it reports none (the local stand-in), the
 * hash of the bytes read back here, so a listed checksum always matches the file.
 */
export const uploadedAsDeclared = async (evidence: EvidenceStore, a: Attachment): Promise<boolean> => {
  const stored = await evidence.head(a.key);
  if (!stored || stored.sizeBytes !== a.sizeBytes) return false;
  if (stored.contentType !== undefined && stored.contentType !== a.contentType) return false;
  if (stored.checksumSha256 !== undefined) return stored.checksumSha256 === checksumHeader(a.sha256);
  const bytes = await evidence.read(a.key);
  return bytes !== undefined && createHash('sha256').update(bytes).digest('hex') === a.sha256;
};

/**
 * A record's new list of files: a file already listed stays exactly as it was; a new one must be in
 * the bucket at the record's own key for its id (`keyOf`), with the size, type and checksum that
 * were registered. Otherwise 422 with a pointer at each file that is not.
 */
export const checkUploadedAttachments = async (
  evidence: EvidenceStore,
  listed: readonly Attachment[],
  next: readonly Attachment[],
  keyOf: (attachmentId: string) => string,
  language: Language,
  /** Where the list is in the body the pointers name (a paper's is `/evidence/documents`). */
  at = '/attachments',
): Promise<void> => {
  const known = new Map(listed.map((a) => [a.id, a]));
  const errors = [];
  for (const [i, a] of next.entries()) {
    const before = known.get(a.id);
    if (before) {
      if (sameAttachment(before, a)) continue;
      errors.push({
        pointer: `${at}/${i}`,
        code: 'attachment_changed',
        message: describe('attachment_changed', language),
      });
      continue;
    }
    if (!(a.key === keyOf(a.id) && (await uploadedAsDeclared(evidence, a)))) {
      errors.push({
        pointer: `${at}/${i}`,
        code: 'attachment_not_uploaded',
        message: describe('attachment_not_uploaded', language),
      });
    }
  }
  if (errors.length > 0) throw new HttpProblem('rules-not-met', { errors });
};
