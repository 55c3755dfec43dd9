import { exportFileName, isStalled } from '@jixiao/core/export-jobs/export-job.ts';
import { exportFileKey, exportJobKind, type StoredExportJob } from '#functions/export-jobs/export-job-kind.ts';
import { ExportRefusal } from '#functions/export-jobs/export-refusal.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, WriteContext } from '#functions/ports/record-store.ts';

const jobActor = 'job:export';

/** Progress is written at most this often (and after the last step): each write is an item and its audit entry. */
const progressEveryMs = 2_000;

/**
 * What packs the jobs of one function: the exports across departments (functions/src/export-jobs/pack-export.ts) or
 * an engagement's archive (functions/src/export-jobs/pack-working-papers.ts). Each runs in its own Lambda, so neither
 * carries the other's code (docs/decisions.md#18-long-work-runs-as-a-job-in-its-own-lambda-started-by-an-asynchronous-invoke).
 */
export interface JobPacker {
  /** The kinds of job it packs; a job of another kind was started on the wrong function and fails. */
  kinds: readonly StoredExportJob['kind'][];
  /** Reads what the job needs and says how many steps packing takes; refuses (ExportRefusal) before packing. */
  plan(
    store: RecordStore,
    evidence: EvidenceStore,
    tenant: string,
    job: StoredExportJob,
  ): Promise<{
    total: number;
    pack(
      meta: { generatedAt: string; generatedBy: string },
      progress: (done: number, records: number) => Promise<void>,
    ): Promise<{ bytes: Uint8Array<ArrayBuffer>; records: number }>;
  }>;
}

export interface ExportRunOutcome {
  jobId: string;
  state: StoredExportJob['state'] | 'not-found' | 'taken';
  records?: number;
}

/**
 * Runs one export (docs/domain/daily-work.md#exports-across-departments, docs/domain/key-evaluation.md#the-archive):
 * takes the job from QUEUED to RUNNING with a versioned write, so a second runner of the same job (a retried
 * invocation) finds it taken and does nothing; packs the departments one after another, or an engagement's archive
 * photo by photo, writing progress as it goes (at most every two seconds); stores the ZIP in the evidence bucket and
 * marks the job DONE, or FAILED with the reason in the person's words. `clock` gives the time of each write.
 */
export const runExportJob = async (
  store: RecordStore,
  evidence: EvidenceStore,
  packer: JobPacker,
  job: { tenant: string; jobId: string },
  clock: () => string = () => new Date().toISOString(),
): Promise<ExportRunOutcome> => {
  const { tenant, jobId } = job;
  let current = await store.get<StoredExportJob>(tenant, exportJobKind, jobId);
  if (!current) return { jobId, state: 'not-found' };
  const context = (operation: string): WriteContext => ({
    actor: jobActor,
    actorRoles: [],
    requestId: `export-job:${jobId}:${operation}:${current?.version ?? 0}`,
    at: clock(),
    operation,
  });
  const write = async (changes: Partial<StoredExportJob>, operation: string): Promise<boolean> => {
    const before = current!;
    const at = clock();
    const after: StoredExportJob = {
      ...before,
      ...changes,
      version: before.version + 1,
      updatedAt: at,
      updatedBy: jobActor,
    };
    const outcome = await store.update(tenant, exportJobKind, before, after, context(operation));
    if (outcome.outcome !== 'updated') return false;
    current = outcome.record;
    return true;
  };

  if (current.state === 'RUNNING' && isStalled(current, clock())) {
    await write(
      {
        state: 'FAILED',
        finishedAt: clock(),
        failure: { code: 'stalled', detail: '导出中断（超时或出错），请重新导出' },
      },
      'export-stalled',
    );
    return { jobId, state: 'FAILED' };
  }
  if (current.state !== 'QUEUED') return { jobId, state: 'taken' };
  if (!(await write({ state: 'RUNNING', startedAt: clock() }, 'export-start'))) return { jobId, state: 'taken' };

  try {
    const job = current;
    if (!packer.kinds.includes(job.kind)) throw new Error(`a ${job.kind} job on the function of ${packer.kinds}`);
    const plan = await packer.plan(store, evidence, tenant, job);
    const total = plan.total;
    await write({ progress: { done: 0, total } }, 'export-progress');
    let lastWrite = Date.parse(clock());
    const progress = async (done: number, records: number) => {
      if (done < total && Date.parse(clock()) - lastWrite < progressEveryMs) return;
      lastWrite = Date.parse(clock());
      await write({ progress: { done, total }, records }, 'export-progress');
    };
    const packed = await plan.pack({ generatedAt: clock(), generatedBy: job.requestedByName }, progress);
    const key = exportFileKey(tenant, jobId);
    await evidence.write(key, packed.bytes, 'application/zip');
    await write(
      {
        state: 'DONE',
        finishedAt: clock(),
        records: packed.records,
        fileKey: key,
        file: {
          name: exportFileName(current.title),
          sizeBytes: packed.bytes.byteLength,
          contentType: 'application/zip',
        },
      },
      'export-done',
    );
    return { jobId, state: 'DONE', records: packed.records };
  } catch (error) {
    const failure =
      error instanceof ExportRefusal
        ? { code: error.code, detail: error.message }
        : { code: 'error' as const, detail: '导出时出错，请稍后重新导出' };
    await write({ state: 'FAILED', finishedAt: clock(), failure }, 'export-failed');
    if (!(error instanceof ExportRefusal)) throw error;
    return { jobId, state: 'FAILED' };
  }
};
