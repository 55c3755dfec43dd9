import { editableReportStatuses } from '@jixiao/core/monitoring/report-workflow.ts';
import { isUnitMember } from '@jixiao/core/scope/project-scope.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { monitoringReportKind, monitoringRoundKind } from '#functions/monitoring/record-kinds.ts';
import type { StoredReport } from '#functions/monitoring/tally-writes.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { recordAttachmentOperations, type WithAttachments } from '#functions/records/record-attachment-operations.ts';
import { readRoundRecord } from '#functions/records/round-records.ts';

type ReportWithFiles = StoredReport & WithAttachments;

/**
 * A monitoring report's attached files (情况说明、佐证材料): the unit lists them exactly when it may save the report
 * (its own unit, a draft or a returned one, at the version it read); whoever reads the report downloads them.
 * Files change no figure, so the department's tally and the red list are not touched.
 */
export const reportAttachmentOperations = (store: RecordStore, evidence: EvidenceStore) => {
  const kinds = { record: monitoringReportKind, round: monitoringRoundKind };
  const files = recordAttachmentOperations<ReportWithFiles>(store, evidence, {
    kind: monitoringReportKind,
    folder: 'monitoring-report',
    operation: 'save-monitoring-report-attachments',
    visible: (request: OperationRequest, id: string) => readRoundRecord<ReportWithFiles>(store, kinds, request, id),
    editable: (request, current, version) => {
      if (!isUnitMember(request.principal, current)) throw new HttpProblem('forbidden');
      if (current.version !== version) throw new HttpProblem('version-conflict', { current });
      if (!editableReportStatuses.includes(current.reviewStatus)) {
        throw new HttpProblem('invalid-transition', { current });
      }
    },
  });
  return {
    uploadMonitoringReportAttachment: files.upload,
    saveMonitoringReportAttachments: files.save,
    getMonitoringReportAttachment: files.download,
  };
};
