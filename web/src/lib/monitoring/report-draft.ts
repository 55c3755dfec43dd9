import type { LineEntry, MonitoringReport, SaveReport } from '@jixiao/core/monitoring/monitoring-report.ts';
import type { ProjectFunds } from '@jixiao/core/submission/project.ts';
import { fenToInput, type ParsedMoney, parseMoney } from '#lib/money.ts';

/**
 * The check-in as the form holds it: amounts as the 万元 the person types (up to six decimals, so
 * every fen can be typed; projects and the exports use 万元 too), the rest as the API keeps it. Pure, so what the form sends, compares and keeps on the phone is pinned down by tests;
 * core's `reportErrors` and `assess` judge the report this makes (`withDraft`).
 */
export const fundSources = ['fiscal', 'carryOver', 'other'] as const;
export type FundSource = (typeof fundSources)[number];

/** The unit the form's amounts are typed in. */
export const draftUnit = 'wan' as const;

export interface ReportDraft {
  /** Marks the amounts as 万元: drafts kept on a phone before the form moved from 元 carry none. */
  unit: typeof draftUnit;
  /** 截至数据日期的执行数 by source, in 万元 as typed. */
  executed: Record<FundSource, string>;
  /** 全年预计执行数, in 万元 as typed; blank when not given. */
  forecast: string;
  goalProgress: string;
  /** 预算执行偏差原因 and its 纠偏措施, at the report level (required when the budget warning is red). */
  budgetDeviationReason: string;
  budgetCorrectiveMeasures: string;
  lines: LineEntry[];
}

export type DraftSource = Pick<MonitoringReport, 'executed' | 'forecastFullYearFen' | 'goalProgress' | 'lines'> &
  Partial<Pick<MonitoringReport, 'budgetDeviationReason' | 'budgetCorrectiveMeasures'>>;

const entryOf = (line: LineEntry): LineEntry => ({
  rowId: line.rowId,
  actualToDate: line.actualToDate,
  forecastYearEnd: line.forecastYearEnd,
  likelihood: line.likelihood,
  deviationReasons: [...line.deviationReasons],
  deviationAnalysis: line.deviationAnalysis,
  correctiveMeasures: line.correctiveMeasures,
  remarks: line.remarks,
});

export const draftOf = (report: DraftSource): ReportDraft => ({
  unit: draftUnit,
  executed: {
    fiscal: fenToInput(report.executed.fiscal, draftUnit),
    carryOver: fenToInput(report.executed.carryOver, draftUnit),
    other: fenToInput(report.executed.other, draftUnit),
  },
  forecast: report.forecastFullYearFen === null ? '' : fenToInput(report.forecastFullYearFen, draftUnit),
  goalProgress: report.goalProgress,
  budgetDeviationReason: report.budgetDeviationReason ?? '',
  budgetCorrectiveMeasures: report.budgetCorrectiveMeasures ?? '',
  lines: report.lines.map(entryOf),
});

/** A blank amount is 0 (nothing spent from that source); a blank forecast is not given. */
const amount = (text: string): ParsedMoney => (text.trim() === '' ? { ok: true, fen: 0 } : parseMoney(text, draftUnit));

/** Amounts that are not amounts, by JSON pointer, with why (`format`, `decimals`, `too_large`). */
export const moneyProblems = (draft: ReportDraft): { pointer: string; reason: string }[] => {
  const problems: { pointer: string; reason: string }[] = [];
  for (const source of fundSources) {
    const parsed = amount(draft.executed[source]);
    if (!parsed.ok) problems.push({ pointer: `/executed/${source}`, reason: parsed.reason });
  }
  if (draft.forecast.trim() !== '') {
    const parsed = parseMoney(draft.forecast, draftUnit);
    if (!parsed.ok) problems.push({ pointer: '/forecastFullYearFen', reason: parsed.reason });
  }
  return problems;
};

/** The amounts in fen; one that cannot be read counts as 0 (the form says why and will not save it). */
export const executedOf = (draft: ReportDraft): ProjectFunds => {
  const fen = (source: FundSource) => {
    const parsed = amount(draft.executed[source]);
    return parsed.ok ? parsed.fen : 0;
  };
  return { fiscal: fen('fiscal'), carryOver: fen('carryOver'), other: fen('other') };
};

export const forecastOf = (draft: ReportDraft): number | null => {
  if (draft.forecast.trim() === '') return null;
  const parsed = parseMoney(draft.forecast, draftUnit);
  return parsed.ok ? parsed.fen : null;
};

/** The stored report with the draft's content in it, for core's rules and warnings to judge as the person types. */
export const withDraft = <R extends DraftSource>(report: R, draft: ReportDraft): R => {
  const entries = new Map(draft.lines.map((l) => [l.rowId, l]));
  return {
    ...report,
    executed: executedOf(draft),
    forecastFullYearFen: forecastOf(draft),
    goalProgress: draft.goalProgress,
    budgetDeviationReason: draft.budgetDeviationReason,
    budgetCorrectiveMeasures: draft.budgetCorrectiveMeasures,
    lines: report.lines.map((line) => {
      const entry = entries.get(line.rowId);
      return entry ? { ...line, ...entryOf(entry) } : line;
    }),
  };
};

/** The PATCH body; null while an amount cannot be read. */
export const saveBody = (draft: ReportDraft, version: number): SaveReport | null =>
  moneyProblems(draft).length > 0
    ? null
    : {
        version,
        executed: executedOf(draft),
        forecastFullYearFen: forecastOf(draft),
        goalProgress: draft.goalProgress,
        budgetDeviationReason: draft.budgetDeviationReason,
        budgetCorrectiveMeasures: draft.budgetCorrectiveMeasures,
        lines: draft.lines.map(entryOf),
      };

