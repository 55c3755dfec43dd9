import { trainingOperations } from '#functions/department-assessment/training-operations.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** The year-end assessment of departments and what feeds it (docs/domain/department-assessment.md), by operationId. */
export const departmentAssessmentOperations = (store: RecordStore): Operations => ({
  ...trainingOperations(store),
});
