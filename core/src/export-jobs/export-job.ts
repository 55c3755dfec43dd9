import * as v from 'valibot';
import type { Role } from '#core/roles.ts';
import { anyId, pageQuery, uuidV7Id } from '#core/schema-parts.ts';

/**
 * The bureau's exports across departments (docs/domain/daily-work.md#exports-across-departments): a round's
 * tables of every department, or a whole budget year's, packed off the request path by a job whose progress the
 * page follows. A Lambda answers within seconds and a response holds 6 MB at most; a year of a district does not
 * fit in either, so the request only records the job and the file is fetched from the bucket when it is ready.
 */

/**
 * - `monitoring-round`: every department's 绩效运行监控表 of one monitoring round;
 * - `self-evaluation-round`: every department's 项目支出绩效自评表 of the year's self-evaluation round;
 * - `year`: both, for every round of a budget year;
 * - `working-papers`: one key evaluation's archive (工作底稿, docs/domain/key-evaluation.md#the-archive): the field
 *   records, the photos, the conclusion's papers and a manifest; too big for a request when an engagement has
 *   hundreds of records and a thousand photos.
 */
export const exportJobKinds = ['monitoring-round', 'self-evaluation-round', 'year', 'working-papers'] as const;
export type ExportJobKind = (typeof exportJobKinds)[number];

/** QUEUED when asked for, RUNNING once a job runner took it, then DONE with its file or FAILED with the reason. */
export const exportJobStates = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type ExportJobState = (typeof exportJobStates)[number];

/**
 * The most records (reports and self-evaluations) one export packs. A year of the 200-department district holds
 * about 12,000; more is refused when the job starts, saying how many there are, never cut.
 */
export const maxExportRecords = 20_000;

export { maxArchivePhotoBytes, requestPathArchiveLimit } from '#core/export-jobs/archive-limits.ts';

/**
 * A job that has not moved for this long is reported stalled (its runner stopped: the function's time ran out or
 * it crashed), and the page offers to export again. The runner reports progress at least every department.
 */
export const stalledAfterMinutes = 15;

/** The exports the bureau has asked for, newest first: one page holds at most this many. */
export const exportJobPageLimit = 50;

const fiscalYear = v.pipe(
  v.number(),
  v.integer('integer'),
  v.minValue(2000, 'min_value'),
  v.maxValue(2100, 'max_value'),
);

export const createExportJob = v.variant('kind', [
  v.strictObject({ id: uuidV7Id, kind: v.literal('monitoring-round'), roundId: anyId }),
  v.strictObject({ id: uuidV7Id, kind: v.literal('self-evaluation-round'), roundId: anyId }),
  v.strictObject({ id: uuidV7Id, kind: v.literal('year'), fiscalYear }),
  v.strictObject({ id: uuidV7Id, kind: v.literal('working-papers'), engagementId: anyId }),
]);
export type CreateExportJob = v.InferOutput<typeof createExportJob>;

export const exportJobFailureCodes = ['too-large', 'nothing-to-export', 'stalled', 'error'] as const;
export type ExportJobFailureCode = (typeof exportJobFailureCodes)[number];

export const exportJob = v.object({
  id: v.string(),
  version: v.number(),
  kind: v.picklist(exportJobKinds),
  roundId: v.nullable(v.string()),
  /** The engagement whose archive is packed (`working-papers`), else null. */
  engagementId: v.nullable(v.string()),
  fiscalYear: v.number(),
  /** What is exported, in Chinese, e.g. 2026年第一次运行监控 全部部门. */
  title: v.string(),
  state: v.picklist(exportJobStates),
  /** Steps done of all to do: a department of a round, or one file (a photo, a workbook) of an archive. */
  progress: v.object({ done: v.number(), total: v.number() }),
  /** The records packed (reports, self-evaluations; an archive's field records). */
  records: v.number(),
  requestedBy: v.string(),
  requestedByName: v.string(),
  requestedAt: v.string(),
  startedAt: v.nullable(v.string()),
  finishedAt: v.nullable(v.string()),
  updatedAt: v.string(),
  file: v.nullable(v.object({ name: v.string(), sizeBytes: v.number(), contentType: v.string() })),
  failure: v.nullable(v.object({ code: v.picklist(exportJobFailureCodes), detail: v.string() })),
  /** QUEUED or RUNNING without a move for `stalledAfterMinutes`. */
  stalled: v.boolean(),
  /** A short-lived link to the file (signed when the job is read), once DONE. */
  download: v.nullable(v.object({ url: v.string(), expiresAt: v.string() })),
});
export type ExportJob = v.InferOutput<typeof exportJob>;

/** The list's query: a page of 1–50, 20 unless said. */
export const exportJobQuery = v.strictObject({
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, 'integer'),
      v.transform(Number),
      v.minValue(1, 'min_value'),
      v.maxValue(exportJobPageLimit, 'max_value'),
    ),
    '20',
  ),
  cursor: pageQuery.cursor,
});

export const exportJobPage = v.object({ items: v.array(exportJob), nextCursor: v.optional(v.string()) });

/**
 * Who asks for and reads exports: they span every department, so the performance section, which sees the whole tenant
 * and answers for the year. The routes' access and the exports page read this one list.
 */
export const exportingRoles = ['performance-section-reviewer'] as const satisfies readonly Role[];

/**
 * Who may ask for and read a job of each kind. An engagement's archive is also the commissioned agency's: its lead
 * files the working papers (财监〔2021〕4号); whether it is *their* engagement is the engagement's scope, checked
 * by the API. No other kind is opened to the agency.
 */
export const exportKindRoles: Record<ExportJobKind, readonly Role[]> = {
  'monitoring-round': exportingRoles,
  'self-evaluation-round': exportingRoles,
  year: exportingRoles,
  'working-papers': [...exportingRoles, 'agency-lead'],
};

/** Everyone who may use the export routes at all (their access); each job is then checked by its kind. */
export const exportJobRoles = [...exportingRoles, 'agency-lead'] as const satisfies readonly Role[];

export const mayExport = (p: { roles: readonly string[] }, kind: ExportJobKind): boolean =>
  exportKindRoles[kind].some((r) => p.roles.includes(r));

export const isStalled = (job: Pick<ExportJob, 'state' | 'updatedAt'>, now: string): boolean =>
  (job.state === 'QUEUED' || job.state === 'RUNNING') &&
  Date.parse(now) - Date.parse(job.updatedAt) > stalledAfterMinutes * 60_000;

/** Whole percent done, rounded down, so 100 % is said only when every step is done. */
export const percentDone = (progress: { done: number; total: number }): number =>
  progress.total === 0 ? 0 : Math.floor((progress.done * 100) / progress.total);

/** The job's title, in Chinese as the files and the bureau's filing use it. */
export const exportTitle = (
  kind: ExportJobKind,
  subject: { fiscalYear: number; roundName?: string; engagementTitle?: string },
): string => {
  if (kind === 'year') return `${subject.fiscalYear}年度 全部部门 绩效运行监控与绩效自评`;
  if (kind === 'working-papers') return `工作底稿 ${subject.engagementTitle ?? ''}`;
  return `${subject.roundName ?? ''} 全部部门`;
};

/** The file's name: the title, as the bureau files it. */
export const exportFileName = (title: string): string => `${title.trim().replace(/\s+/g, '-')}.zip`;
