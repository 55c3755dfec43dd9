import { type ExportJobKind, maxExportRecords } from '@jixiao/core/export-jobs/export-job.ts';
import { roundsOf } from '#functions/daily-work/calendar-operations.ts';
import { departmentWorkbook, maxWorkbookProjects } from '#functions/export/department-workbook.ts';
import { departmentMonitoringWorkbook } from '#functions/export/monitoring-table.ts';
import type { Sheet } from '#functions/export/xlsx/workbook.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';
import { type ZipEntry, zip } from '#functions/export/zip.ts';
import { ExportRefusal } from '#functions/export-jobs/export-refusal.ts';
import type { JobPacker } from '#functions/export-jobs/run-export-job.ts';
import { monitoringReportKind, monitoringRoundKind, monitoringTallyKind } from '#functions/monitoring/record-kinds.ts';
import type { StoredReport } from '#functions/monitoring/tally-writes.ts';
import type { RecordKind, RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import type { DepartmentTallyHead } from '#functions/records/department-tally.ts';
import { talliesOfRound } from '#functions/records/department-tally.ts';
import {
  selfEvaluationKind,
  selfEvaluationRoundKind,
  selfEvaluationTallyKind,
} from '#functions/self-evaluation/record-kinds.ts';
import type { StoredSelfEvaluation } from '#functions/self-evaluation/tally-writes.ts';
import { workbookEntries } from '#functions/self-evaluation/workbook-entries.ts';

/**
 * Packs an export across departments (docs/domain/daily-work.md#exports-across-departments): a ZIP with a contents
 * workbook (目录.xlsx, one sheet per round: every department, its records, how many were sent and how many late, and
 * the file that holds them) and, per round, one workbook per department in the layout the department's own export
 * has, drawn by the same sheet writers. Departments are read from the rounds' tallies, then one department's
 * records at a time, so what is held at once is the ZIP and one department's records.
 */

type Round = StoredRecord & {
  name: string;
  fiscalYear: number;
  dataDate?: string;
  deadline: string;
  roundStatus: string;
};
type Tally = DepartmentTallyHead & { reports?: number; selfEvaluations?: number; submitted: number; late: number };

export interface ExportSection {
  stage: 'monitoring' | 'self-evaluation';
  round: Round;
  tallies: Tally[];
}

const stageKinds: Record<ExportSection['stage'], { round: RecordKind; tally: RecordKind; folder: string }> = {
  monitoring: { round: monitoringRoundKind, tally: monitoringTallyKind, folder: '运行监控' },
  'self-evaluation': { round: selfEvaluationRoundKind, tally: selfEvaluationTallyKind, folder: '绩效自评' },
};

const recordsOf = (tally: Tally): number => tally.reports ?? tally.selfEvaluations ?? 0;

/** Every record of one owner partition, followed page by page to the end. */
const listAll = async <T extends StoredRecord>(
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  ownerId: string,
): Promise<T[]> => {
  const found: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<T>(tenant, kind, { limit: 100, cursor, ownerId });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
};

const section = async (
  store: RecordStore,
  tenant: string,
  stage: ExportSection['stage'],
  round: Round,
): Promise<ExportSection> => ({
  stage,
  round,
  tallies: (await talliesOfRound<Tally>(store, tenant, stageKinds[stage].tally, round.id)).filter(
    (t) => recordsOf(t) > 0,
  ),
});

/**
 * The rounds an export covers and their departments (from the tallies), with what it will pack checked against the
 * limit before anything is read: more than `maxExportRecords` is refused, saying how many.
 */
export const planExport = async (
  store: RecordStore,
  tenant: string,
  subject: { kind: ExportJobKind; roundId: string | null; fiscalYear: number },
): Promise<ExportSection[]> => {
  const sections: ExportSection[] = [];
  if (subject.kind === 'year') {
    for (const stage of ['monitoring', 'self-evaluation'] as const) {
      const rounds = (await roundsOf(store, tenant, stageKinds[stage].round, subject.fiscalYear)) as Round[];
      rounds.sort((a, b) => (a.dataDate ?? a.deadline).localeCompare(b.dataDate ?? b.deadline));
      for (const round of rounds) sections.push(await section(store, tenant, stage, round));
    }
  } else {
    const stage = subject.kind === 'monitoring-round' ? 'monitoring' : 'self-evaluation';
    const round = await store.get<Round>(tenant, stageKinds[stage].round, String(subject.roundId));
    if (round && round.roundStatus !== 'OPENING') sections.push(await section(store, tenant, stage, round));
  }
  const steps = sections.reduce((n, s) => n + s.tallies.length, 0);
  const records = sections.reduce((n, s) => n + s.tallies.reduce((m, t) => m + recordsOf(t), 0), 0);
  if (steps === 0) throw new ExportRefusal('nothing-to-export', '没有可导出的记录：所选轮次尚未下达或没有部门的记录');
  if (records > maxExportRecords) {
    throw new ExportRefusal(
      'too-large',
      `共 ${records} 条记录，超过单次导出上限 ${maxExportRecords} 条，请按轮次分别导出`,
    );
  }
  return sections;
};

const fileName = (text: string): string => text.replace(/[\\/:*?"<>|\s]+/g, '_');
const folderOf = (s: ExportSection): string => `${stageKinds[s.stage].folder}-${fileName(s.round.name)}`;
/**
 * The workbooks of a department: one, or for a department with more self-evaluations than one workbook holds, one per
 * `maxWorkbookProjects` of them in project-code order (…-第1册.xlsx, …-第2册.xlsx), so every record is packed.
 */
const workbookCount = (s: ExportSection, t: Tally, perWorkbook: number): number =>
  s.stage === 'self-evaluation' ? Math.max(1, Math.ceil(recordsOf(t) / perWorkbook)) : 1;
const departmentFile = (s: ExportSection, t: Tally, part: number, parts: number): string =>
  `${folderOf(s)}/${fileName(`${t.departmentCode}-${t.departmentName}`)}${parts > 1 ? `-第${part}册` : ''}.xlsx`;
const departmentFiles = (s: ExportSection, t: Tally, perWorkbook: number): string[] => {
  const parts = workbookCount(s, t, perWorkbook);
  return Array.from({ length: parts }, (_, i) => departmentFile(s, t, i + 1, parts));
};

type DepartmentBooks = { files: { name: string; bytes: Uint8Array }[]; records: number };

const monitoringWorkbook = async (
  store: RecordStore,
  tenant: string,
  s: ExportSection,
  t: Tally,
): Promise<DepartmentBooks> => {
  const reports = await listAll<StoredReport>(store, tenant, monitoringReportKind, `${s.round.id}#${t.departmentId}`);
  const workbook = departmentMonitoringWorkbook(
    reports.map((r) => ({ ...r, departmentCode: t.departmentCode })),
    { departmentName: t.departmentName, roundName: s.round.name, dataDate: s.round.dataDate ?? '' },
  );
  return { files: [{ name: departmentFile(s, t, 1, 1), bytes: writeXlsx(workbook) }], records: reports.length };
};

const selfEvaluationWorkbooks = async (
  store: RecordStore,
  tenant: string,
  s: ExportSection,
  t: Tally,
  perWorkbook: number,
): Promise<DepartmentBooks> => {
  const found = await listAll<StoredSelfEvaluation>(
    store,
    tenant,
    selfEvaluationKind,
    `${s.round.id}#${t.departmentId}`,
  );
  const entries = await workbookEntries(store, tenant, found);
  const parts = Math.max(1, Math.ceil(entries.length / perWorkbook));
  const files = Array.from({ length: parts }, (_, i) => ({
    name: departmentFile(s, t, i + 1, parts),
    bytes: writeXlsx(
      departmentWorkbook(
        { roundName: s.round.name, departmentName: t.departmentName },
        entries.slice(i * perWorkbook, (i + 1) * perWorkbook),
      ),
    ),
  }));
  return { files, records: found.length };
};

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (s: ExportSection, i: number): string =>
  `${i + 1}-${s.round.name}`.replace(/[:\\/?*[\]']/g, '_').slice(0, 31);

const contentsSheet = (s: ExportSection, i: number, perWorkbook: number): Sheet => ({
  name: sheetName(s, i),
  columnWidths: [6, 10, 12, 28, 10, 10, 10, 48],
  rows: [
    [{ value: `${s.round.name}（${stageKinds[s.stage].folder}，共 ${s.tallies.length} 个部门）`, style: 'title' }],
    ['序号', '系列', '部门编码', '部门名称', '记录数', '已报送', '逾期报送', '文件'].map((value) => ({
      value,
      style: 'header' as const,
    })),
    ...s.tallies.map((t, n) => [
      { value: n + 1, style: 'integer' as const },
      t.departmentSeries,
      t.departmentCode,
      t.departmentName,
      { value: recordsOf(t), style: 'integer' as const },
      { value: t.submitted, style: 'integer' as const },
      { value: t.late, style: 'integer' as const },
      departmentFiles(s, t, perWorkbook).join('、'),
    ]),
  ],
  merges: ['A1:H1'],
  freezeRows: 2,
});

/**
 * Packs the planned sections, one department after another, telling `progress` after each; answers the ZIP and the
 * number of records packed.
 */
export const packExport = async (
  store: RecordStore,
  tenant: string,
  sections: readonly ExportSection[],
  progress: (done: number, records: number) => Promise<void>,
  /** Self-evaluations per workbook; a department with more gets several (tests lower it). */
  perWorkbook: number = maxWorkbookProjects,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; records: number }> => {
  const contents = sections.map((s, i) => contentsSheet(s, i, perWorkbook));
  const entries: ZipEntry[] = [
    { name: '目录.xlsx', data: writeXlsx({ creator: 'Jixiao', sheets: contents }), compress: false },
  ];
  let done = 0;
  let records = 0;
  for (const s of sections) {
    for (const t of s.tallies) {
      const books =
        s.stage === 'monitoring'
          ? await monitoringWorkbook(store, tenant, s, t)
          : await selfEvaluationWorkbooks(store, tenant, s, t, perWorkbook);
      for (const file of books.files) entries.push({ name: file.name, data: file.bytes, compress: false });
      done += 1;
      records += books.records;
      await progress(done, records);
    }
  }
  return { bytes: zip(entries), records };
};

/** The exports across departments as the export jobs' function runs them: a round's tables, or a year's. */
export const departmentExports: JobPacker = {
  kinds: ['monitoring-round', 'self-evaluation-round', 'year'],
  plan: async (store, _evidence, tenant, job) => {
    const sections = await planExport(store, tenant, job);
    return {
      total: sections.reduce((n, s) => n + s.tallies.length, 0),
      pack: (_meta, progress) => packExport(store, tenant, sections, progress),
    };
  },
};
