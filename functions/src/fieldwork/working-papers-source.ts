import type { FieldPhoto, FieldRecord } from '@jixiao/core/fieldwork/field-record.ts';
import type { Language } from '@jixiao/core/language.ts';
import type { StoredAssignment, StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import { assignmentKind, fieldPhotoKind, fieldRecordKind } from '#functions/fieldwork/record-kinds.ts';
import { type PaperFile, packWorkingPapers, type WorkingPapers } from '#functions/fieldwork/working-papers.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';

type StoredFieldRecord = FieldRecord & StoredRecord;
type StoredPhoto = FieldPhoto & StoredRecord;

/** What an engagement's archive is packed from: its assignments, its records, and its photos as recorded. */
export interface WorkingPapersSource {
  assignments: StoredAssignment[];
  records: StoredFieldRecord[];
  photos: StoredPhoto[];
}

export const readWorkingPapersSource = async (
  store: RecordStore,
  tenant: string,
  engagementId: string,
): Promise<WorkingPapersSource> => {
  const [assignments, records, photos] = await Promise.all([
    listAll<StoredAssignment>(store, tenant, assignmentKind, { ownerId: engagementId }),
    listAll<StoredFieldRecord>(store, tenant, fieldRecordKind, { ownerId: engagementId }),
    listAll<StoredPhoto>(store, tenant, fieldPhotoKind, { ownerId: engagementId }),
  ]);
  return { assignments, records, photos };
};

/** The photos' bytes as recorded on upload: what the archive will hold of them, known before any is read. */
export const photoBytesOf = (photos: readonly Pick<FieldPhoto, 'sizeBytes'>[]): number =>
  photos.reduce((n, p) => n + p.sizeBytes, 0);

/**
 * Packs an engagement's working papers from what was read: the field records, each photo read from the bucket when
 * its turn comes, and the conclusion's papers the caller made (the archive job's sections,
 * functions/src/fieldwork/working-papers-sections.ts; none on the request path, which serves fieldwork). The one
 * path of the request route and of the archive job (docs/domain/key-evaluation.md#the-archive).
 */
export const packEngagementArchive = async (
  evidence: EvidenceStore,
  engagement: StoredEngagement,
  source: WorkingPapersSource,
  options: {
    language: Language;
    generatedAt: string;
    generatedBy: string;
    progress?: (done: number, total: number) => Promise<void>;
    papers?: PaperFile[];
  },
): Promise<WorkingPapers> => {
  const { language, generatedAt, generatedBy } = options;
  return packWorkingPapers(
    {
      engagement,
      assignments: source.assignments,
      records: source.records,
      photos: source.photos,
      readPhoto: (photo) => evidence.read(photo.key),
      papers: options.papers,
      progress: options.progress,
      generatedAt,
      generatedBy,
    },
    language,
  );
};
