import {
  isDepartmentMember,
  seesDepartmentEvaluation,
} from '@jixiao/core/department-evaluation/department-evaluation.ts';
import { frameworkIndicators } from '@jixiao/core/department-evaluation/department-framework.ts';
import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import { describe } from '@jixiao/core/validation.ts';
import { departmentEvaluationKind } from '#functions/department-evaluation/record-kinds.ts';
import {
  entryAttachmentsOf,
  type StoredDepartmentEvaluation,
} from '#functions/department-evaluation/stored-department-evaluation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { writeContext } from '#functions/records/record-operations.ts';
import { checkUploadedAttachments } from '#functions/records/uploaded-attachments.ts';

/** Where a department evaluation's evidence file lives in the evidence bucket (docs/architecture.md#evidence-files). */
export const departmentEvaluationAttachmentKey = (tenant: string, evaluationId: string, attachmentId: string): string =>
  `T/${tenant}/department-evaluation/${evaluationId}/${attachmentId}`;

type UploadBody = Omit<Attachment, 'key'> & { version: number; code: string };
type SaveBody = { version: number; code: string; attachments: Attachment[] };

/**
 * Evidence files per indicator of the department overall self-evaluation (docs/domain/self-evaluation.md,
 * "Records, review and the table"). The department uploads and lists files exactly when it may save the record
 * (its own department, a draft or a returned one, at the version it read); everyone who may read the record may
 * download what is listed. The entry of the code, when there is one, carries the files' ids as its evidence;
 * listing files changes no score and leaves the review status as it is.
 */
export const departmentEvaluationAttachmentOperations = (store: RecordStore, evidence: EvidenceStore) => {
  const visible = async (request: OperationRequest, id: string): Promise<StoredDepartmentEvaluation> => {
    const found = await store.get<StoredDepartmentEvaluation>(request.principal.tenant, departmentEvaluationKind, id);
    if (!found || !seesDepartmentEvaluation(request.principal, found)) throw new HttpProblem('not-found');
    return found;
  };
  const keyOf = (request: OperationRequest, current: StoredDepartmentEvaluation) => (attachmentId: string) =>
    departmentEvaluationAttachmentKey(request.principal.tenant, current.id, attachmentId);

  /** The PATCH's rules in its order (scope, version, state); then the code must be an indicator of the framework. */
  const editable = (
    request: OperationRequest,
    current: StoredDepartmentEvaluation,
    body: { version: number; code: string },
  ) => {
    if (!isDepartmentMember(request.principal, current)) throw new HttpProblem('forbidden');
    if (current.version !== body.version) throw new HttpProblem('version-conflict', { current });
    if (current.reviewStatus !== 'DRAFT' && current.reviewStatus !== 'RETURNED') {
      throw new HttpProblem('invalid-transition', { current });
    }
    if (!frameworkIndicators(current.framework).some((x) => x.indicator.code === body.code)) {
      throw new HttpProblem('validation-failed', {
        errors: [
          { pointer: '/code', code: 'unknown_indicator', message: describe('unknown_indicator', request.language) },
        ],
      });
    }
  };

  const upload: Operation = async (request: OperationRequest<{ id: string }, unknown, UploadBody>) => {
    const current = await visible(request, request.params.id);
    editable(request, current, request.body);
    const { version: _version, code: _code, ...file } = request.body;
    // A listed file is kept as it is: no second upload over it (the bucket also refuses to overwrite).
    if (Object.values(entryAttachmentsOf(current)).some((files) => files.some((a) => a.id === file.id))) {
      throw new HttpProblem('invalid-transition', { current });
    }
    const key = keyOf(request, current)(file.id);
    const signed = await evidence.signUpload(key, file, 15 * 60);
    return { status: 201, body: { attachment: { ...file, key }, upload: { method: 'PUT', ...signed } } };
  };

  const save: Operation = async (request: OperationRequest<{ id: string }, unknown, SaveBody>) => {
    const current = await visible(request, request.params.id);
    editable(request, current, request.body);
    const { code, attachments } = request.body;
    const listed = entryAttachmentsOf(current);
    // A file listed on another indicator stays there: two indicators never claim one piece of evidence.
    const elsewhere = Object.entries(listed)
      .filter(([other]) => other !== code)
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
      listed[code] ?? [],
      attachments,
      keyOf(request, current),
      request.language,
    );
    const { [code]: _before, ...others } = listed;
    const entryAttachments = attachments.length > 0 ? { ...others, [code]: attachments } : others;
    // The entry of the code, once scored, lists the files' ids; an indicator not scored yet gets no entry here.
    const entries = current.entries.map((e) =>
      e.code === code ? { ...e, evidence: attachments.map((a) => a.id) } : e,
    );
    const after: StoredDepartmentEvaluation = {
      ...current,
      entries,
      entryAttachments,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(request.principal.tenant, departmentEvaluationKind, current, after, {
      ...writeContext(request),
      operation: 'save-department-evaluation-entry-attachments',
    });
    if (result.outcome !== 'updated') throw new HttpProblem('version-conflict', { current });
    return { status: 200, body: { id: after.id, version: result.record.version, entries, entryAttachments } };
  };

  /** A short-lived link that saves one listed file under its own name, for everyone who may read the record. */
  const download: Operation = async (request: OperationRequest<{ id: string; attachmentId: string }>) => {
    const current = await visible(request, request.params.id);
    const file = Object.values(entryAttachmentsOf(current))
      .flat()
      .find((a) => a.id === request.params.attachmentId);
    if (!file) throw new HttpProblem('not-found');
    const link = await evidence.signDownload(keyOf(request, current)(file.id), file.name, 5 * 60);
    return { status: 200, body: { url: link.url, expiresAt: link.expiresAt } };
  };

  return {
    uploadDepartmentEvaluationEvidence: upload,
    saveDepartmentEvaluationEntryAttachments: save,
    getDepartmentEvaluationAttachment: download,
  };
};
