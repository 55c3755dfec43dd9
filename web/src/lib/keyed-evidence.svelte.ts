import type { Attachment, UploadTicket } from '@jixiao/core/evidence/attachment.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { ApiError, api } from '#lib/api.ts';
import { refusalText } from '#lib/attachment-upload.svelte.ts';
import { attachmentName, attachmentTypeOf, refusalOf, sha256Hex, uploadHeaders } from '#lib/attachments.ts';
import { m } from '#lib/paraglide/messages.js';
import { problemText } from '#lib/problem-text.ts';

/**
 * Where a versioned record keeps evidence files per part of it: a self-evaluation per row
 * (`/self-evaluations/{id}`, `row-attachment-uploads`, `row-attachments`, `rowId`), a department overall
 * self-evaluation per indicator (`/department-evaluations/{id}`, `evidence-uploads`, `entry-attachments`, `code`).
 */
export interface EvidenceEndpoints {
  /** The record's path under /api/v1, e.g. `/self-evaluations/{id}`. */
  record: string;
  uploads: string;
  lists: string;
  /** The body field naming the part (a row id, an indicator code). */
  keyField: 'rowId' | 'code';
}

/** What every save of a list answers: at least the record's new version (the rest is the record's own). */
export interface EvidenceSaved {
  version: number;
}

const failureText = (error: unknown): string => {
  if (error instanceof ApiError && error.offline) return m.attachment_network();
  if (error instanceof ApiError && error.fieldErrors.length) {
    return [...new Set(error.fieldErrors.map((e) => e.message))].join(m.details_separator());
  }
  return problemText(error);
};

/** A part's list as it should stand (one file added or taken off), at the record's version. */
export const saveEvidence = <T extends EvidenceSaved>(
  at: EvidenceEndpoints,
  key: string,
  version: number,
  attachments: Attachment[],
): Promise<T> => api.patch<T>(`${at.record}/${at.lists}`, { version, [at.keyField]: key, attachments });

/**
 * One evidence file on its way (docs/domain/self-evaluation.md, "The screens"): its checksum, a presigned PUT asked
 * at the record's version, the bytes straight to the bucket, then the part's list saved with it. The same steps as
 * `attachment-upload.svelte.ts`, whose routes take no part and no version; the checks before sending (type, size,
 * duplicates, how many) are `attachments.ts`'s.
 */
export class KeyedEvidenceUpload<T extends EvidenceSaved> {
  state = $state<'working' | 'failed'>('working');
  error = $state<string | null>(null);
  readonly name: string;

  constructor(
    readonly file: File,
    readonly at: EvidenceEndpoints,
    readonly key: string,
  ) {
    this.name = attachmentName(file.name);
  }

  /** Refused before anything is sent (and why), or undefined when it may go. */
  static refusal(file: File, listed: readonly { name: string; sizeBytes: number }[]): string | undefined {
    const reason = refusalOf(file, listed);
    return reason === undefined ? undefined : refusalText(reason, file.size);
  }

  /** Uploads and lists the file; `current` gives the record's version and the part's files at each step. */
  async run(current: () => { version: number; listed: Attachment[] }): Promise<T | null> {
    const contentType = attachmentTypeOf(this.file);
    if (!contentType) return null;
    try {
      const sha256 = await sha256Hex(await this.file.arrayBuffer());
      const ticket = await api.post<UploadTicket>(`${this.at.record}/${this.at.uploads}`, {
        id: uuidV7(),
        version: current().version,
        [this.at.keyField]: this.key,
        name: this.name,
        contentType,
        sizeBytes: this.file.size,
        sha256,
      });
      const put = await fetch(ticket.upload.url, {
        method: ticket.upload.method,
        headers: uploadHeaders(ticket.upload.headers),
        body: this.file,
      });
      if (!put.ok) throw new Error(m.attachment_store_refused({ status: put.status }));
      const now = current();
      return await saveEvidence<T>(this.at, this.key, now.version, [...now.listed, ticket.attachment]);
    } catch (error) {
      this.state = 'failed';
      this.error =
        error instanceof ApiError ? failureText(error) : error instanceof Error ? error.message : String(error);
      return null;
    }
  }
}
