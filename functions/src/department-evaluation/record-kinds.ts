import type { RecordKind } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';

/**
 * Department overall self-evaluations (docs/domain/self-evaluation.md, "Department overall self-evaluation"): one
 * per department and fiscal year, its id derived from the two, listed per year (`yearKey`, the year as text).
 */
export const departmentEvaluationKind: RecordKind = {
  type: 'department-evaluation',
  sortField: 'departmentCode',
  ownerField: 'yearKey',
  searchFields: ['departmentCode', 'departmentName'],
  uniqueFields: [],
};

/** One per department and year: asking again finds the same record. */
export const departmentEvaluationId = (fiscalYear: number, departmentId: string): string =>
  derivedId(`department-evaluation:${fiscalYear}:${departmentId}`);
