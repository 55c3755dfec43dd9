import { createHash } from 'node:crypto';
import type { Language } from '@jixiao/core/language.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { type CheckFilledTable, maxTableFileBytes } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import {
  checkTable,
  type TableCheck,
  type TableCheckResult,
} from '@jixiao/core/self-evaluation/table-check/table-check.ts';
import type { TargetWeights } from '@jixiao/core/submission/target-weights.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { defaultXlsxLimits, readXlsx } from '#functions/import/xlsx/read-xlsx.ts';
import { XlsxReadError } from '#functions/import/xlsx/xlsx-error.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listPage, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import type { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import { type StoredTableCheck, tableCheckId, tableCheckKind } from '#functions/self-evaluation/table-check-kinds.ts';
import { tableCheckMatch } from '#functions/self-evaluation/table-check-match.ts';
import { withoutExact } from '#functions/self-evaluation/without-exact.ts';
import { weightSettingsKind } from '#functions/submission/record-kinds.ts';
import { weightSettingsId } from '#functions/submission/weight-operations.ts';

const refused = (code: string, message: string, pointer = '/contentBase64') =>
  new HttpProblem('validation-failed', { errors: [{ pointer, code, message }] });

const fileBytes = (contentBase64: string, language: Language): Buffer => {
  // Buffer.from skips what is not base64: a damaged upload must be refused, not read in part.
  if (contentBase64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) {
    throw refused('base64', language === 'en' ? 'The file is not base64-encoded' : '文件内容不是 base64 编码');
  }
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > maxTableFileBytes) {
    const mib = maxTableFileBytes / 1024 / 1024;
    throw refused('file_too_large', language === 'en' ? `The file is larger than ${mib} MiB` : `文件超过 ${mib} MiB`);
  }
  return bytes;
};

/**
 * A check the formula can stand behind only when every cell it needs was read: a row, a weight or an amount
 * left out (core says so by `total.comparable`) blocks saving the table as a self-evaluation.
 */
export const isBlocking = (table: Pick<TableCheck, 'total'>): boolean => !table.total.comparable;

/**
 * Checks a filled 项目支出绩效自评表 sent as departments send them today
 * (docs/domain/self-evaluation.md#checking-a-filled-table): read, scored by the year's settings and
 * weights, every printed score set beside the formula's with its likely cause. `check` stores nothing;
 * `keep` stores the check (docs/domain/self-evaluation.md#keeping-a-checked-table), once per file and year.
 */
