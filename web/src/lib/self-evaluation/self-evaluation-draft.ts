import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { claimDifferences } from '@jixiao/core/self-evaluation/claimed-score.ts';
import { type ScoreSheet, scoreSheet } from '@jixiao/core/self-evaluation/score-sheet.ts';
import type {
  KeptMoneyLine,
  SaveSelfEvaluation,
  SelfEvaluation,
} from '@jixiao/core/self-evaluation/self-evaluation.ts';
import {
  type MoneySource,
  moneySourceCodes,
  type QualitativeTier,
  qualitativeTierCodes,
  type RowEntry,
} from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { selfEvaluationErrors } from '@jixiao/core/self-evaluation/self-evaluation-rules.ts';
import { fenToInput, parseMoney } from '#lib/money.ts';

/**
 * The 项目支出绩效自评表 as the form holds it (docs/domain/self-evaluation.md, "The form"): amounts as the 万元
 * the person types, points as text, the rest as the API keeps it. Pure, so what the form sends, compares and keeps
 * on the device is pinned down by tests; core's engine (`scoreSheet`, `selfEvaluationErrors`, `claimDifferences`)
 * scores and judges the table this makes — the same code the API runs, never a copy.
 */
export interface MoneyDraft {
  source: MoneySource;
  /** 年初预算数 / 全年预算数 / 全年执行数, in 万元 as typed; blank is "not filled in". */
  initial: string;
  annual: string;
  executed: string;
  /** Rule 9: why a 全年执行数 departs from the treasury's imported one. */
  overrideReason: string;
}

/** A row's entry with its points as typed ('' for none). */
export type RowDraft = Omit<RowEntry, 'tierScore' | 'deduction' | 'claimedScore'> & {
  tierScore: string;
  deduction: string;
  claimedScore: string;
};

export interface SelfEvaluationDraft {
  goalCompletion: string;
  money: MoneyDraft[];
  rows: RowDraft[];
  claimedTotal: string;
}

type Source = Pick<SelfEvaluation, 'goalCompletion' | 'money' | 'rows' | 'claimedTotal'>;

const wan = (fen: number | null) => (fen === null ? '' : fenToInput(fen, 'wan'));

const rowDraftOf = (row: RowEntry): RowDraft => ({
  rowId: row.rowId,
  actual: row.actual,
  notApplicable: row.notApplicable,
  notApplicableReason: row.notApplicableReason,
  tier: row.tier,
  tierScore: row.tierScore ?? '',
  notComputableReason: row.notComputableReason,
  overExplanation: row.overExplanation,
  deviationReasons: row.deviationReasons,
  improvementMeasures: row.improvementMeasures,
  deduction: row.deduction ?? '',
  deductionReason: row.deductionReason,
  claimedScore: row.claimedScore ?? '',
});

export const draftOf = (s: Source): SelfEvaluationDraft => ({
  goalCompletion: s.goalCompletion,
  money: s.money.map((line) => ({
    source: line.source,
    initial: wan(line.initialBudgetFen),
    annual: wan(line.annualBudgetFen),
    executed: wan(line.executedFen),
    overrideReason: line.overrideReason,
  })),
  rows: s.rows.map(rowDraftOf),
  claimedTotal: s.claimedTotal ?? '',
});

const points = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** A row's entry as the API takes it. */
export const entryOf = (row: RowDraft): RowEntry => ({
  ...row,
  tierScore: points(row.tierScore),
  deduction: points(row.deduction),
  claimedScore: points(row.claimedScore),
});

const fields = ['initial', 'annual', 'executed'] as const;
type MoneyField = (typeof fields)[number];
const apiField: Record<MoneyField, 'initialBudgetFen' | 'annualBudgetFen' | 'executedFen'> = {
  initial: 'initialBudgetFen',
  annual: 'annualBudgetFen',
  executed: 'executedFen',
};

/** An amount in fen; blank or unreadable is null (the form says why and will not save an unreadable one). */
const fenOf = (text: string): number | null => {
  if (text.trim() === '') return null;
  const parsed = parseMoney(text, 'wan');
  return parsed.ok ? parsed.fen : null;
};

/** Amounts that are not amounts, by JSON pointer, with why (`format`, `decimals`, `too_large`). */
export const moneyProblems = (draft: SelfEvaluationDraft): { pointer: string; reason: string }[] =>
  draft.money.flatMap((line, i) =>
    fields.flatMap((field) => {
      if (line[field].trim() === '') return [];
      const parsed = parseMoney(line[field], 'wan');
      return parsed.ok ? [] : [{ pointer: `/money/${i}/${apiField[field]}`, reason: parsed.reason }];
    }),
  );

/** The stored self-evaluation with the draft in it, for core to score and judge as the person types. */
export const withDraft = <S extends Source>(s: S, draft: SelfEvaluationDraft): S => {
  const rows = new Map(draft.rows.map((r) => [r.rowId, r]));
  return {
    ...s,
    goalCompletion: draft.goalCompletion,
    money: s.money.map((line): KeptMoneyLine => {
      const typed = draft.money.find((m) => m.source === line.source);
      if (!typed) return line;
      return {
        ...line,
        initialBudgetFen: fenOf(typed.initial),
        annualBudgetFen: fenOf(typed.annual),
        executedFen: fenOf(typed.executed),
        overrideReason: typed.overrideReason,
      };
    }),
    rows: s.rows.map((row) => {
      const typed = rows.get(row.rowId);
      return typed ? { ...row, ...entryOf(typed) } : row;
    }),
    claimedTotal: points(draft.claimedTotal),
  };
};

