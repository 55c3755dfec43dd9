import type { Rectification } from '@jixiao/core/monitoring/rectification.ts';
import type { ResultApplication } from '@jixiao/core/results-application/result-application.ts';
import { continuationKey } from '@jixiao/core/results-application/result-application.ts';
import { rectificationKind } from '#functions/monitoring/record-kinds.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { resultApplicationKind } from '#functions/results-application/record-kinds.ts';

/** The most records read for one project's results or one department's rectifications before refusing loudly. */
export const projectResultsCap = 2000;

export interface ProjectResults {
  results: (ResultApplication & StoredRecord)[];
  /** The rectifications of an earlier year's project with the same code not yet closed. */
  rectifications: Pick<Rectification, 'id' | 'fiscalYear' | 'state' | 'dueDate' | 'requirements' | 'source'>[];
}

/**
 * Last year's results of a project (docs/domain/results-application.md#the-budget-gate): the decisions whose next-year
 * key is this project's year and code (one query of the owner index), and the open rectifications of its predecessors,
 * read from the rectifications of the project's department with the same code (one query of the department's
 * partition, filtered by code) — by the fields every rectification has, whatever its source.
 */
export const projectResults = async (
  store: RecordStore,
  tenant: string,
  project: { fiscalYear: number; code: string; departmentId: string },
): Promise<ProjectResults> => {
  const [results, rectifications] = await Promise.all([
    listAll<ResultApplication & StoredRecord>(
      store,
      tenant,
      resultApplicationKind,
      {
        ownerId: continuationKey(project.fiscalYear, project.code),
      },
      projectResultsCap,
    ),
    listAll<Rectification & StoredRecord>(
      store,
      tenant,
      rectificationKind,
      {
        ownerId: project.departmentId,
        filters: [{ field: 'projectCode', op: 'eq', value: project.code }],
      },
      projectResultsCap,
    ),
  ]);
  const open = rectifications.filter((r) => r.fiscalYear < project.fiscalYear && r.state !== 'CLOSED');
  return {
    results,
    rectifications: open.map((r) => ({
      id: r.id,
      fiscalYear: r.fiscalYear,
      state: r.state,
      dueDate: r.dueDate,
      requirements: r.requirements,
      source: r.source,
    })),
  };
};
