import { isUnitMember } from '@jixiao/core/scope/project-scope.ts';
import { editableSelfEvaluationStatuses } from '@jixiao/core/self-evaluation/self-evaluation-workflow.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { partAttachmentOperations } from '#functions/records/record-attachment-operations.ts';
import { readRoundRecord } from '#functions/records/round-records.ts';
import { selfEvaluationKind, selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';
import type { StoredSelfEvaluation } from '#functions/self-evaluation/tally-writes.ts';

const noSuchRow = { 'zh-CN': '自评表中没有这一指标行', en: 'The self-evaluation has no such row' } as const;

/**
 * Evidence per row of a self-evaluation (docs/domain/self-evaluation.md, "The form"). The unit may upload and list
 * files exactly when it may save the table (its own unit, a draft or a returned one), and at the version it read;
 * everyone who may read the self-evaluation may download what is listed. Listing files changes no score, so the
 * department's tally is not touched, and the review status stays as it is. Its files lie in the bucket's
 * `self-evaluation` folder (docs/architecture.md#evidence-files).
 */
export const selfEvaluationAttachmentOperations = (store: RecordStore, evidence: EvidenceStore) => {
  const kinds = { record: selfEvaluationKind, round: selfEvaluationRoundKind };
  const files = partAttachmentOperations<StoredSelfEvaluation>(store, evidence, {
    kind: selfEvaluationKind,
    folder: 'self-evaluation',
    operation: 'save-self-evaluation-row-attachments',
    part: 'rowId',
    visible: (request, id) => readRoundRecord<StoredSelfEvaluation>(store, kinds, request, id),
    // The rules the PATCH of the table holds, in its order: scope, version, state.
    editable: (request, current, version) => {
      if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== version) throw new HttpProblem('version-conflict', { current });
      if (!editableSelfEvaluationStatuses.includes(current.reviewStatus)) {
        throw new HttpProblem('invalid-transition', { current });
      }
    },
    hasPart: (request, current, rowId) => {
      if (!current.rows.some((r) => r.rowId === rowId)) {
        throw new HttpProblem('validation-failed', {
          errors: [{ pointer: '/rowId', code: 'unknown_row', message: noSuchRow[request.language] }],
        });
      }
    },
    lists: (record) => record.rowAttachments,
    saved: (_current, rowAttachments) => ({ fields: { rowAttachments }, answer: { rowAttachments } }),
  });
  return {
    uploadSelfEvaluationRowAttachment: files.upload,
    saveSelfEvaluationRowAttachments: files.save,
    getSelfEvaluationAttachment: files.download,
  };
};
