import type { Attachment, UploadTicket } from '@jixiao/core/evidence/attachment.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { ApiError, api } from '#lib/api.ts';
import { refusalText } from '#lib/attachment-upload.svelte.ts';
import { attachmentName, attachmentTypeOf, refusalOf, sha256Hex, uploadHeaders } from '#lib/attachments.ts';
import { m } from '#lib/paraglide/messages.js';
import { problemText } from '#lib/problem-text.ts';

/** What the API answers when a row's evidence list is saved: the record's version and every row's files. */
export interface EvidenceSaved {
  id: string;
  version: number;
  rowAttachments: Record<string, Attachment[]>;
}

const failureText = (error: unknown): string => {
  if (error instanceof ApiError && error.offline) return m.attachment_network();
  if (error instanceof ApiError && error.fieldErrors.length) {
    return [...new Set(error.fieldErrors.map((e) => e.message))].join(m.details_separator());
  }
  return problemText(error);
};

/**
 * One evidence file of a self-evaluation row on its way (docs/domain/self-evaluation.md, "The form"): its
 * checksum, a presigned PUT asked at the record's version, the bytes straight to the bucket, then the row's list
 * saved with it. The same steps as `web/src/lib/attachment-upload.svelte.ts`, whose route takes no row and no
 * version; the checks before sending (type, size, duplicates) are that file's (`attachments.ts`).
 */
export class RowEvidenceUpload {
  state = $state<'working' | 'failed'>('working');
  error = $state<string | null>(null);
  readonly name: string;

  constructor(
    readonly file: File,
    readonly selfEvaluationId: string,
    readonly rowId: string,
  ) {
    this.name = attachmentName(file.name);
  }

  /** Refused before anything is sent (and why), or undefined when it may go. */
  static refusal(file: File, listed: readonly { name: string; sizeBytes: number }[]): string | undefined {
    const reason = refusalOf(file, listed);
    return reason === undefined ? undefined : refusalText(reason, file.size);
  }

  /** Uploads and lists the file; `current` gives the record's version and the row's files at each step. */
  async run(current: () => { version: number; listed: Attachment[] }): Promise<EvidenceSaved | null> {
    const contentType = attachmentTypeOf(this.file);
    if (!contentType) return null;
    const base = `/self-evaluations/${this.selfEvaluationId}`;
    try {
      const sha256 = await sha256Hex(await this.file.arrayBuffer());
      const ticket = await api.post<UploadTicket>(`${base}/row-attachment-uploads`, {
        id: uuidV7(),
        version: current().version,
        rowId: this.rowId,
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
      return await api.patch<EvidenceSaved>(`${base}/row-attachments`, {
        version: now.version,
        rowId: this.rowId,
        attachments: [...now.listed, ticket.attachment],
      });
    } catch (error) {
      this.state = 'failed';
      this.error =
        error instanceof ApiError ? failureText(error) : error instanceof Error ? error.message : String(error);
      return null;
    }
  }
}

/** Takes one file off a row's list, at the record's version. */
export const removeEvidence = (
  selfEvaluationId: string,
  rowId: string,
  version: number,
  remaining: Attachment[],
): Promise<EvidenceSaved> =>
  api.patch<EvidenceSaved>(`/self-evaluations/${selfEvaluationId}/row-attachments`, {
    version,
    rowId,
    attachments: remaining,
  });