export const tableCheckOperations = (store: RecordStore, settings: ReturnType<typeof scoringSettingsOperations>) => {
  const checked = async (
    request: OperationRequest<unknown, unknown, CheckFilledTable>,
  ): Promise<{ result: TableCheckResult; sha256: string }> => {
    const { contentBase64, fiscalYear } = request.body;
    const bytes = fileBytes(contentBase64, request.language);
    let grid: ReturnType<typeof readXlsx>;
    try {
      grid = readXlsx(bytes, { ...defaultXlsxLimits, maxFileBytes: maxTableFileBytes });
    } catch (error) {
      if (!(error instanceof XlsxReadError)) throw error;
      throw refused(`xlsx_${error.code.toLowerCase()}`, error.detail[request.language]);
    }
    // The year's settings and budget-execution points when the upload names its year; the national defaults otherwise.
    const tenant = request.principal.tenant;
    const scoring = fiscalYear ? await settings.scoringFor(tenant, fiscalYear) : defaultScoringSettings;
    const weights = fiscalYear
      ? await store.get<StoredRecord & { weights: TargetWeights }>(
          tenant,
          weightSettingsKind,
          weightSettingsId(fiscalYear),
        )
      : undefined;
    const result = checkTable(grid, scoring, {
      ...(fiscalYear ? { fiscalYear } : {}),
      ...(weights ? { executionPoints: weights.weights.budgetExecution } : {}),
    });
    return { result, sha256: createHash('sha256').update(bytes).digest('hex') };
  };

  const check: Operation = async (request: OperationRequest<unknown, unknown, CheckFilledTable>) => ({
    status: 200,
    body: withoutExact((await checked(request)).result),
  });

  /** A kept check as the API answers it: the record, and what saving it as a self-evaluation would do now. */
  const view = async (request: OperationRequest, kept: StoredTableCheck) => ({
    ...kept,
    match: await tableCheckMatch(store, request, kept),
  });

  /**
   * Keeps a check: one file holds one table (a workbook of several is refused, naming them, so none is
   * left out unsaid); its year is the table's own or the one sent. The same file of the same year
   * answers the check kept before (200), whoever sends it.
   */
  const keep: Operation = async (request: OperationRequest<unknown, unknown, CheckFilledTable>) => {
    const { language } = request;
    const { result, sha256 } = await checked(request);
    if (result.tables.length !== 1) {
      const sheets = result.tables.map((t) => t.sheet).join(language === 'en' ? ', ' : '、');
      throw refused(
        result.tables.length === 0 ? 'no_table' : 'one_table_per_file',
        result.tables.length === 0
          ? (result.findings[0]?.message[language] ?? '')
          : language === 'en'
            ? `A kept check holds one table; this file has ${result.tables.length} (${sheets}): send each as its own file`
            : `每份留存的复核只含一张表；此文件有 ${result.tables.length} 张（${sheets}），请分别上传`,
      );
    }
    const table = result.tables[0]!;
    const fiscalYear = table.model.fiscalYear ?? request.body.fiscalYear;
    if (!fiscalYear) {
      throw refused(
        'fiscal_year_unknown',
        language === 'en'
          ? 'The table does not say its year: choose the year it evaluates'
          : '表中未写明年度，请选择所评价的年度',
        '/fiscalYear',
      );
    }
    const id = tableCheckId(fiscalYear, sha256);
    const plain = withoutExact(table) as TableCheck;
    const record: StoredTableCheck = {
      id,
      version: 1,
      status: 'active',
      createdAt: request.receivedAt,
      updatedAt: request.receivedAt,
      createdBy: request.principal.userId,
      updatedBy: request.principal.userId,
      fiscalYear,
      fileName: request.body.fileName,
      sha256,
      sheet: table.sheet,
      projectCode: table.projectCode?.text ?? null,
      projectName: table.table.project.name?.text ?? null,
      checkedAt: request.receivedAt,
      checkedBy: request.principal.userId,
      checkedByName: request.principal.displayName ?? request.principal.userId,
      model: { rows: table.model.rows, money: table.model.money, goal: table.table.goal },
      claimedTotal: table.table.total.claimed?.text ?? null,
      rows: plain.rows,
      execution: plain.execution as unknown as Record<string, unknown>,
      total: plain.total as unknown as Record<string, unknown>,
      grade: { printed: table.grade.printed?.text ?? null, computed: table.grade.computed },
      weights: table.weights,
      findings: table.findings,
      blocking: isBlocking(table),
      savedAs: null,
    };
    // Who keeps it and when is not part of what makes it the same check: the file and its year are.
    const made = await store.create(request.principal.tenant, tableCheckKind, record, {
      hash: requestHash({ fiscalYear, sha256 }),
      context: { ...writeContext(request), operation: 'keep-table-check' },
    });
    if (made.outcome === 'created') return { status: 201, body: await view(request, made.record) };
    const existing = await store.get<StoredTableCheck>(request.principal.tenant, tableCheckKind, id);
    if (!existing) throw new HttpProblem('unavailable');
    return { status: 200, body: await view(request, existing) };
  };

  /** The checks kept (for a year when it is given), a page at a time (at most 100 a page), oldest first. */
  const list: Operation = async (
    request: OperationRequest<unknown, { fiscalYear?: string; limit: number; cursor?: string; q?: string }>,
  ) => {
    const { fiscalYear, limit, cursor, q } = request.query;
    const page = await listPage<StoredTableCheck>(
      store,
      request.principal.tenant,
      tableCheckKind,
      { limit: Number(limit), cursor, q, ownerId: fiscalYear },
      request.language,
    );
    // A list names each check and what it found; the rows and the model are read one check at a time.
    const items = page.items.map(({ model: _model, rows: _rows, findings, ...summary }) => ({
      ...summary,
      findingCount: findings.length,
      flaggedRows: _rows.filter((r) => r.flagged).length,
    }));
    return { status: 200, body: { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) } };
  };

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const kept = await store.get<StoredTableCheck>(request.principal.tenant, tableCheckKind, request.params.id);
    if (!kept) throw new HttpProblem('not-found');
    return { status: 200, body: await view(request, kept) };
  };

  return { check, keep, list, get };
};
