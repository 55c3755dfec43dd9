import {
  type CreateExportJob,
  type ExportJob,
  exportTitle,
  isStalled,
  mayExport,
} from '@jixiao/core/export-jobs/export-job.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import { isPerformanceSection, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import { exportJobKind, exportJobsQueue, type StoredExportJob } from '#functions/export-jobs/export-job-kind.ts';
import { engagementKind, type StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { monitoringRoundKind } from '#functions/monitoring/record-kinds.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import { type JobStarter, JobStarterUnavailableError } from '#functions/ports/job-starter.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { createdResponse, listPage, newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';

type Round = StoredRecord & { name: string; fiscalYear: number; roundStatus: string };

/** A download link lives ten minutes; the page asks for a new one each time it reads the job. */
const linkSeconds = 10 * 60;

/**
 * Whether a person may have an engagement's archive: the performance section any of the tenant's, the commissioned
 * agency's lead their agency's (docs/domain/key-evaluation.md#the-archive).
 */
const archivesEngagement = (p: Principal, e: StoredEngagement): boolean =>
  isPerformanceSection(p) || leadsAgencyOf(p, e);

/**
 * The bureau's exports across departments (docs/domain/daily-work.md#exports-across-departments) and an
 * engagement's archive (docs/domain/key-evaluation.md#the-archive): asking for one records the job and starts its
 * runner, answering at once (201, QUEUED); reading one answers its progress, and once it is done a short-lived link
 * to the file. Each kind is asked for and read by its own roles (core's exportKindRoles); a job the person may not
 * read is not found.
 */
export const exportJobOperations = (store: RecordStore, evidence: EvidenceStore, starter: JobStarter): Operations => {
  const view = async (job: StoredExportJob, now: string): Promise<ExportJob> => {
    const { fileKey, ...shown } = job;
    const engagementId = job.engagementId ?? null;
    const download =
      job.state === 'DONE' && fileKey && job.file
        ? await evidence.signDownload(fileKey, job.file.name, linkSeconds)
        : undefined;
    return {
      ...shown,
      engagementId,
      stalled: isStalled(job, now),
      download: download ? { url: download.url, expiresAt: download.expiresAt } : null,
    };
  };

  /** Whether the person may read this job: by its kind, and an archive by its engagement's scope. */
  const readable = async (p: Principal, job: StoredExportJob): Promise<boolean> => {
    if (!mayExport(p, job.kind)) return false;
    if (job.kind !== 'working-papers' || isPerformanceSection(p)) return true;
    const e = await store.get<StoredEngagement>(p.tenant, engagementKind, String(job.engagementId));
    return e !== undefined && archivesEngagement(p, e);
  };

  const subjectOf = async (tenant: string, body: CreateExportJob, request: OperationRequest) => {
    if (body.kind === 'year')
      return { roundId: null, engagementId: null, fiscalYear: body.fiscalYear, title: exportTitle('year', body) };
    if (body.kind === 'working-papers') {
      const e = await store.get<StoredEngagement>(tenant, engagementKind, body.engagementId);
      // Another agency's engagement is answered as one that does not exist.
      if (!e || !archivesEngagement(request.principal, e)) {
        throw new HttpProblem('reference-not-found', {
          errors: [
            {
              pointer: '/engagementId',
              code: 'reference_not_found',
              message: request.language === 'en' ? 'No such engagement' : '所选评价项目不存在',
            },
          ],
        });
      }
      return {
        roundId: null,
        engagementId: e.id,
        fiscalYear: e.fiscalYear,
        title: exportTitle('working-papers', { fiscalYear: e.fiscalYear, engagementTitle: e.title }),
      };
    }
    const kind = body.kind === 'monitoring-round' ? monitoringRoundKind : selfEvaluationRoundKind;
    const round = await store.get<Round>(tenant, kind, body.roundId);
    if (!round) {
      throw new HttpProblem('reference-not-found', {
        errors: [
          {
            pointer: '/roundId',
            code: 'reference_not_found',
            message: request.language === 'en' ? 'No such round' : '所选轮次不存在',
          },
        ],
      });
    }
    if (round.roundStatus === 'OPENING') {
      throw new HttpProblem('rules-not-met', {
        detail:
          request.language === 'en'
            ? 'The round is still being issued: there is nothing to export yet'
            : '该轮次尚在下达中，暂无可导出的记录',
      });
    }
    return {
      roundId: round.id,
      engagementId: null,
      fiscalYear: round.fiscalYear,
      title: exportTitle(body.kind, { fiscalYear: round.fiscalYear, roundName: round.name }),
    };
  };

  const create: Operation = async (request: OperationRequest<unknown, unknown, CreateExportJob>) => {
    const { principal, body } = request;
    const tenant = principal.tenant;
    // The route lets in everyone who may export something; the kind asked for says whether this person may.
    if (!mayExport(principal, body.kind)) throw new HttpProblem('forbidden');
    const existing = await store.get<StoredExportJob>(tenant, exportJobKind, body.id);
    if (existing && !(await readable(principal, existing))) throw new HttpProblem('not-found');
    const subject = existing ?? (await subjectOf(tenant, body, request));
    const job = {
      ...newRecord({ id: body.id }, request),
      kind: body.kind,
      roundId: subject.roundId,
      engagementId: subject.engagementId ?? null,
      fiscalYear: subject.fiscalYear,
      title: subject.title,
      state: 'QUEUED',
      progress: { done: 0, total: 0 },
      records: 0,
      requestedBy: principal.userId,
      requestedByName: principal.displayName ?? principal.userId,
      requestedAt: request.receivedAt,
      startedAt: null,
      finishedAt: null,
      file: null,
      fileKey: null,
      failure: null,
    } as StoredExportJob;
    const outcome = await store.create(tenant, exportJobKind, job, {
      hash: requestHash(body),
      context: { ...writeContext(request), operation: 'request-export' },
    });
    if (outcome.outcome !== 'created') {
      const answer = createdResponse(outcome, request.language);
      return { ...answer, body: await view(answer.body as StoredExportJob, request.receivedAt) };
    }
    try {
      await starter.start({ tenant, jobId: job.id, kind: job.kind });
    } catch (error) {
      if (!(error instanceof JobStarterUnavailableError)) throw error;
      // Said on the job too, so the list does not show it waiting for a runner that was never asked.
      const failed: StoredExportJob = {
        ...outcome.record,
        version: outcome.record.version + 1,
        state: 'FAILED',
        finishedAt: request.receivedAt,
        failure: { code: 'error', detail: '导出任务未能启动，请稍后重新导出' },
      };
      await store.update(tenant, exportJobKind, outcome.record, failed, {
        ...writeContext(request),
        operation: 'export-not-started',
      });
      throw new HttpProblem('unavailable', {
        detail:
          request.language === 'en' ? 'The export could not be started; try again' : '导出任务未能启动，请稍后再试',
      });
    }
    return { status: 201, body: await view(outcome.record, request.receivedAt) };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const job = await store.get<StoredExportJob>(request.principal.tenant, exportJobKind, request.params.id);
    if (!job || !(await readable(request.principal, job))) throw new HttpProblem('not-found');
    return { status: 200, body: await view(job, request.receivedAt) };
  };

  /** Newest first; links are signed only when one job is read, so a page of 50 signs nothing. */
  const list: Operation = async (request: OperationRequest<unknown, { limit: number; cursor?: string }>) => {
    const page = await listPage<StoredExportJob>(
      store,
      request.principal.tenant,
      exportJobKind,
      {
        limit: request.query.limit,
        cursor: request.query.cursor,
        queue: { name: exportJobsQueue, newestFirst: true },
      },
      request.language,
    );
    return {
      status: 200,
      body: {
        ...page,
        items: page.items.map(({ fileKey: _key, ...job }) => ({
          ...job,
          engagementId: job.engagementId ?? null,
          stalled: isStalled(job, request.receivedAt),
          download: null,
        })),
      },
    };
  };

  return { createExportJob: create, getExportJob: get, listExportJobs: list };
};
