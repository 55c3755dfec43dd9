import { requestPathArchiveLimit } from '@jixiao/core/export-jobs/archive-limits.ts';
import type { FieldPhoto, FieldRecord } from '@jixiao/core/fieldwork/field-record.ts';
import { indicatorEvidence } from '@jixiao/core/fieldwork/indicator-evidence.ts';
import { summariseSurvey } from '@jixiao/core/fieldwork/survey-summary.ts';
import { bureauSees, isAssignee, leadsAgencyOf, seesEngagement } from '@jixiao/core/scope/fieldwork-scope.ts';
import type { engagementOperations } from '#functions/fieldwork/engagement-operations.ts';
import type { StoredAssignment, StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import { assignmentKind, fieldPhotoKind, fieldRecordKind } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { ListFilter, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listAll } from '#functions/records/list-all.ts';
import { listPage } from '#functions/records/record-operations.ts';

type StoredFieldRecord = FieldRecord & StoredRecord;
type StoredPhoto = FieldPhoto & StoredRecord;

/**
 * What the bureau and the agency look at (issue 4, items 8 and 9): an engagement's records,
 * fieldwork progress, the evidence per indicator with the survey summary, and the working papers.
 * An engagement's records are bounded (hundreds, a few thousand with surveys), so these read the
 * engagement's partition rather than keep counters that every phone's sync would contend for.
 */
export const engagementViews = (
  store: RecordStore,
  evidence: EvidenceStore,
  engagements: ReturnType<typeof engagementOperations>,
) => {
  const recordsOf = (tenant: string, engagementId: string) =>
    listAll<StoredFieldRecord>(store, tenant, fieldRecordKind, { ownerId: engagementId });
  const photosOf = (tenant: string, engagementId: string) =>
    listAll<StoredPhoto>(store, tenant, fieldPhotoKind, { ownerId: engagementId });

  /** The whole engagement is for the bureau, the agency's lead and (once released) the department. */
  const wholly = async (request: OperationRequest, id: string) => {
    const e = await engagements.visible(request, id);
    if (!seesEngagement(request.principal, e)) throw new HttpProblem('not-found');
    return e;
  };

  /** An evaluator lists only their own assignment's records; the others the engagement's, or one assignment's. */
  const listRecords: Operation = async (
    request: OperationRequest<{ id: string }, { limit: number; cursor?: string; type?: string; assignmentId?: string }>,
  ) => {
    const p = request.principal;
    const e = await engagements.visible(request, request.params.id);
    const { limit, cursor, type, assignmentId } = request.query;
    const filters: ListFilter[] = type ? [{ field: 'type', op: 'eq', value: type }] : [];
    if (!seesEngagement(p, e)) {
      const mine = assignmentId ? await store.get<StoredAssignment>(p.tenant, assignmentKind, assignmentId) : undefined;
      if (!mine || mine.engagementId !== e.id || !isAssignee(p, mine)) throw new HttpProblem('not-found');
    }
    // An assignment's queue is checked against this engagement; the engagement's own partition needs no check.
    const where = assignmentId
      ? {
          queue: { name: `ASSIGNMENT#${assignmentId}` },
          filters: [...filters, { field: 'engagementId', op: 'eq' as const, value: e.id }],
        }
      : { ownerId: e.id, filters };
    const page = await listPage<StoredFieldRecord>(
      store,
      p.tenant,
      fieldRecordKind,
      { limit, cursor, ...where },
      request.language,
    );
    return { status: 200, body: page };
  };

  const progress: Operation = async (request: OperationRequest<{ id: string }>) => {
    const e = await engagements.visible(request, request.params.id);
    if (!bureauSees(request.principal, e) && !leadsAgencyOf(request.principal, e)) throw new HttpProblem('not-found');
    const tenant = request.principal.tenant;
    const [assignments, records, photos] = await Promise.all([
      listAll<StoredAssignment>(store, tenant, assignmentKind, { ownerId: e.id }),
      recordsOf(tenant, e.id),
      photosOf(tenant, e.id),
    ]);
    const received = new Set(photos.map((p) => p.id));
    const byAssignment = assignments.map((a) => {
      const mine = records.filter((r) => r.assignmentId === a.id);
      const visited = new Set(mine.flatMap((r) => (r.type === 'SITE_VISIT' ? [r.siteId] : [])));
      const declared = mine.flatMap((r) => r.photos.map((p) => p.id));
      const count = (type: FieldRecord['type']) => mine.filter((r) => r.type === type).length;
      return {
        assignmentId: a.id,
        evaluatorId: a.evaluatorId,
        evaluatorName: a.evaluatorName,
        dueDate: a.dueDate,
        sites: a.siteIds.map((siteId) => ({
          siteId,
          name: e.sites.find((s) => s.id === siteId)?.name ?? '',
          visited: visited.has(siteId),
        })),
        siteVisits: count('SITE_VISIT'),
        interviews: count('INTERVIEW'),
        symposia: count('SYMPOSIUM'),
        surveyResponses: count('SURVEY_RESPONSE'),
        photosDeclared: declared.length,
        photosReceived: declared.filter((id) => received.has(id)).length,
        positionFlags: mine.filter((r) => r.positionFlag !== null).length,
        lastReceivedAt: mine.reduce<string | null>(
          (last, r) => (last && last > r.receivedAt ? last : r.receivedAt),
          null,
        ),
      };
    });
    return {
      status: 200,
      body: {
        engagementId: e.id,
        state: e.state,
        sitesInPlan: e.sites.length,
        sitesVisited: new Set(records.flatMap((r) => (r.type === 'SITE_VISIT' ? [r.siteId] : []))).size,
        records: records.length,
        photosDeclared: records.reduce((n, r) => n + r.photos.length, 0),
        photosReceived: photos.length,
        assignments: byAssignment,
      },
    };
  };

  const evidenceView: Operation = async (request: OperationRequest<{ id: string }>) => {
    const e = await wholly(request, request.params.id);
    const records = await recordsOf(request.principal.tenant, e.id);
    const survey = summariseSurvey(
      e.questionnaires,
      records.flatMap((r) => (r.type === 'SURVEY_RESPONSE' ? [r] : [])),
    );
    return {
      status: 200,
      body: { engagementId: e.id, indicators: indicatorEvidence(e, records, survey), survey },
    };
  };

  /**
   * The working papers of a small engagement as one ZIP in the bucket, linked for download: a Lambda answer is
   * capped at 6 MB and photos are not, so the file goes through the store rather than the response. A Lambda
   * behind the API answers within seconds, so an engagement with more photos than `requestPathArchiveLimit` is
   * refused here (422, saying how many) and packed by the archive job instead (POST /export-jobs, kind
   * working-papers: docs/domain/key-evaluation.md#the-archive). Both pack with the same code; this one packs the
   * fieldwork's papers, the job the whole archive with the conclusion's papers (kept out of this capability).
   */
  const workingPapers: Operation = async (request: OperationRequest<{ id: string }, unknown, { id: string }>) => {
    const e: StoredEngagement = await engagements.visible(request, request.params.id);
    const p = request.principal;
    if (!p.roles.includes('performance-section-reviewer') && !leadsAgencyOf(p, e)) throw new HttpProblem('not-found');
    const tenant = p.tenant;
    const name = `${request.language === 'en' ? 'working-papers' : '工作底稿'}-${e.title}.zip`;
    // The export's id names its file: asked again, the same file is linked, not packed a second time.
    const key = `T/${tenant}/working-papers/${e.id}/${request.body.id}.zip`;
    if (await evidence.head(key)) {
      const link = await evidence.signDownload(key, name, 10 * 60);
      return {
        status: 201,
        body: { url: link.url, expiresAt: link.expiresAt },
        headers: { 'idempotent-replayed': 'true' },
      };
    }
    const { readWorkingPapersSource, photoBytesOf, packEngagementArchive } = await import(
      '#functions/fieldwork/working-papers-source.ts'
    );
    const source = await readWorkingPapersSource(store, tenant, e.id);
    const bytes = photoBytesOf(source.photos);
    const limit = requestPathArchiveLimit;
    if (source.photos.length > limit.photos || bytes > limit.photoBytes) {
      const mb = (n: number) => Math.ceil(n / 2 ** 20);
      throw new HttpProblem('rules-not-met', {
        detail:
          request.language === 'en'
            ? `${source.photos.length} photos (${mb(bytes)} MB) are more than a request packs (${limit.photos} photos, ${mb(limit.photoBytes)} MB): export the archive as a job (POST /api/v1/export-jobs, kind working-papers)`
            : `共 ${source.photos.length} 张照片（${mb(bytes)} MB），超过即时导出上限（${limit.photos} 张、${mb(limit.photoBytes)} MB），请以导出任务生成工作底稿归档包`,
      });
    }
    const { zip } = await packEngagementArchive(evidence, e, source, {
      language: request.language,
      generatedAt: request.receivedAt,
      generatedBy: p.displayName ?? p.userId,
    });
    await evidence.write(key, zip, 'application/zip');
    const link = await evidence.signDownload(key, name, 10 * 60);
    return { status: 201, body: { url: link.url, expiresAt: link.expiresAt } };
  };

  return { listRecords, progress, evidence: evidenceView, workingPapers };
};
