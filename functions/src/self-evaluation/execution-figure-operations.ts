import { createHash } from 'node:crypto';
import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import type {
  ExecutionImport,
  ImportExecutionFigures,
} from '@jixiao/core/self-evaluation/execution-figures/execution-figure.ts';
import { maxImportFileBytes } from '@jixiao/core/self-evaluation/execution-figures/execution-figure.ts';
import type { ImportError, ReadResult } from '@jixiao/core/self-evaluation/execution-figures/read-execution-figures.ts';
import { readCsvFigures, readWorkbookFigures } from '@jixiao/core/self-evaluation/execution-figures/read-file.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { defaultXlsxLimits, readXlsx } from '#functions/import/xlsx/read-xlsx.ts';
import { XlsxReadError } from '#functions/import/xlsx/xlsx-error.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { listPage, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import {
  type ExecutionFigure,
  executionFigureId,
  executionFigureKind,
  executionImportKind,
  executionImportLedgerId,
  executionImportLedgerKind,
} from '#functions/self-evaluation/execution-figure-kinds.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

type ImportRecord = StoredRecord & Omit<ExecutionImport, 'version'> & { createdAt: string; updatedAt: string };
type LedgerRecord = StoredRecord & { fiscalYear: number; lastImportId: string; lastSha256: string };
type ProjectRecord = StoredRecord & { code: string; name: string; departmentId: string; fiscalYear: number };

/** Items of one transaction: the batch's change (2) leaves 98 for figures, 3 per new one and 2 per change. */
const itemsPerTransaction = 100;
/** An import call stops between transactions after this long and answers 202; sending the file again goes on. */
const millisecondsPerCall = 4000;

const isXlsx = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;

/**
 * Errors one refusal lists: a file of 10,000 rows, each wrong in several cells, would otherwise answer
 * past Lambda's 6 MB response limit. The detail gives the full count and says when the list stops.
 */
export const maxListedErrors = 1_000;

const refused = (errors: readonly ImportError[], language: Language): HttpProblem => {
  const listed = errors.slice(0, maxListedErrors);
  const more = errors.length > listed.length;
  return new HttpProblem('rules-not-met', {
    detail:
      language === 'en'
        ? `The file has ${errors.length} error(s); nothing was imported.${more ? ` The first ${listed.length} are listed.` : ''}`
        : `文件中有 ${errors.length} 处错误，未导入任何数据。${more ? `以下列出前 ${listed.length} 处。` : ''}`,
    errors: listed.map((e): FieldError => ({ pointer: '/contentBase64', code: e.code, message: e.message[language] })),
  });
};

const publicImport = (record: ImportRecord, replayed: boolean) => ({
  id: record.id,
  fiscalYear: record.fiscalYear,
  fileName: record.fileName,
  sha256: record.sha256,
  format: record.format,
  encoding: record.encoding,
  units: record.units,
  rowCount: record.rowCount,
  totalLines: record.totalLines,
  status: record.status,
  created: record.created,
  updated: record.updated,
  unchanged: record.unchanged,
  importedAt: record.importedAt,
  importedBy: record.importedBy,
  version: record.version,
  replayed,
});

const publicFigure = (f: ExecutionFigure) => ({
  id: f.id,
  fiscalYear: f.fiscalYear,
  projectCode: f.projectCode,
  projectId: f.projectId,
  projectName: f.projectName,
  departmentId: f.departmentId,
  source: f.source,
  annualBudgetFen: f.annualBudgetFen,
  executedFen: f.executedFen,
  importId: f.importId,
  line: f.line,
  version: f.version,
  updatedAt: f.updatedAt,
});

/**
 * Year-end execution figures imported from a treasury or 一体化 export
 * (docs/domain/self-evaluation.md#execution-figures): all or nothing per file, replayed when the same
 * file comes again, resumed when an import was cut short.
 */
