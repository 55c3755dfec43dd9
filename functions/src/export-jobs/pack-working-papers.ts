import { maxArchivePhotoBytes } from '@jixiao/core/export-jobs/export-job.ts';
import { paperDocuments } from '@jixiao/core/key-evaluation/scoring-paper.ts';
import { ExportRefusal } from '#functions/export-jobs/export-refusal.ts';
import type { JobPacker } from '#functions/export-jobs/run-export-job.ts';
import { engagementKind, type StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import { readArchivePapers } from '#functions/fieldwork/working-papers-sections.ts';
import {
  packEngagementArchive,
  photoBytesOf,
  readWorkingPapersSource,
  type WorkingPapersSource,
} from '#functions/fieldwork/working-papers-source.ts';
import { readScoringPapers } from '#functions/key-evaluation/scoring-paper-kind.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/**
 * An engagement's archive as an export job (docs/domain/key-evaluation.md#the-archive): planned from the engagement's
 * records and photos as recorded, checked against the limit before any photo is read, then packed by the working
 * papers' one implementation, each photo read from the bucket in its turn, with the conclusion's papers that the
 * archive's sections make.
 */
export interface ArchivePlan {
  engagement: StoredEngagement;
  source: WorkingPapersSource;
  /** Steps: one per photo, and the workbooks and papers as the last. */
  total: number;
}

const mb = (bytes: number) => Math.ceil(bytes / 2 ** 20);

export const planArchive = async (
  store: RecordStore,
  tenant: string,
  engagementId: string | null,
): Promise<ArchivePlan> => {
  const engagement = engagementId ? await store.get<StoredEngagement>(tenant, engagementKind, engagementId) : undefined;
  if (!engagement) throw new ExportRefusal('nothing-to-export', '没有可导出的工作底稿：该评价项目已不存在');
  const [source, papers] = await Promise.all([
    readWorkingPapersSource(store, tenant, engagement.id),
    readScoringPapers(store, tenant, engagement.id),
  ]);
  // The papers' documents are held in memory as the photos are, so they count against the same limit.
  const documents = papers.flatMap((paper) => paperDocuments(paper.evidence));
  const bytes = photoBytesOf(source.photos) + documents.reduce((n, d) => n + d.sizeBytes, 0);
  if (bytes > maxArchivePhotoBytes) {
    const what =
      documents.length > 0
        ? `${source.photos.length} 张照片和 ${documents.length} 份文件`
        : `${source.photos.length} 张照片`;
    throw new ExportRefusal(
      'too-large',
      `共 ${what}、${mb(bytes)} MB，超过单个归档包上限 ${mb(maxArchivePhotoBytes)} MB，请联系管理员分批归档`,
    );
  }
  return { engagement, source, total: source.photos.length + 1 };
};

export const packArchive = async (
  store: RecordStore,
  evidence: EvidenceStore,
  tenant: string,
  plan: ArchivePlan,
  meta: { generatedAt: string; generatedBy: string },
  progress: (done: number, records: number) => Promise<void>,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; records: number }> => {
  const records = plan.source.records.length;
  // The bureau files its archives in Chinese, as the exports across departments are.
  const language = 'zh-CN';
  const papers = await readArchivePapers({
    store,
    tenant,
    engagement: plan.engagement,
    language,
    ...meta,
    readDocument: (key) => evidence.read(key),
  });
  const { zip } = await packEngagementArchive(evidence, plan.engagement, plan.source, {
    language,
    ...meta,
    papers,
    progress: (done) => progress(done, records),
  });
  return { bytes: zip, records };
};

/** An engagement's archive as the archive jobs' function runs it (infra/cdk/export-jobs.ts). */
export const engagementArchive: JobPacker = {
  kinds: ['working-papers'],
  plan: async (store, evidence, tenant, job) => {
    const plan = await planArchive(store, tenant, job.engagementId ?? null);
    return {
      total: plan.total,
      pack: (meta, progress) => packArchive(store, evidence, tenant, plan, meta, progress),
    };
  },
};
