import type { JudgementEntry } from '@jixiao/core/department-evaluation/judgement-score.ts';
import type { Attachment, UploadTicket } from '@jixiao/core/evidence/attachment.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { ApiError, api } from '#lib/api.ts';
import { refusalText } from '#lib/attachment-upload.svelte.ts';
import { attachmentName, attachmentTypeOf, refusalOf, sha256Hex, uploadHeaders } from '#lib/attachments.ts';
import { m } from '#lib/paraglide/messages.js';
import { problemText } from '#lib/problem-text.ts';

/** What the API answers when an indicator's evidence list is saved: the version, the entries and every list. */
export interface EvidenceSaved {
  id: string;
  version: number;
  entries: JudgementEntry[];
  entryAttachments: Record<string, Attachment[]>;
}

const failureText = (error: unknown): string => {
  if (error instanceof ApiError && error.offline) return m.attachment_network();
  if (error instanceof ApiError && error.fieldErrors.length) {
    return [...new Set(error.fieldErrors.map((e) => e.message))].join(m.details_separator());
  }
  return problemText(error);
};

/**
 * One evidence file of an indicator of the department overall self-evaluation on its way (docs/domain/
 * self-evaluation.md, "Records, review and the table"): its checksum, a presigned PUT asked at the record's
 * version, the bytes straight to the bucket, then the indicator's list saved with it. The steps of a
 * self-evaluation row's evidence (`#lib/self-evaluation/row-evidence.svelte.ts`), keyed by indicator code; the
 * checks before sending (type, size, duplicates, 20 at most) are `attachments.ts`'s.
 */
export class IndicatorEvidenceUpload {
  state = $state<'working' | 'failed'>('working');
  error = $state<string | null>(null);
  readonly name: string;

  constructor(
    readonly file: File,
    readonly evaluationId: string,
    readonly code: string,
  ) {
    this.name = attachmentName(file.name);
  }

  /** Refused before anything is sent (and why), or undefined when it may go. */
  static refusal(file: File, listed: readonly { name: string; sizeBytes: number }[]): string | undefined {
    const reason = refusalOf(file, listed);
    return reason === undefined ? undefined : refusalText(reason, file.size);
  }

  /** Uploads and lists the file; `current` gives the record's version and the indicator's files at each step. */
  async run(current: () => { version: number; listed: Attachment[] }): Promise<EvidenceSaved | null> {
    const contentType = attachmentTypeOf(this.file);
    if (!contentType) return null;
    const base = `/department-evaluations/${this.evaluationId}`;
    try {
      const sha256 = await sha256Hex(await this.file.arrayBuffer());
      const ticket = await api.post<UploadTicket>(`${base}/evidence-uploads`, {
        id: uuidV7(),
        version: current().version,
        code: this.code,
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
      return await saveEvidence(this.evaluationId, this.code, now.version, [...now.listed, ticket.attachment]);
    } catch (error) {
      this.state = 'failed';
      this.error =
        error instanceof ApiError ? failureText(error) : error instanceof Error ? error.message : String(error);
      return null;
    }
  }
}

/** An indicator's list as it should stand (one file taken off, or one added), at the record's version. */
export const saveEvidence = (
  evaluationId: string,
  code: string,
  version: number,
  attachments: Attachment[],
): Promise<EvidenceSaved> =>
  api.patch<EvidenceSaved>(`/department-evaluations/${evaluationId}/entry-attachments`, {
    version,
    code,
    attachments,
  });
