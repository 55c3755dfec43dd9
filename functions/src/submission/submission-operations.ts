import type { FrameworkId } from '@jixiao/core/indicator-library/framework.ts';
import type { RollOverReport } from '@jixiao/core/indicator-library/indicator.ts';
import { indicatorErrors } from '@jixiao/core/indicator-library/indicator.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { ListFilter, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import {
  type MasterDataSpec,
  masterDataOperations,
  newRecord,
  writeContext,
} from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { exAnteOperations } from '#functions/submission/ex-ante-operations.ts';
import type { exportOperations } from '#functions/submission/export-operations.ts';
import { projectOperations } from '#functions/submission/project-operations.ts';
import { indicatorKind } from '#functions/submission/record-kinds.ts';
import { reviewQueue } from '#functions/submission/review-queue.ts';
import { targetAttachmentOperations } from '#functions/submission/target-attachment-operations.ts';
import { bulkTargetReview, targetOperations } from '#functions/submission/target-operations.ts';
import { weightOperations } from '#functions/submission/weight-operations.ts';

const eq = (field: string, value: unknown): ListFilter[] =>
  typeof value === 'string' ? [{ field, op: 'eq', value }] : [];

const indicators: MasterDataSpec = {
  kind: indicatorKind,
  references: () => [],
  check: (record, language) =>
    indicatorErrors(
      {
        framework: record.framework as FrameworkId,
        level1: String(record.level1),
        level2: String(record.level2),
        scope: String(record.scope),
        commonCategory: record.commonCategory as string | null | undefined,
        sector: record.sector as string | null | undefined,
        operator: String(record.operator),
        unit: String(record.unit ?? ''),
        referenceValue: String(record.referenceValue),
        valueBasis: String(record.valueBasis),
        spendingStandardCap: record.spendingStandardCap as number | null | undefined,
        validFrom: String(record.validFrom),
        validTo: record.validTo as string | null | undefined,
      },
      language,
    ),
  listFilters: (q) => ({
    ...(typeof q.fiscalYear === 'string' ? { ownerId: q.fiscalYear } : {}),
    filters: [
      ...eq('level1', q.level1),
      ...eq('level2', q.level2),
      ...eq('scope', q.scope),
      ...eq('sector', q.sector),
      ...eq('commonCategory', q.commonCategory),
    ],
  }),
};

/** Copies every active entry of one year into another; ids derive from source and year, so a rerun replays. */
const rollOver =
  (store: RecordStore) => async (request: OperationRequest<unknown, unknown, { fromYear: number; toYear: number }>) => {
    const { fromYear, toYear } = request.body;
    const tenant = request.principal.tenant;
    const report: RollOverReport = { fromYear, toYear, created: 0, unchanged: 0, skipped: [] };
    let cursor: string | undefined;
    do {
      const page = await store.list<StoredRecord>(tenant, indicatorKind, {
        limit: 100,
        cursor,
        ownerId: String(fromYear),
        filters: [{ field: 'status', op: 'eq', value: 'active' }],
      });
      for (const source of page.items) {
        const {
          id: _id,
          version: _v,
          createdAt: _c,
          updatedAt: _u,
          createdBy: _cb,
          updatedBy: _ub,
          ...content
        } = source;
        const body = { ...content, fiscalYear: toYear, validFrom: `${toYear}-01-01`, validTo: null };
        const id = derivedId(`indicator-roll-over:${source.id}:${toYear}`);
        const record = newRecord({ ...body, id }, request);
        const result = await store.create(tenant, indicatorKind, record, {
          hash: requestHash({ id, ...body }),
          context: writeContext(request),
        });
        if (result.outcome === 'created') report.created++;
        // Rolled over before (and perhaps edited since): the new year's version stays as it is.
        else if (result.outcome === 'replayed' || result.outcome === 'id-conflict') report.unchanged++;
        else report.skipped.push({ code: String(source.code), reason: 'code-taken' });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return { status: 200, body: report };
  };

export const submissionOperations = (store: RecordStore, evidence: EvidenceStore): Operations => {
  const library = masterDataOperations(store, indicators);
  const projects = projectOperations(store);
  const targets = targetOperations(store);
  const exAnte = exAnteOperations(store, evidence);
  const weights = weightOperations(store);
  // The XLSX writer is only loaded when someone exports, not on every cold start.
  let exports: Promise<ReturnType<typeof exportOperations>> | undefined;
  const exporter = () => {
    exports ??= import('#functions/submission/export-operations.ts').then((m) => m.exportOperations(store));
    return exports;
  };
  return {
    exportTargetTable: async (request: OperationRequest) => (await exporter()).targetTable(request),
    exportDepartmentTargets: async (request: OperationRequest) => (await exporter()).departmentWorkbook(request),
    getTargetWeights: weights.get,
    saveTargetWeights: weights.save,
    getSubmissionSettings: weights.getSettings,
    saveSubmissionSettings: weights.saveSettings,
    listProjects: projects.list,
    createProject: projects.create,
    getProject: projects.get,
    updateProject: projects.update,
    getProjectHistory: projects.history,
    markProjectBudgeted: projects.markBudgeted,
    listProjectTargets: targets.listForProject,
    createProjectTarget: targets.create,
    getTarget: targets.get,
    saveTarget: targets.save,
    getTargetHistory: targets.history,
    submitTarget: targets.submit,
    departmentReviewTarget: targets.departmentReview,
    firstReviewTarget: targets.firstReview,
    finalReviewTarget: targets.finalReview,
    bulkReviewTargets: bulkTargetReview(store),
    cancelTargetApproval: targets.cancelApproval,
    withdrawTarget: targets.withdraw,
    listReviewQueue: reviewQueue(store),
    listExAnteAssessments: exAnte.list,
    createExAnteAssessment: exAnte.create,
    getExAnteAssessment: exAnte.get,
    updateExAnteAssessment: exAnte.update,
    concludeExAnteAssessment: exAnte.conclude,
    getExAnteAssessmentHistory: exAnte.history,
    submitExAnteAssessment: exAnte.submit,
    returnExAnteAssessment: exAnte.sendBack,
    uploadExAnteAttachment: exAnte.uploadAttachment,
    getExAnteAttachment: exAnte.downloadAttachment,
    ...targetAttachmentOperations(store, evidence),
    rollOverIndicators: rollOver(store),
    listIndicators: library.list,
    createIndicator: library.create,
    getIndicator: library.get,
    updateIndicator: library.update,
    getIndicatorHistory: library.history,
  };
};
