import { uuidV7 } from '@jixiao/core/ids.ts';
import { exportJobKind, type StoredExportJob } from '@jixiao/functions/export-jobs/export-job-kind.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';

/**
 * An export job written straight to the store, as the API would have recorded it, in the state asked for (QUEUED
 * unless said) and last moved at `at`: for reading it back, or for a runner to find stalled. Answers its id.
 */
export const seedExportJob = async (
  store: RecordStore,
  tenant: string,
  options: {
    state?: StoredExportJob['state'];
    at?: string;
    /** An engagement's archive instead of the year's export. */
    engagementId?: string;
    progress?: { done: number; total: number };
  } = {},
): Promise<string> => {
  const id = uuidV7();
  const at = options.at ?? new Date().toISOString();
  const job = {
    id,
    version: 1,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    createdBy: 'fixture',
    updatedBy: 'fixture',
    ...(options.engagementId
      ? { kind: 'working-papers', engagementId: options.engagementId, title: '工作底稿归档 · 校园安全设施提升' }
      : { kind: 'year', title: '2026年度 全部部门 绩效运行监控与绩效自评' }),
    roundId: null,
    fiscalYear: 2026,
    state: options.state ?? 'QUEUED',
    progress: options.progress ?? { done: 0, total: 0 },
    records: 0,
    requestedBy: 'fixture',
    requestedByName: 'fixture',
    requestedAt: at,
    startedAt: options.state === 'RUNNING' ? at : null,
    finishedAt: null,
    file: null,
    fileKey: null,
    failure: null,
  } as StoredExportJob;
  const made = await store.create(tenant, exportJobKind, job, {
    hash: `export-job-fixture:${id}`,
    context: { actor: 'fixture', actorRoles: [], requestId: `export-job-fixture:${id}`, at },
  });
  if (made.outcome !== 'created') throw new Error(`export job fixture: ${made.outcome}`);
  return id;
};
