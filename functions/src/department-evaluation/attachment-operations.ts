import {
  isDepartmentMember,
  seesDepartmentEvaluation,
} from '@jixiao/core/department-evaluation/department-evaluation.ts';
import { frameworkIndicators } from '@jixiao/core/department-evaluation/department-framework.ts';
import { describe } from '@jixiao/core/validation.ts';
import { departmentEvaluationKind } from '#functions/department-evaluation/record-kinds.ts';
import {
  entryAttachmentsOf,
  type StoredDepartmentEvaluation,
} from '#functions/department-evaluation/stored-department-evaluation.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { partAttachmentOperations } from '#functions/records/record-attachment-operations.ts';

/**
 * Evidence files per indicator of the department overall self-evaluation (docs/domain/self-evaluation.md,
 * "Records, review and the table"). The department uploads and lists files exactly when it may save the record
 * (its own department, a draft or a returned one, at the version it read); everyone who may read the record may
 * download what is listed. The entry of the code, when there is one, carries the files' ids as its evidence;
 * listing files changes no score and leaves the review status as it is. Its files lie in the bucket's
 * `department-evaluation` folder (docs/architecture.md#evidence-files).
 */
export const departmentEvaluationAttachmentOperations = (store: RecordStore, evidence: EvidenceStore) => {
  const files = partAttachmentOperations<StoredDepartmentEvaluation>(store, evidence, {
    kind: departmentEvaluationKind,
    folder: 'department-evaluation',
    operation: 'save-department-evaluation-entry-attachments',
    part: 'code',
    visible: async (request, id) => {
      const found = await store.get<StoredDepartmentEvaluation>(request.principal.tenant, departmentEvaluationKind, id);
      if (!found || !seesDepartmentEvaluation(request.principal, found)) throw new HttpProblem('not-found');
      return found;
    },
    // The PATCH's rules in its order: scope, version, state.
    editable: (request, current, version) => {
      if (!isDepartmentMember(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== version) throw new HttpProblem('version-conflict', { current });
      if (current.reviewStatus !== 'DRAFT' && current.reviewStatus !== 'RETURNED') {
        throw new HttpProblem('invalid-transition', { current });
      }
    },
    hasPart: (request, current, code) => {
      if (!frameworkIndicators(current.framework).some((x) => x.indicator.code === code)) {
        throw new HttpProblem('validation-failed', {
          errors: [
            { pointer: '/code', code: 'unknown_indicator', message: describe('unknown_indicator', request.language) },
          ],
        });
      }
    },
    lists: entryAttachmentsOf,
    saved: (current, entryAttachments, code, attachments) => {
      // The entry of the code, once scored, lists the files' ids; an indicator not scored yet gets no entry here.
      const entries = current.entries.map((e) =>
        e.code === code ? { ...e, evidence: attachments.map((a) => a.id) } : e,
      );
      return { fields: { entries, entryAttachments }, answer: { entries, entryAttachments } };
    },
  });
  return {
    uploadDepartmentEvaluationEvidence: files.upload,
    saveDepartmentEvaluationEntryAttachments: files.save,
    getDepartmentEvaluationAttachment: files.download,
  };
};
