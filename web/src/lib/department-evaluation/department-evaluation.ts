import type { DepartmentEvaluation } from '@jixiao/core/department-evaluation/department-evaluation.ts';
import type { DepartmentSheet } from '@jixiao/core/department-evaluation/department-sheet.ts';
import type { Attachment } from '@jixiao/core/evidence/attachment.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { projectReaderRoles } from '@jixiao/core/scope/role-groups.ts';

/**
 * What the department overall self-evaluation screens read (docs/domain/self-evaluation.md, "Department overall
 * self-evaluation"): the record with core's sheet, the rules it breaks and the evidence files per indicator code,
 * as the API answers it.
 */
export type DepartmentEvaluationView = DepartmentEvaluation & {
  sheet: DepartmentSheet;
  checks: FieldError[];
  entryAttachments: Record<string, Attachment[]>;
};

/** What the API answers when an indicator's evidence list is saved: the version, the entries and every list. */
export type IndicatorEvidenceSaved = Pick<DepartmentEvaluationView, 'id' | 'version' | 'entries' | 'entryAttachments'>;

/** The API's readers of the list and the record; its screens are offered to the same people. */
export const departmentEvaluationRoles: readonly Role[] = projectReaderRoles;

/** A score as the sheet prints it, by the year's one rounding rule; a dash before it is scored. */
export { scoreLabel } from '#lib/score-label.ts';

export type ReviewPath = 'submit' | 'department-review' | 'first-review' | 'final-review';

/**
 * The step the caller may take now, as the API's review table allows it (core/src/department-evaluation/
 * department-evaluation.ts): the department's preparer sends a draft, the department's approver, the business
 * section and the performance section each approve or return it in turn. The API decides; this only offers.
 */
export const stepFor = (roles: readonly Role[], status: string): ReviewPath | undefined => {
  if ((status === 'DRAFT' || status === 'RETURNED') && roles.includes('unit-preparer')) return 'submit';
  if (status === 'UNIT_SUBMITTED' && roles.includes('department-reviewer')) return 'department-review';
  if (status === 'DEPT_APPROVED' && roles.includes('business-section-reviewer')) return 'first-review';
  if (status === 'FIRST_REVIEWED' && roles.includes('performance-section-reviewer')) return 'final-review';
  return undefined;
};

/** The department's own people fill it in while it is a draft or returned. */
export const editable = (
  roles: readonly Role[],
  me: { department?: { id: string } | null | undefined } | null | undefined,
  e: Pick<DepartmentEvaluation, 'departmentId' | 'reviewStatus'>,
): boolean =>
  (e.reviewStatus === 'DRAFT' || e.reviewStatus === 'RETURNED') &&
  roles.some((r) => r === 'unit-preparer' || r === 'unit-approver' || r === 'department-reviewer') &&
  me?.department?.id === e.departmentId;
