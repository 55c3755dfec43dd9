import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import { annualTotal, type Project } from '@jixiao/core/submission/project.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { StoredRecord } from '#functions/ports/record-store.ts';

type StoredTarget = PerformanceTarget & StoredRecord;
type StoredProject = Project & StoredRecord;

/**
 * A project's next target version, as a draft copied from `previous` (the approved version it
 * adjusts, or nothing for the first), and the project pointing at it. The unit starts one
 * (目标调整), and so does a monitoring disposition that adjusts budget and targets (docs/domain/monitoring.md).
 */
export const nextTargetVersion = (
  project: StoredProject,
  previous: StoredTarget | undefined,
  id: string,
  request: OperationRequest,
): { target: StoredTarget; project: StoredProject } => {
  const now = request.receivedAt;
  const target: StoredTarget = {
    id,
    version: 1,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    createdBy: request.principal.userId,
    updatedBy: request.principal.userId,
    framework: previous?.framework ?? 'mof-2020',
    mediumTermGoal: previous?.mediumTermGoal ?? '',
    annualGoal: previous?.annualGoal ?? '',
    rows: previous?.rows ?? [],
    satisfactionExemptReason: previous?.satisfactionExemptReason ?? null,
    weightReason: previous?.weightReason ?? null,
    projectId: project.id,
    fiscalYear: project.fiscalYear,
    departmentId: project.departmentId,
    unitId: project.unitId,
    financeSectionId: project.financeSectionId ?? null,
    versionNo: project.targetVersionNo + 1,
    basedOnId: previous?.id ?? null,
    reviewStatus: 'DRAFT',
    grade: null,
    statusSince: now,
    projectCode: project.code,
    projectName: project.name,
    departmentName: project.departmentName ?? '',
    unitName: project.unitName ?? '',
    departmentSeries: project.departmentSeries ?? '',
    annualTotalFen: annualTotal(project.funds),
    reviewLog: [],
    superseded: false,
  };
  return {
    target,
    project: {
      ...project,
      currentTargetId: target.id,
      currentTargetStatus: 'DRAFT',
      targetVersionNo: target.versionNo,
      version: project.version + 1,
      updatedAt: now,
      updatedBy: request.principal.userId,
    },
  };
};
