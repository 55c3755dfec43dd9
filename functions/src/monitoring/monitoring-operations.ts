import type { Operations } from '#functions/http/api-handler.ts';
import { dashboardOperations } from '#functions/monitoring/dashboard-operations.ts';
import { dispositionOperations } from '#functions/monitoring/disposition-operations.ts';
import { monitoringExportOperations } from '#functions/monitoring/export-operations.ts';
import { monitoringReportKind } from '#functions/monitoring/record-kinds.ts';
import { rectificationOperations } from '#functions/monitoring/rectification-operations.ts';
import { reportAttachmentOperations } from '#functions/monitoring/report-attachment-operations.ts';
import { bulkReportReview, reportOperations } from '#functions/monitoring/report-operations.ts';
import { roundOperations } from '#functions/monitoring/round-operations.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { reviewQueue } from '#functions/submission/review-queue.ts';

/** Mid-year monitoring, by operationId (routes/monitoring-routes.ts). */
export const monitoringOperations = (store: RecordStore, evidence: EvidenceStore): Operations => {
  const rounds = roundOperations(store);
  const reports = reportOperations(store);
  const views = dashboardOperations(store, rounds);
  const dispositions = dispositionOperations(store, reports);
  const rectifications = rectificationOperations(store, evidence);
  const exports = monitoringExportOperations(store, reports);
  return {
    getMonitoringSettings: rounds.getSettings,
    saveMonitoringSettings: rounds.saveSettings,
    listMonitoringRounds: rounds.list,
    createMonitoringRound: rounds.create,
    getMonitoringRound: rounds.get,
    issueMonitoringRound: rounds.issue,
    getMonitoringDashboard: views.dashboard,
    listMonitoringRedList: views.redList,
    listMonitoringReports: reports.list,
    getMonitoringReport: reports.get,
    saveMonitoringReport: reports.save,
    submitMonitoringReport: reports.submit,
    departmentReviewMonitoringReport: reports.departmentReview,
    firstReviewMonitoringReport: reports.firstReview,
    finalReviewMonitoringReport: reports.finalReview,
    bulkReviewMonitoringReports: bulkReportReview(store),
    withdrawMonitoringReport: reports.withdraw,
    getMonitoringReportHistory: reports.history,
    ...reportAttachmentOperations(store, evidence),
    listMonitoringReviewQueue: reviewQueue(store, monitoringReportKind),
    recordMonitoringDisposition: dispositions.record,
    listMonitoringDispositions: dispositions.listForRound,
    getMonitoringDisposition: dispositions.get,
    resolveMonitoringDisposition: dispositions.resolve,
    startRectification: rectifications.start,
    listRectifications: rectifications.list,
    getRectification: rectifications.get,
    saveRectificationFeedback: rectifications.saveFeedback,
    submitRectificationFeedback: rectifications.submitFeedback,
    verifyRectification: rectifications.verify,
    uploadRectificationAttachment: rectifications.uploadAttachment,
    getRectificationAttachment: rectifications.downloadAttachment,
    exportMonitoringTable: exports.reportTable,
    exportDepartmentMonitoring: exports.departmentTables,
    exportOverdueReports: exports.overdue,
  };
};
