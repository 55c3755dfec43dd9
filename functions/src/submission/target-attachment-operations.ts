import { publishedTarget } from '@jixiao/core/scope/observer-scope.ts';
import { canSee, isUnitMember } from '@jixiao/core/scope/project-scope.ts';
import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import { editableStatuses } from '@jixiao/core/submission/review-workflow.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { recordAttachmentOperations, type WithAttachments } from '#functions/records/record-attachment-operations.ts';
import { targetKind } from '#functions/submission/record-kinds.ts';

type StoredTarget = PerformanceTarget & WithAttachments;

/**
 * A target version's basis documents (立项依据、测算依据): the unit lists them exactly when it may save the version
 * (its own unit, DRAFT or RETURNED, not superseded, at the version it read); whoever reads the version downloads
 * them. Each version keeps its own list: a new version (目标调整) starts without files, since its files are evidence
 * for what it asks, not for what the approved one did.
 */
export const targetAttachmentOperations = (store: RecordStore, evidence: EvidenceStore) => {
  const files = recordAttachmentOperations<StoredTarget>(store, evidence, {
    kind: targetKind,
    folder: 'target',
    operation: 'save-target-attachments',
    visible: async (request: OperationRequest, id: string) => {
      const target = await store.get<StoredTarget>(request.principal.tenant, targetKind, id);
      if (!target || !canSee(request.principal, target, publishedTarget(target.reviewStatus))) {
        throw new HttpProblem('not-found');
      }
      return target;
    },
    editable: (request, current, version) => {
      if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== version) throw new HttpProblem('version-conflict', { current });
      if (!editableStatuses.includes(current.reviewStatus) || current.superseded) {
        throw new HttpProblem('invalid-transition', { current });
      }
    },
  });
  return {
    uploadTargetAttachment: files.upload,
    saveTargetAttachments: files.save,
    getTargetAttachment: files.download,
  };
};
