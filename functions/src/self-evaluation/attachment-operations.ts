import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import { isUnitMember } from '@jixiao/core/scope/project-scope.ts';
import { editableSelfEvaluationStatuses } from '@jixiao/core/self-evaluation/self-evaluation-workflow.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { writeContext } from '#functions/records/record-operations.ts';
import { readRoundRecord, untilWritten } from '#functions/records/round-records.ts';
import { checkUploadedAttachments } from '#functions/records/uploaded-attachments.ts';
import { selfEvaluationKind, selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';
import type { StoredSelfEvaluation } from '#functions/self-evaluation/tally-writes.ts';

/** Where a self-evaluation's evidence file lives in the evidence bucket (docs/architecture.md#evidence-files). */
export const selfEvaluationAttachmentKey = (tenant: string, selfEvaluationId: string, attachmentId: string): string =>
  `T/${tenant}/self-evaluation/${selfEvaluationId}/${attachmentId}`;

const noSuchRow = { 'zh-CN': '自评表中没有这一指标行', en: 'The self-evaluation has no such row' } as const;

type UploadBody = Omit<Attachment, 'key'> & { version: number; rowId: string };
type SaveBody = { version: number; rowId: string; attachments: Attachment[] };

/**
 * Evidence per row of a self-evaluation (docs/domain/self-evaluation.md, "The form"). The unit may upload and list
 * files exactly when it may save the table (its own unit, a draft or a returned one), and at the version it read;
 * everyone who may read the self-evaluation may download what is listed. Listing files changes no score, so the
 * department's tally is not touched, and the review status stays as it is.
 */
export const selfEvaluationAttachmentOperations = (store: RecordStore, evidence: EvidenceStore) => {
  const kinds = { record: selfEvaluationKind, round: selfEvaluationRoundKind };
  const read = (request: OperationRequest, id: string) =>
    readRoundRecord<StoredSelfEvaluation>(store, kinds, request, id);
  const keyOf = (request: OperationRequest, current: StoredSelfEvaluation) => (attachmentId: string) =>
    selfEvaluationAttachmentKey(request.principal.tenant, current.id, attachmentId);

  /** The rules the PATCH of the table holds, in its order: scope, version, state; then the row must be the table's. */
  const editable = (
    request: OperationRequest,
    current: StoredSelfEvaluation,
    body: { version: number; rowId: string },
  ) => {
    if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
    if (current.version !== body.version) throw new HttpProblem('version-conflict', { current });
    if (!editableSelfEvaluationStatuses.includes(current.reviewStatus)) {
      throw new HttpProblem('invalid-transition', { current });
    }
    if (!current.rows.some((r) => r.rowId === body.rowId)) {
      throw new HttpProblem('validation-failed', {
        errors: [{ pointer: '/rowId', code: 'unknown_row', message: noSuchRow[request.language] }],
      });
    }
  };

  const upload: Operation = async (request: OperationRequest<{ id: string }, unknown, UploadBody>) => {
    const current = await read(request, request.params.id);
    editable(request, current, request.body);
    const { version: _version, rowId, ...file } = request.body;
    // A listed file is kept as it is: no second upload over it (the bucket also refuses to overwrite).
    if (Object.values(current.rowAttachments).some((files) => files.some((a) => a.id === file.id))) {
      throw new HttpProblem('invalid-transition', { current });
    }
    const key = keyOf(request, current)(file.id);
    const signed = await evidence.signUpload(key, file, 15 * 60);
    return { status: 201, body: { attachment: { ...file, key }, upload: { method: 'PUT', ...signed } } };
  };

  const save: Operation = (request: OperationRequest<{ id: string }, unknown, SaveBody>) =>
    untilWritten(async () => {
      const current = await read(request, request.params.id);
      editable(request, current, request.body);
      const { rowId, attachments } = request.body;
      // A file listed on another row stays there: moving it would make two rows claim one piece of evidence.
      const elsewhere = Object.entries(current.rowAttachments)
        .filter(([other]) => other !== rowId)
        .flatMap(([, files]) => files);
      const taken = attachments.findIndex((a) => elsewhere.some((e) => e.id === a.id));
      if (taken >= 0) {
        throw new HttpProblem('validation-failed', {
          errors: [
            {
              pointer: `/attachments/${taken}`,
              code: 'attachment_changed',
              message: describe('attachment_changed', request.language),
            },
          ],
        });
      }
      await checkUploadedAttachments(
        evidence,
        current.rowAttachments[rowId] ?? [],
        attachments,
        keyOf(request, current),
        request.language,
      );
      const { [rowId]: _before, ...others } = current.rowAttachments;
      const rowAttachments = attachments.length > 0 ? { ...others, [rowId]: attachments } : others;
      const after: StoredSelfEvaluation = {
        ...current,
        rowAttachments,
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      const result = await store.transact(
        request.principal.tenant,
        [{ kind: selfEvaluationKind, before: current, after }],
        { ...writeContext(request), operation: 'save-self-evaluation-row-attachments' },
      );
      return { result, body: { id: after.id, version: after.version, rowAttachments } };
    });

  /** A short-lived link that saves one listed file under its own name, for everyone who may read the self-evaluation. */
  const download: Operation = async (request: OperationRequest<{ id: string; attachmentId: string }>) => {
    const current = await read(request, request.params.id);
    const file = Object.values(current.rowAttachments)
      .flat()
      .find((a) => a.id === request.params.attachmentId);
    if (!file) throw new HttpProblem('not-found');
    const link = await evidence.signDownload(keyOf(request, current)(file.id), file.name, 5 * 60);
    return { status: 200, body: { url: link.url, expiresAt: link.expiresAt } };
  };

  return {
    uploadSelfEvaluationRowAttachment: upload,
    saveSelfEvaluationRowAttachments: save,
    getSelfEvaluationAttachment: download,
  };
};