/** The PATCH body; null while an amount cannot be read. */
export const saveBody = (draft: SelfEvaluationDraft, version: number): SaveSelfEvaluation | null =>
  moneyProblems(draft).length > 0
    ? null
    : {
        version,
        goalCompletion: draft.goalCompletion,
        money: draft.money.map((line) => ({
          source: line.source,
          initialBudgetFen: fenOf(line.initial),
          annualBudgetFen: fenOf(line.annual),
          executedFen: fenOf(line.executed),
          overrideReason: line.overrideReason,
        })),
        rows: draft.rows.map(entryOf),
        claimedTotal: points(draft.claimedTotal),
      };

/** What a draft says, amounts compared as amounts ("300" and "300.00" 万元 are the same). */
const meaning = (draft: SelfEvaluationDraft) => ({
  ...draft,
  money: draft.money.map((line) => ({
    ...line,
    initial: fenOf(line.initial) ?? line.initial.trim(),
    annual: fenOf(line.annual) ?? line.annual.trim(),
    executed: fenOf(line.executed) ?? line.executed.trim(),
  })),
  rows: draft.rows.map(entryOf),
  claimedTotal: points(draft.claimedTotal),
});

/** JSON with every object's keys in order: a draft restored from the device may list a row's fields differently. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );

export const sameDraft = (a: SelfEvaluationDraft, b: SelfEvaluationDraft): boolean =>
  canonical(meaning(a)) === canonical(meaning(b));

const rowTexts = [
  'rowId',
  'actual',
  'notApplicableReason',
  'tierScore',
  'notComputableReason',
  'overExplanation',
  'deviationReasons',
  'improvementMeasures',
  'deduction',
  'deductionReason',
  'claimedScore',
] as const satisfies readonly (keyof RowDraft)[];
const moneyTexts = ['initial', 'annual', 'executed', 'overrideReason'] as const satisfies readonly (keyof MoneyDraft)[];
type Loose = Record<string, unknown>;
const isObject = (x: unknown): x is Loose => typeof x === 'object' && x !== null && !Array.isArray(x);
const texts = (x: Loose, keys: readonly string[]) => keys.every((k) => typeof x[k] === 'string');

const moneyDraftOf = (x: unknown): MoneyDraft | null =>
  isObject(x) && moneySourceCodes.includes(x.source as MoneySource) && texts(x, moneyTexts)
    ? {
        source: x.source as MoneySource,
        initial: x.initial as string,
        annual: x.annual as string,
        executed: x.executed as string,
        overrideReason: x.overrideReason as string,
      }
    : null;

// Only the draft's own fields are taken: whatever else an entry holds would make the PATCH body one the API refuses.
const rowDraftOfKept = (x: unknown): RowDraft | null =>
  isObject(x) &&
  texts(x, rowTexts) &&
  typeof x.notApplicable === 'boolean' &&
  (x.tier === null || qualitativeTierCodes.includes(x.tier as QualitativeTier))
    ? ({
        ...Object.fromEntries(rowTexts.map((k) => [k, x[k]])),
        notApplicable: x.notApplicable,
        tier: x.tier,
      } as RowDraft)
    : null;

/**
 * A draft read back from the device, or null when it is not one (an older shape, a damaged entry): every money
 * line and row is checked, since the form compares and scores what it restores and a missing field would break it.
 */
export const upgradeDraft = (value: unknown): SelfEvaluationDraft | null => {
  if (!isObject(value)) return null;
  if (typeof value.goalCompletion !== 'string' || typeof value.claimedTotal !== 'string') return null;
  if (!Array.isArray(value.money) || !Array.isArray(value.rows)) return null;
  const money = value.money.map(moneyDraftOf);
  const rows = value.rows.map(rowDraftOfKept);
  if (money.some((m) => m === null) || rows.some((r) => r === null)) return null;
  return {
    goalCompletion: value.goalCompletion,
    money: money as MoneyDraft[],
    rows: rows as RowDraft[],
    claimedTotal: value.claimedTotal,
  };
};

/** Rule 9 as the API holds it on saving: an imported 全年执行数 the unit changed needs a reason. */
export const moneyRuleErrors = (money: readonly KeptMoneyLine[], message: string): FieldError[] =>
  money.flatMap((line, i) =>
    line.importedExecutedFen !== null && line.executedFen !== line.importedExecutedFen && !line.overrideReason.trim()
      ? [{ pointer: `/money/${i}/overrideReason`, code: 'execution_override_reason', message }]
      : [],
  );

type Scored = Pick<SelfEvaluation, 'fiscalYear' | 'money' | 'rows' | 'weights' | 'scoring' | 'claimedTotal'>;

/** The score sheet, the rules the table breaks and the claims that depart from the formula, by core's engine. */
export const judged = (s: Scored, language: Language, overrideMessage: string) => {
  const sheet: ScoreSheet = scoreSheet(
    { fiscalYear: s.fiscalYear, money: s.money, rows: s.rows, executionPoints: s.weights.budgetExecution },
    s.scoring,
  );
  return {
    sheet,
    checks: [...moneyRuleErrors(s.money, overrideMessage), ...selfEvaluationErrors(s.rows, sheet, s.scoring, language)],
    claims: claimDifferences(s.rows, sheet, s.claimedTotal, s.scoring),
  };
};