export const executionFigureOperations = (store: RecordStore, options: { millisecondsPerCall?: number } = {}) => {
  const budgetMs = options.millisecondsPerCall ?? millisecondsPerCall;

  const read = (
    bytes: Buffer,
    fiscalYear: number,
  ): ReadResult & { format: 'CSV' | 'XLSX'; encoding: string | null } => {
    if (!isXlsx(bytes)) return { ...readCsvFigures(bytes, fiscalYear), format: 'CSV' };
    try {
      const grid = readXlsx(bytes, { ...defaultXlsxLimits, maxFileBytes: maxImportFileBytes });
      return { ...readWorkbookFigures(grid.sheets, fiscalYear), format: 'XLSX', encoding: null };
    } catch (error) {
      if (!(error instanceof XlsxReadError)) throw error;
      const failed: ImportError = {
        line: null,
        column: null,
        code: `xlsx_${error.code.toLowerCase()}`,
        message: error.detail,
      };
      return {
        figures: [],
        errors: [failed],
        units: { annualBudget: null, executed: '元' },
        totalLines: [],
        codeColumn: null,
        format: 'XLSX',
        encoding: null,
      };
    }
  };

  /** The projects of the year by code: every project of the tenant's year, page by page to the end. */
  const projectsOfYear = async (tenant: string, fiscalYear: number): Promise<Map<string, ProjectRecord>> => {
    const byCode = new Map<string, ProjectRecord>();
    let cursor: string | undefined;
    do {
      const page = await store.list<ProjectRecord>(tenant, projectKind, {
        limit: 100,
        cursor,
        filters: [{ field: 'fiscalYear', op: 'eq', value: fiscalYear }],
      });
      for (const p of page.items) byCode.set(p.code, p);
      cursor = page.nextCursor;
    } while (cursor);
    return byCode;
  };

  const importFigures: Operation = async (request: OperationRequest<unknown, unknown, ImportExecutionFigures>) => {
    const started = Date.now();
    const tenant = request.principal.tenant;
    const { fiscalYear, fileName, contentBase64 } = request.body;
    const language = request.language;
    // Buffer.from skips what is not base64: a damaged upload must be refused, not read in part.
    const bytes =
      contentBase64.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)
        ? Buffer.from(contentBase64, 'base64')
        : undefined;
    if (!bytes || bytes.length > maxImportFileBytes) {
      const tooLarge = bytes !== undefined;
      throw new HttpProblem('validation-failed', {
        errors: [
          {
            pointer: '/contentBase64',
            code: tooLarge ? 'file_too_large' : 'base64',
            message: tooLarge
              ? language === 'en'
                ? `The file is larger than ${maxImportFileBytes / 1024 / 1024} MiB; split it into several files`
                : `文件超过 ${maxImportFileBytes / 1024 / 1024} MiB，请分成几个文件导入`
              : language === 'en'
                ? 'The file is not base64-encoded'
                : '文件内容不是 base64 编码',
          },
        ],
      });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');

    const ledgerId = executionImportLedgerId(fiscalYear);
    const ledger = await store.get<LedgerRecord>(tenant, executionImportLedgerKind, ledgerId);
    let batch =
      ledger?.lastSha256 === sha256
        ? await store.get<ImportRecord>(tenant, executionImportKind, ledger.lastImportId)
        : undefined;
    if (batch?.status === 'DONE') return { status: 200, body: publicImport(batch, true) };

    const result = read(bytes, fiscalYear);
    if (result.errors.length > 0) throw refused(result.errors, language);
    const projects = await projectsOfYear(tenant, fiscalYear);
    const unknown = result.figures
      .filter((f) => !projects.has(f.projectCode))
      .map((f): ImportError => {
        const column = result.codeColumn!;
        return {
          line: f.line,
          column: column.letter,
          code: 'unknown_project',
          message: {
            'zh-CN': `第 ${f.line} 行 ${column.letter} 列（${column.header}）：${fiscalYear} 年度没有编码为 ${f.projectCode} 的项目`,
            en: `line ${f.line}, column ${column.letter} (${column.header}): no project of ${fiscalYear} has the code ${f.projectCode}`,
          },
        };
      });
    if (unknown.length > 0) throw refused(unknown, language);

    const context = { ...writeContext(request), operation: 'import-execution-figures' };
    const conflict = () =>
      new HttpProblem('version-conflict', {
        detail:
          language === 'en'
            ? 'Another import of this year was being written at the same moment; send the file again.'
            : '同一年度的另一次导入正在写入，请重新提交该文件。',
      });

    if (!batch) {
      const id = derivedId(`execution-import:${fiscalYear}:${sha256}:${ledger?.lastImportId ?? 'first'}`);
      const fresh: ImportRecord = {
        id,
        version: 1,
        fiscalYear,
        fileName,
        sha256,
        format: result.format,
        encoding: result.encoding,
        units: result.units,
        rowCount: result.figures.length,
        totalLines: result.totalLines,
        status: 'IMPORTING',
        created: 0,
        updated: 0,
        unchanged: 0,
        importedAt: request.receivedAt,
        importedBy: request.principal.userId,
        createdAt: request.receivedAt,
        updatedAt: request.receivedAt,
      };
      const nextLedger: LedgerRecord = {
        id: ledgerId,
        version: (ledger?.version ?? 0) + 1,
        fiscalYear,
        lastImportId: id,
        lastSha256: sha256,
      };
      const opened = await store.transact(
        tenant,
        [
          {
            kind: executionImportKind,
            create: fresh,
            hash: requestHash({ fiscalYear, sha256, after: ledger?.lastImportId }),
          },
          ledger
            ? { kind: executionImportLedgerKind, before: ledger, after: nextLedger }
            : { kind: executionImportLedgerKind, create: nextLedger, hash: requestHash({ fiscalYear }) },
        ],
        context,
      );
      if (opened.outcome !== 'done') throw conflict();
      batch = fresh;
    }

    // A figure this batch wrote in an earlier call is left as it is; one equal to the file's is unchanged.
    const ids = result.figures.map((f) => executionFigureId(fiscalYear, f.projectCode, f.source));
    const stored = new Map(
      (await store.getMany<ExecutionFigure>(tenant, executionFigureKind, ids)).map((f) => [f.id, f]),
    );
    const pending: TransactionWrite[] = [];
    for (const [i, f] of result.figures.entries()) {
      const id = ids[i]!;
      const before = stored.get(id);
      if (before?.importId === batch.id) continue;
      // A file without a budget column leaves the budgets as they are; a blank budget cell clears one.
      const annualBudgetFen =
        result.units.annualBudget === null ? (before?.annualBudgetFen ?? null) : f.annualBudgetFen;
      if (before && before.executedFen === f.executedFen && before.annualBudgetFen === annualBudgetFen) continue;
      const project = projects.get(f.projectCode)!;
      const fields = {
        fiscalYear,
        projectCode: f.projectCode,
        projectId: project.id,
        projectName: project.name,
        departmentId: project.departmentId,
        source: f.source,
        annualBudgetFen,
        executedFen: f.executedFen,
        importId: batch.id,
        line: f.line,
        sortKey: `${f.projectCode}#${f.source}`,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      pending.push(
        before
          ? { kind: executionFigureKind, before, after: { ...before, ...fields, version: before.version + 1 } }
          : {
              kind: executionFigureKind,
              create: {
                id,
                version: 1,
                status: 'active',
                createdAt: request.receivedAt,
                createdBy: request.principal.userId,
                ...fields,
              },
              hash: requestHash({ batch: batch.id, id }),
            },
      );
    }

    let next = 0;
    while (next < pending.length) {
      if (next > 0 && Date.now() - started >= budgetMs) return { status: 202, body: publicImport(batch, false) };
      const chunk: TransactionWrite[] = [];
      let items = 2;
      let created = 0;
      for (; next < pending.length; next++) {
        const write = pending[next]!;
        const cost = 'create' in write ? 3 : 2;
        if (items + cost > itemsPerTransaction) break;
        items += cost;
        if ('create' in write) created++;
        chunk.push(write);
      }
      const after: ImportRecord = {
        ...batch,
        created: batch.created + created,
        updated: batch.updated + chunk.length - created,
        version: batch.version + 1,
        updatedAt: request.receivedAt,
      };
      const written = await store.transact(
        tenant,
        [{ kind: executionImportKind, before: batch, after }, ...chunk],
        context,
      );
      if (written.outcome !== 'done') throw conflict();
      batch = after;
    }

    const done: ImportRecord = {
      ...batch,
      status: 'DONE',
      unchanged: batch.rowCount - batch.created - batch.updated,
      version: batch.version + 1,
      updatedAt: request.receivedAt,
    };
    const closed = await store.update(tenant, executionImportKind, batch, done, context);
    if (closed.outcome !== 'updated') throw conflict();
    return { status: 200, body: publicImport(done, false) };
  };

  const listFigures: Operation = async (
    request: OperationRequest<{ fiscalYear: number }, { limit: number; cursor?: string }>,
  ) => {
    const page = await listPage<ExecutionFigure>(
      store,
      request.principal.tenant,
      executionFigureKind,
      { limit: request.query.limit, cursor: request.query.cursor, ownerId: String(request.params.fiscalYear) },
      request.language,
    );
    return { status: 200, body: { ...page, items: page.items.map(publicFigure) } };
  };

  const listImports: Operation = async (
    request: OperationRequest<{ fiscalYear: number }, { limit: number; cursor?: string }>,
  ) => {
    const page = await listPage<ImportRecord>(
      store,
      request.principal.tenant,
      executionImportKind,
      { limit: request.query.limit, cursor: request.query.cursor, ownerId: String(request.params.fiscalYear) },
      request.language,
    );
    return { status: 200, body: { ...page, items: page.items.map((b) => publicImport(b, false)) } };
  };

  return {
    importExecutionFigures: importFigures,
    listExecutionFigures: listFigures,
    listExecutionImports: listImports,
  };
};
