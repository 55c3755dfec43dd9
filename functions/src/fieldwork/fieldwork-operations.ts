import { engagementOperations } from '#functions/fieldwork/engagement-operations.ts';
import { engagementViews } from '#functions/fieldwork/engagement-views.ts';
import { fieldRecordOperations } from '#functions/fieldwork/field-record-operations.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** Key evaluations and their fieldwork, by operationId (routes/fieldwork-routes.ts). */
export const fieldworkOperations = (store: RecordStore, evidence: EvidenceStore): Operations => {
  const engagements = engagementOperations(store);
  const records = fieldRecordOperations(store, evidence, engagements);
  const views = engagementViews(store, evidence, engagements);
  return {
    listEngagements: engagements.list,
    createEngagement: engagements.create,
    getEngagement: engagements.get,
    updateEngagementPlan: engagements.updatePlan,
    commissionEngagement: engagements.commission,
    approveEngagementPlan: engagements.approvePlan,
    closeFieldwork: engagements.closeFieldwork,
    releaseEngagement: engagements.release,
    getEngagementHistory: engagements.history,
    listAssignments: engagements.listAssignments,
    createAssignment: engagements.createAssignment,
    listEngagementEvaluators: engagements.evaluators,
    listMyAssignments: engagements.myAssignments,
    getFieldPackage: engagements.fieldPackage,
    signPhotoUpload: records.signUpload,
    createFieldRecord: records.create,
    getFieldRecord: records.get,
    updateFieldRecord: records.update,
    attachFieldPhoto: records.attachPhoto,
    getFieldPhoto: records.photoLink,
    listEngagementRecords: views.listRecords,
    getEngagementProgress: views.progress,
    getIndicatorEvidence: views.evidence,
    exportWorkingPapers: views.workingPapers,
  };
};
