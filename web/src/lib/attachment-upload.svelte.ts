import type { Attachment, UploadTicket } from '@jixiao/core/evidence/attachment.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { ApiError, api } from '#lib/api.ts';
import {
  attachmentName,
  attachmentTypeOf,
  formatBytes,
  maxAttachmentMegabytes,
  maxAttachments,
  type RefusalReason,
  refusalOf,
  sha256Hex,
  uploadHeaders,
} from '#lib/attachments.ts';
import { m } from '#lib/paraglide/messages.js';
import { problemText } from '#lib/problem-text.ts';

/** The bucket answered the PUT with an error, or never answered (status 0). */
class StoreError extends Error {
  constructor(readonly status: number) {
    super(`store ${status}`);
  }
}

/** PUTs the bytes to the presigned URL with the signed headers, reporting progress in whole percent. */
const putFile = (upload: UploadTicket['upload'], file: Blob, progress: (percent: number) => void) =>
  new Promise<void>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(uploadHeaders(upload.headers))) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) progress(Math.floor((event.loaded / event.total) * 100));
    };
    request.onload = () =>
      request.status >= 200 && request.status < 300 ? resolve() : reject(new StoreError(request.status));
    request.onerror = () => reject(new StoreError(0));
    request.onabort = () => reject(new StoreError(0));
    request.send(file);
  });

const failureText = (error: unknown): string => {
  if (error instanceof StoreError) {
    return error.status === 0 ? m.attachment_network() : m.attachment_store_refused({ status: error.status });
  }
  if (error instanceof ApiError && error.offline) return m.attachment_network();
  if (error instanceof ApiError && error.fieldErrors.length) {
    return [...new Set(error.fieldErrors.map((e) => e.message))].join(m.details_separator());
  }
  return problemText(error);
};

export type UploadState = 'hashing' | 'uploading' | 'saving' | 'failed' | 'refused';

/**
 * One file on its way to a record: its checksum is computed, an upload is asked for, the bytes go
 * straight to the bucket, and the record lists it. A retry picks up at the step that failed.
 */
export class PendingUpload {
  /** A key for the list this file is shown in. */
  readonly key = uuidV7();
  readonly name: string;
  readonly size: number;
  readonly contentType: ReturnType<typeof attachmentTypeOf>;
  state = $state<UploadState>('hashing');
  percent = $state(0);
  error = $state<string | null>(null);
  #file: File | undefined;
  #sha256: string | undefined;
  #uploaded: Attachment | undefined;
  #running = false;

  private constructor(file: File, refusal: RefusalReason | undefined) {
    this.name = attachmentName(file.name);
    this.size = file.size;
    this.contentType = attachmentTypeOf(file);
    if (refusal) {
      this.state = 'refused';
      this.error = refusalText(refusal, file.size);
    } else {
      this.#file = file;
    }
  }

  /** A file to upload, or one refused before anything is sent (and why); `others` as for `refusalOf`. */
  static of(file: File, others: readonly { name: string; sizeBytes: number }[]): PendingUpload {
    return new PendingUpload(file, refusalOf(file, others));
  }

  /** What counts against the record's files while it is under way. */
  get entry(): { name: string; sizeBytes: number } {
    return { name: this.name, sizeBytes: this.size };
  }

  get refused(): boolean {
    return this.state === 'refused';
  }

  get busy(): boolean {
    return this.state === 'hashing' || this.state === 'uploading' || this.state === 'saving';
  }

  /**
   * Runs (or resumes) the upload; `record` lists the uploaded file on the record. True once it is listed.
   * `to.uploads` is where the upload is asked for; `to.ask` adds what that route wants besides the file
   * (the record's version, the row or indicator), read at each attempt so a retry asks at the version now.
   */
  async run(
    to: { uploads: string; ask?: (() => Record<string, unknown>) | undefined },
    record: (attachment: Attachment) => Promise<void>,
  ): Promise<boolean> {
    const file = this.#file;
    if (!file || !this.contentType || this.#running) return false;
    this.#running = true;
    this.error = null;
    try {
      if (!this.#sha256) {
        this.state = 'hashing';
        this.#sha256 = await sha256Hex(await file.arrayBuffer());
      }
      if (!this.#uploaded) {
        this.state = 'uploading';
        this.percent = 0;
        // A fresh id (and so a fresh, unexpired URL) for each attempt: an abandoned key is never listed.
        const ticket = await api.post<UploadTicket>(to.uploads, {
          ...to.ask?.(),
          id: uuidV7(),
          name: this.name,
          contentType: this.contentType,
          sizeBytes: this.size,
          sha256: this.#sha256,
        });
        await putFile(ticket.upload, file, (percent) => {
          this.percent = percent;
        });
        this.#uploaded = ticket.attachment;
      }
      this.state = 'saving';
      await record(this.#uploaded);
      return true;
    } catch (error) {
      this.state = 'failed';
      this.error = failureText(error);
      return false;
    } finally {
      this.#running = false;
    }
  }
}

/** Why a file is refused, in the user's language (every attachment form says it the same way). */
export const refusalText = (reason: RefusalReason, size: number): string => {
  switch (reason) {
    case 'type':
      return m.attachment_wrong_type();
    case 'empty':
      return m.attachment_empty();
    case 'too_large':
      return m.attachment_too_large({ size: formatBytes(size), max: maxAttachmentMegabytes });
    case 'duplicate':
      return m.attachment_duplicate();
    case 'too_many':
      return m.attachment_too_many({ count: maxAttachments });
  }
};
