import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { scoreSheet } from '@jixiao/core/self-evaluation/score-sheet.ts';
import type { KeptMoneyLine } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import type { MoneyLine, SelfEvaluationRow } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { fold } from '@jixiao/core/self-evaluation/table-check/table-text.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, TransactionWrite } from '#functions/ports/record-store.ts';
import { writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { untilWritten } from '#functions/records/round-records.ts';
import { selfEvaluationKind } from '#functions/self-evaluation/record-kinds.ts';
import type { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import {
  importedFiguresOf,
  sheetOf,
  withImportedFigures,
} from '#functions/self-evaluation/self-evaluation-record-operations.ts';
import {
  historicalSelfEvaluationKind,
  type StoredHistoricalSelfEvaluation,
  type StoredTableCheck,
  tableCheckKind,
} from '#functions/self-evaluation/table-check-kinds.ts';
import { tableCheckMatch } from '#functions/self-evaluation/table-check-match.ts';
import { type StoredSelfEvaluation, selfEvaluationTallyIncrement } from '#functions/self-evaluation/tally-writes.ts';

/** The version of the self-evaluation (or of the historical one; null: there is none yet) the caller saw. */
export interface SaveTableCheck {
  version: number | null;
}

const notMet = (errors: FieldError[], detail: string) => new HttpProblem('rules-not-met', { errors, detail });

/** A row's name as both sides print it: without spaces, full-width forms or a leading "指标1：". */
const rowKey = (name: string) => fold(name).replace(/^指标\d+[:：]/u, '');

/**
 * What the table says against each row of the issued self-evaluation, matched by the row's name, as the
 * form would carry it: the actual, the tier its words stand for and the printed score as both the tier
 * score and the claimed score, the printed reasons as the deviation reasons (and, for a row the formula
 * cannot compute, as why). A row on one side only is refused by name: nothing is dropped unsaid.
 */
const rowsFromTable = (
  current: readonly SelfEvaluationRow[],
  table: readonly SelfEvaluationRow[],
  language: Language,
) => {
  const byKey = new Map(table.map((r) => [rowKey(r.name), r]));
  const missing = current.filter((r) => !byKey.has(rowKey(r.name)));
  const known = new Set(current.map((r) => rowKey(r.name)));
  const extra = table.filter((r) => !known.has(rowKey(r.name)));
  if (missing.length > 0 || extra.length > 0) {
    const sep = language === 'en' ? ', ' : '、';
    throw notMet(
      [
        ...missing.map((r) => ({
          pointer: '/rows',
          code: 'row_not_in_table',
          message: language === 'en' ? `The table has no row "${r.name}"` : `表中没有指标“${r.name}”`,
        })),
        ...extra.map((r) => ({
          pointer: '/rows',
          code: 'row_not_in_self_evaluation',
          message:
            language === 'en'
              ? `"${r.name}" is not a row of the approved targets`
              : `“${r.name}”不是批复绩效目标中的指标`,
        })),
      ],
      language === 'en'
        ? `The table's rows do not match the self-evaluation's (${[...missing, ...extra].map((r) => r.name).join(sep)}); nothing was saved`
        : `表中指标与自评表不一致（${[...missing, ...extra].map((r) => r.name).join(sep)}），未保存`,
    );
  }
  return current.map((row): SelfEvaluationRow => {
    const printed = byKey.get(rowKey(row.name))!;
    const reason = printed.deductionReason.trim();
    return {
      ...row,
      actual: printed.actual,
      tier: printed.tier,
      tierScore: printed.tierScore,
      claimedScore: printed.claimedScore,
      deviationReasons: reason,
      notComputableReason: printed.tier && reason ? reason : row.notComputableReason,
    };
  });
};

/** The table's money lines over the kept ones, by source: a changed figure is the unit's (rule 9 then asks why). */
const moneyFromTable = (current: readonly KeptMoneyLine[], table: readonly MoneyLine[]): KeptMoneyLine[] => {
  const merged = current.map((line) => {
    const printed = table.find((m) => m.source === line.source);
    if (!printed) return line;
    const changed =
      printed.initialBudgetFen !== line.initialBudgetFen ||
      printed.annualBudgetFen !== line.annualBudgetFen ||
      printed.executedFen !== line.executedFen;
    return changed ? { ...line, ...printed, origin: 'UNIT' as const } : line;
  });
  const added = table
    .filter((m) => !current.some((line) => line.source === m.source))
    .map((m): KeptMoneyLine => ({ ...m, origin: 'UNIT', importedExecutedFen: null, overrideReason: '' }));
  return [...merged, ...added];
};

/**
 * Saves a kept table check as the self-evaluation of the project its code names
 * (docs/domain/self-evaluation.md#keeping-a-checked-table): into the year's issued table while the unit
 * may still edit it, at the version the caller saw; or, for a year with no table issued, as that year's
 * historical self-evaluation of the project, scored by that year's settings and counted in no round.
 * Refused, writing nothing, when no project or several match, or when a cell the formula needs was not read.
 */
export const tableCheckSaveOperations = (
  store: RecordStore,
  settings: ReturnType<typeof scoringSettingsOperations>,
) => {
  const save: Operation = (request: OperationRequest<{ id: string }, unknown, SaveTableCheck>) =>
    untilWritten<unknown>(async () => {
      const { language } = request;
      const tenant = request.principal.tenant;
      const kept = await store.get<StoredTableCheck>(tenant, tableCheckKind, request.params.id);
      if (!kept) throw new HttpProblem('not-found');
      if (kept.blocking) {
        const blocking = kept.findings.filter((f) => f.severity === 'ERROR');
        throw notMet(
          blocking.map((f) => ({ pointer: `/findings/${f.ref ?? ''}`, code: f.code, message: f.message[language] })),
          language === 'en'
            ? `${blocking.length} cell(s) the formula needs could not be read; correct the table and check it again`
            : `有 ${blocking.length} 处计分所需的单元格无法读取，请修改表格后重新复核`,
        );
      }
      const match = await tableCheckMatch(store, request, kept);
      if (match.kind === 'NONE') throw notMet([match.error], match.error.message);
      const savedAs = {
        kind: match.kind,
        projectId: match.projectId,
        savedAt: request.receivedAt,
        savedBy: request.principal.userId,
      };
      const stamp = { updatedAt: request.receivedAt, updatedBy: request.principal.userId };
      const keptAfter = (id: string): StoredTableCheck => ({
        ...kept,
        ...stamp,
        savedAs: { ...savedAs, id },
        version: kept.version + 1,
      });

      if (match.kind === 'ROUND') {
        const stored = await store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, match.selfEvaluationId);
        if (!stored) throw new HttpProblem('not-found');
        const current = withImportedFigures(stored, await importedFiguresOf(store, tenant, stored));
        if (current.version !== request.body.version) throw new HttpProblem('version-conflict', { current });
        if (!match.editable) throw new HttpProblem('invalid-transition', { current });
        const next: StoredSelfEvaluation = {
          ...current,
          ...stamp,
          rows: rowsFromTable(current.rows, kept.model.rows, language),
          money: moneyFromTable(current.money, kept.model.money),
          goalCompletion: kept.model.goal.actual || current.goalCompletion,
          claimedTotal: kept.claimedTotal,
          reviewStatus: 'DRAFT',
          statusSince: current.reviewStatus === 'DRAFT' ? current.statusSince : request.receivedAt,
          version: current.version + 1,
        };
        const sheet = sheetOf(next);
        const after = {
          ...next,
          total: sheet.complete ? sheet.total : null,
          grade: sheet.complete ? sheet.grade : null,
        };
        const writes: TransactionWrite[] = [{ kind: selfEvaluationKind, before: stored, after }];
        const tally = selfEvaluationTallyIncrement(stored.roundId, stored.departmentId, [{ before: stored, after }]);
        if (tally) writes.push(tally);
        writes.push({ kind: tableCheckKind, before: kept, after: keptAfter(after.id) });
        const result = await store.transact(tenant, writes, {
          ...writeContext(request),
          operation: 'save-table-check-as-self-evaluation',
        });
        return {
          result,
          body: {
            savedAs: keptAfter(after.id).savedAs,
            selfEvaluation: { id: after.id, version: after.version, total: after.total, grade: after.grade },
          },
        };
      }

      // An earlier year: that year's settings score it; the record is the table, nothing of a round.
      const existing = await store.get<StoredHistoricalSelfEvaluation>(
        tenant,
        historicalSelfEvaluationKind,
        match.historicalId,
      );
      if ((existing?.version ?? null) !== request.body.version) {
        throw new HttpProblem('version-conflict', { current: existing ?? null });
      }
      const scoring = await settings.scoringFor(tenant, kept.fiscalYear);
      const executionPoints = Number(kept.execution.points ?? 10);
      const money = moneyFromTable([], kept.model.money);
      const rows = kept.model.rows;
      const sheet = scoreSheet({ fiscalYear: kept.fiscalYear, money, rows, executionPoints }, scoring);
      const record: StoredHistoricalSelfEvaluation = {
        id: match.historicalId,
        version: (existing?.version ?? 0) + 1,
        status: 'active',
        createdAt: existing?.createdAt ?? request.receivedAt,
        createdBy: existing?.createdBy ?? request.principal.userId,
        ...stamp,
        origin: 'TABLE_IMPORT',
        fiscalYear: kept.fiscalYear,
        projectId: match.projectId,
        projectCode: kept.projectCode ?? '',
        projectName: match.projectName,
        departmentId: match.departmentId,
        unitId: match.unitId,
        tableCheckId: kept.id,
        fileName: kept.fileName,
        sha256: kept.sha256,
        annualGoal: kept.model.goal.expected,
        goalCompletion: kept.model.goal.actual,
        money,
        rows,
        claimedTotal: kept.claimedTotal,
        executionPoints,
        total: sheet.complete ? sheet.total : null,
        grade: sheet.complete ? sheet.grade : null,
        claimedGrade: kept.grade.printed,
      };
      const writes: TransactionWrite[] = [
        existing
          ? { kind: historicalSelfEvaluationKind, before: existing, after: record }
          : {
              kind: historicalSelfEvaluationKind,
              create: record,
              hash: requestHash({ historical: record.id, check: kept.id }),
            },
        { kind: tableCheckKind, before: kept, after: keptAfter(record.id) },
      ];
      const result = await store.transact(tenant, writes, {
        ...writeContext(request),
        operation: 'save-table-check-as-historical-self-evaluation',
      });
      return {
        result:
          result.outcome === 'replayed' || result.outcome === 'id-conflict'
            ? ({ outcome: 'version-conflict', index: 0, current: undefined } as const)
            : result,
        body: {
          savedAs: keptAfter(record.id).savedAs,
          historicalSelfEvaluation: {
            id: record.id,
            version: record.version,
            total: record.total,
            grade: record.grade,
          },
        },
      };
    });

  /** A historical self-evaluation brought in from a table, as kept. */
  const getHistorical: Operation = async (request: OperationRequest<{ id: string }>) => {
    const found = await store.get(request.principal.tenant, historicalSelfEvaluationKind, request.params.id);
    if (!found) throw new HttpProblem('not-found');
    return { status: 200, body: found };
  };

  return { save, getHistorical };
};