/** What a draft says, with amounts compared as amounts ("300000" and "300,000.00" are the same). */
const meaning = (draft: ReportDraft) => ({
  executed: fundSources.map((s) => {
    const parsed = amount(draft.executed[s]);
    return parsed.ok ? parsed.fen : draft.executed[s];
  }),
  forecast: draft.forecast.trim() === '' ? null : (forecastOf(draft) ?? draft.forecast),
  goalProgress: draft.goalProgress,
  budgetDeviationReason: draft.budgetDeviationReason,
  budgetCorrectiveMeasures: draft.budgetCorrectiveMeasures,
  lines: draft.lines.map(entryOf),
});

export const sameDraft = (a: ReportDraft, b: ReportDraft): boolean =>
  JSON.stringify(meaning(a)) === JSON.stringify(meaning(b));

/** A field that differs between two drafts, for the conflict panel: which, and each side's text. */
export interface Difference {
  /** `executed.fiscal`, `forecast`, `goalProgress`, or a line field `line.{rowId}.{field}`. */
  field: string;
  rowId: string | null;
  mine: string;
  theirs: string;
}

const lineText = (line: LineEntry | undefined, field: keyof LineEntry): string => {
  const value = line?.[field];
  if (value === undefined || value === null) return '';
  return Array.isArray(value) ? value.join(',') : String(value);
};

export const differences = (mine: ReportDraft, theirs: ReportDraft): Difference[] => {
  const out: Difference[] = [];
  const a = meaning(mine);
  const b = meaning(theirs);
  fundSources.forEach((source, i) => {
    if (a.executed[i] !== b.executed[i])
      out.push({
        field: `executed.${source}`,
        rowId: null,
        mine: mine.executed[source],
        theirs: theirs.executed[source],
      });
  });
  if (a.forecast !== b.forecast)
    out.push({ field: 'forecast', rowId: null, mine: mine.forecast, theirs: theirs.forecast });
  for (const field of ['goalProgress', 'budgetDeviationReason', 'budgetCorrectiveMeasures'] as const) {
    if (a[field] !== b[field]) out.push({ field, rowId: null, mine: mine[field], theirs: theirs[field] });
  }
  const fields = [
    'actualToDate',
    'forecastYearEnd',
    'likelihood',
    'deviationReasons',
    'deviationAnalysis',
    'correctiveMeasures',
    'remarks',
  ] as const;
  for (const line of mine.lines) {
    const other = theirs.lines.find((l) => l.rowId === line.rowId);
    for (const field of fields) {
      const x = lineText(line, field);
      const y = lineText(other, field);
      if (x !== y) out.push({ field: `line.${field}`, rowId: line.rowId, mine: x, theirs: y });
    }
  }
  return out;
};

const lineTexts = [
  'rowId',
  'actualToDate',
  'forecastYearEnd',
  'deviationAnalysis',
  'correctiveMeasures',
  'remarks',
] as const;

/** Whether a value read back from the phone's storage is a draft this form can hold. */
export const isReportDraft = (value: unknown): value is ReportDraft => {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Partial<ReportDraft>;
  const executed = d.executed as Partial<Record<FundSource, unknown>> | undefined;
  return (
    typeof executed === 'object' &&
    executed !== null &&
    fundSources.every((s) => typeof executed[s] === 'string') &&
    d.unit === draftUnit &&
    typeof d.forecast === 'string' &&
    typeof d.goalProgress === 'string' &&
    typeof d.budgetDeviationReason === 'string' &&
    typeof d.budgetCorrectiveMeasures === 'string' &&
    Array.isArray(d.lines) &&
    d.lines.every(
      (l) =>
        typeof l === 'object' &&
        l !== null &&
        lineTexts.every((f) => typeof l[f] === 'string') &&
        (l.likelihood === null || typeof l.likelihood === 'string') &&
        Array.isArray(l.deviationReasons),
    )
  );
};

/**
 * A draft read back from the phone's storage, as this form holds it. Drafts kept before the form
 * typed 万元 have their amounts in 元 and no unit: their amounts are converted (exactly, through
 * fen), never read as 万元; an amount that cannot be read stays as typed, for the form to flag.
 */
export const upgradeDraft = (value: unknown): ReportDraft | null => {
  if (isReportDraft(value)) return value;
  if (typeof value !== 'object' || value === null) return null;
  const legacy = value as Partial<ReportDraft> & { unit?: unknown };
  if (legacy.unit !== undefined) return null;
  const toWan = (text: unknown): string => {
    if (typeof text !== 'string' || text.trim() === '') return typeof text === 'string' ? text : '';
    const parsed = parseMoney(text, 'yuan');
    return parsed.ok ? fenToInput(parsed.fen, draftUnit) : text;
  };
  const executed = (legacy.executed ?? {}) as Partial<Record<FundSource, unknown>>;
  const candidate = {
    ...legacy,
    unit: draftUnit,
    executed: { fiscal: toWan(executed.fiscal), carryOver: toWan(executed.carryOver), other: toWan(executed.other) },
    forecast: toWan(legacy.forecast),
    budgetDeviationReason: legacy.budgetDeviationReason ?? '',
    budgetCorrectiveMeasures: legacy.budgetCorrectiveMeasures ?? '',
  };
  return isReportDraft(candidate) ? candidate : null;
};
