import type { Localized } from '#core/language.ts';
import {
  add,
  compare,
  parseDecimal,
  percent,
  type Ratio,
  ratio,
  roundHalfUp,
  toNumber,
} from '#core/monitoring/exact-ratio.ts';
import { type ClaimDifference, claimCauses, claimDifferences } from '#core/self-evaluation/claimed-score.ts';
import { type ExecutionScore, scoreExecution } from '#core/self-evaluation/execution-score.ts';
import { type RowScore, scoreRow, tierBand } from '#core/self-evaluation/row-score.ts';
import { type ScoreSheet, scoreSheet } from '#core/self-evaluation/score-sheet.ts';
import type { ScoringSettings } from '#core/self-evaluation/scoring-settings.ts';
import {
  type MoneyLine,
  type QualitativeTier,
  qualitativeTierCodes,
  type SelfEvaluationRow,
} from '#core/self-evaluation/self-evaluation-row.ts';
import type { CellGrid } from '#core/self-evaluation/table-check/cell-grid.ts';
import {
  EXECUTED_HEADER,
  type Field,
  moneyLinesOf,
  type ParsedTable,
  parseTable,
} from '#core/self-evaluation/table-check/parse-table.ts';
import { viewOf } from '#core/self-evaluation/table-check/sheet-view.ts';
import type { FindingCode, TableFinding } from '#core/self-evaluation/table-check/table-finding.ts';
import { fold } from '#core/self-evaluation/table-check/table-text.ts';
import { type ReviewGrade, reviewGrades } from '#core/submission/performance-target.ts';

/**
 * Checks a filled 项目支出绩效自评表 (docs/domain/self-evaluation.md, "Checking a filled table"): the
 * table is read into the self-evaluation model, scored by the year's engine exactly as a form filled
 * in the system would be, and every printed score is set beside the formula's with the likely cause
 * of each difference; weights that do not add up, a money total that is not the sum of its sources,
 * a misprinted rate and every cell that could not be read are findings naming their cell.
 */
export interface TableCheckOptions {
  /** The year to read dates in when the table does not say (the round's or the upload form's). */
  fiscalYear?: number;
  /** Budget execution's points when the table prints no 分值 for it (the year's weights; 10 by default). */
  executionPoints?: number;
}

/**
 * A likely cause of a difference: the engine's (claimed-score.ts); FROM_STATED_TOTAL, an execution score
 * worked out from a printed total line that is not the sum of its sources; OUTSIDE_TIER_BAND, a printed
 * score outside the band of the tier its actual describes (rule 5).
 */
export interface ClaimCause {
  code: keyof typeof claimCauses | 'FROM_STATED_TOTAL' | 'OUTSIDE_TIER_BAND';
  text: Localized;
}

export interface CheckedRow {
  rowId: string;
  sheetRow: number;
  name: string;
  weight: number;
  refs: ParsedTable['rows'][number]['refs'];
  kind: RowScore['kind'];
  claimed: number | null;
  computed: number | null;
  /** claimed − computed, rounded to hundredths; null when either is missing. */
  difference: number | null;
  /** Beyond the year's tolerance. */
  flagged: boolean;
  causes: ClaimCause[];
  derivation: Localized;
}

export interface TableCheck {
  sheet: string;
  table: ParsedTable;
  /**
   * The table as a self-evaluation would hold it: its rows with the tier their words or printed score
   * stand for (see `withTier`), its money lines and its year. What a caller saves when the check is kept
   * as a project's self-evaluation.
   */
  model: { fiscalYear: number | null; rows: SelfEvaluationRow[]; money: MoneyLine[] };
  score: ScoreSheet;
  projectCode: Field | null;
  execution: {
    points: number;
    claimed: number | null;
    computed: number | null;
    difference: number | null;
    flagged: boolean;
    causes: ClaimCause[];
    ref: string | null;
    derivation: Localized;
  };
  rows: CheckedRow[];
  total: {
    claimed: number | null;
    computed: number;
    difference: number | null;
    flagged: boolean;
    causes: ClaimCause[];
    ref: string | null;
    /** False when cells were left out, so the formula's total is not the table's: said, not compared. */
    comparable: boolean;
  };
  grade: { printed: Field | null; computed: ReviewGrade | null };
  weights: { indicators: number; execution: number; sum: number; addsUp: boolean };
  findings: TableFinding[];
}

export interface TableCheckResult {
  tables: TableCheck[];
  /** Findings about the workbook as a whole (no table in it). */
  findings: TableFinding[];
}

const both = (zh: string, en: string): Localized => ({ 'zh-CN': zh, en });
const dec = (n: number) => parseDecimal(String(n)) ?? ratio(0);
const hundredths = (r: Ratio) => toNumber(roundHalfUp(r, 2), 2);
const difference = (claimed: number | null, computed: number | null) =>
  claimed === null || computed === null
    ? null
    : hundredths(add(dec(claimed), ratio(-dec(computed).n, dec(computed).d)));

// ------------------------------------------------------------------------------------------ tiers

/** The tier a printed actual describes, when its words say (未 before 部分 before 达成). */
const tierOfWords = (actual: string): QualitativeTier | null => {
  const t = fold(actual);
  if (/未(?:按期|按时|如期)?(?:达成|完成|达到|实现|开工|竣工|验收)|较差|没有达|无明显|不合格|不达标|滞后/u.test(t)) {
    return 'NOT_ACHIEVED';
  }
  if (/部分|基本|一定/u.test(t)) return 'PARTIAL';
  if (/达成|完成|达到|实现|良好|满意|显著|明显|按期|按时|改善|提升|提高/u.test(t)) return 'ACHIEVED';
  return null;
};

/** The tier whose band holds the printed score, for a row whose words say nothing. */
const tierOfScore = (claimed: string, weight: number, settings: ScoringSettings): QualitativeTier | null => {
  const score = parseDecimal(claimed);
  if (!score) return null;
  return (
    qualitativeTierCodes.find((tier) => {
      const band = tierBand(tier, weight, settings);
      return (
        compare(score, band.min) >= 0 &&
        (band.maxInclusive ? compare(score, band.max) <= 0 : compare(score, band.max) < 0)
      );
    }) ?? null
  );
};

/**
 * A paper table picks no tier: the words of its actual (or, failing them, the band of its printed
 * score) stand for the tier and the printed score for the score inside it, so a score outside the
 * band its words describe is shown, and nothing else is second-guessed.
 */
const withTier = (row: SelfEvaluationRow, fiscalYear: number, settings: ScoringSettings): SelfEvaluationRow => {
  const kind = scoreRow(row, fiscalYear, settings).kind;
  const needsTier =
    kind === 'QUALITATIVE' || kind === 'NOT_COMPUTABLE' || (kind === 'DATE' && settings.lateDateRule === 'TIER');
  if (!needsTier || row.claimedScore === null) return row;
  const tier = tierOfWords(row.actual) ?? tierOfScore(row.claimedScore, row.weight, settings);
  return { ...row, tier, tierScore: row.claimedScore };
};

/** Findings after which a row or an amount is missing from the computation (an unreadable claim is not one). */
const LEAVES_OUT = new Set<FindingCode>([
  'HEADER_NOT_FOUND',
  'MERGED_HEADER',
  'COLUMN_MISSING',
  'UNREADABLE_AMOUNT',
  'AMOUNT_NOT_WHOLE_FEN',
  'MISSING_WEIGHT',
  'MISSING_TARGET',
  'NOT_A_DATE',
  'UNKNOWN_LEVEL',
  'ROW_WITHOUT_NAME',
]);

const GRADE_WORDS: [RegExp, ReviewGrade][] = [
  [/^优/u, 'EXCELLENT'],
  [/^良/u, 'GOOD'],
  [/^(?:中|合格)/u, 'FAIR'],
  [/^(?:差|不合格)/u, 'POOR'],
];

// ----------------------------------------------------------------------------------------- money

const formatAmount = (fen: number, unit: ParsedTable['moneyUnit']): string => {
  const places = unit === '万元' ? 6 : 2;
  const scale = 10 ** (places - 2);
  const whole = BigInt(fen);
  const divisor = BigInt(100 * scale);
  const integer = whole / divisor;
  const fraction = String(whole % divisor).padStart(places, '0');
  const shown = unit === '万元' ? fraction.replace(/0+$/, '') : fraction;
  return `${integer.toLocaleString('en-US')}${shown ? `.${shown}` : ''}`;
};

const COLUMNS = [
  ['initialBudgetFen', 'initialBudget', '年初预算数', 'initial budget'],
  ['annualBudgetFen', 'annualBudget', '全年预算数', 'annual budget'],
  ['executedFen', 'executed', '全年执行数', 'amount executed'],
] as const;

// ---------------------------------------------------------------------------------------- a table

const checkOne = (table: ParsedTable, settings: ScoringSettings, options: TableCheckOptions): TableCheck => {
  const findings = [...table.findings];
  const say = (code: FindingCode, ref: string | null, zh: string, en: string) =>
    findings.push({ code, severity: 'WARNING', ref, message: both(zh, en) });
  const fiscalYear = table.fiscalYear ?? options.fiscalYear ?? 0;
  const stated = table.money.find((m) => m.source === 'TOTAL') ?? null;
  const sources = table.money.filter((m) => m.source !== 'TOTAL');
  const moneyUnreadable = table.findings.some(
    (f) => f.code === 'UNREADABLE_AMOUNT' || f.code === 'AMOUNT_NOT_WHOLE_FEN',
  );
  const points = Number(
    stated?.points?.text ?? table.money.find((m) => m.points)?.points?.text ?? options.executionPoints ?? 10,
  );
  const lines = moneyLinesOf(table);
  const money: MoneyLine[] = moneyUnreadable ? [] : lines;
  // A paper table gives one column for every reason; a reason printed there explains a cut too.
  const rows = table.rows.map((p) => withTier({ ...p.row, deductionReason: p.reason }, fiscalYear, settings));
  const score = scoreSheet(
    {
      fiscalYear,
      money,
      rows,
      executionPoints: points,
      statedMoneyTotal: stated && sources.length && !moneyUnreadable ? stated : null,
    },
    settings,
  );
  const tolerance = settings.claimToleranceHundredths / 100;
  const flag = (d: number | null) => d !== null && Math.abs(d) > tolerance;

  // Money: each stated total that is not the sum of its sources, by column and cell.
  if (score.execution.totalMismatch && stated) {
    const sum = score.execution.lines.at(-1)!;
    for (const [field, refKey, zh, en] of COLUMNS) {
      const s = stated[field];
      if (s === null || s === sum[field]) continue;
      const ref = stated.refs[refKey] ?? null;
      const unit = table.moneyUnit;
      say(
        'MONEY_TOTAL_NOT_SUM',
        ref,
        `${ref}：年度资金总额的${zh}为 ${formatAmount(s, unit)} ${unit}，各来源合计为 ${formatAmount(sum[field] ?? 0, unit)} ${unit}`,
        `${ref}: the total's ${en} is ${formatAmount(s, unit)} ${unit}, its sources add to ${formatAmount(sum[field] ?? 0, unit)} ${unit}`,
      );
    }
  }
  // Rates: each printed 执行率 against its own line's amounts, at the decimals it was printed with.
  for (const line of table.money) {
    if (!line.printedRate || line.annualBudgetFen === null || line.executedFen === null || !line.annualBudgetFen)
      continue;
    const own: ExecutionScore = scoreExecution(
      [
        {
          source: 'FISCAL',
          initialBudgetFen: null,
          annualBudgetFen: line.annualBudgetFen,
          executedFen: line.executedFen,
        },
      ],
      points,
      settings,
    );
    const exact = own.lines[0]?.rateExact;
    const printed = parseDecimal(line.printedRate.percent);
    if (!exact || !printed) continue;
    const places = (line.printedRate.percent.split('.')[1] ?? '').length;
    const computed = roundHalfUp(percent(exact), places);
    if (compare(computed, printed) !== 0) {
      const shown = toNumber(computed, places).toFixed(places);
      say(
        'RATE_MISPRINT',
        line.printedRate.ref,
        `${line.printedRate.ref}：执行率印为 ${line.printedRate.text}，按本行金额应为 ${shown}%`,
        `${line.printedRate.ref}: the rate is printed as ${line.printedRate.text}; this line's amounts give ${shown}%`,
      );
    }
  }

  // Weights: the indicators' points and budget execution's should make 100.
  const indicatorPoints = table.rows.reduce((a, p) => add(a, dec(p.row.weight)), ratio(0));
  const weightSum = add(indicatorPoints, dec(points));
  const addsUp = compare(weightSum, ratio(100)) === 0;
  // With rows or amounts left out the rest cannot add up; the findings above say which, so this would only repeat them.
  const comparable = !table.findings.some((f) => f.severity === 'ERROR' && LEAVES_OUT.has(f.code));
  if (!addsUp && comparable) {
    const i = toNumber(indicatorPoints, 2);
    const s = toNumber(weightSum, 2);
    say(
      'WEIGHTS_NOT_100',
      table.total.printedPoints?.ref ?? null,
      `指标分值合计 ${i} 分，加预算执行率 ${points} 分共 ${s} 分，不是 100 分`,
      `The indicators carry ${i} points and budget execution ${points}: ${s} in all, not 100`,
    );
  }

  // A printed grade other than the one the computed total earns.
  const printedGrade = table.grade ? GRADE_WORDS.find(([p]) => p.test(table.grade!.text))?.[1] : undefined;
  if (printedGrade && score.grade && comparable && printedGrade !== score.grade) {
    say(
      'GRADE_DIFFERS',
      table.grade!.ref,
      `${table.grade!.ref}：自评等级印为“${table.grade!.text}”，按计算总分 ${score.total} 应为“${reviewGrades[score.grade]['zh-CN']}”`,
      `${table.grade!.ref}: the grade is printed as "${table.grade!.text}"; the computed total ${score.total} earns ${reviewGrades[score.grade].en}`,
    );
  }
  const claimedExecution = stated?.claimedScore ?? table.money.find((m) => m.claimedScore)?.claimedScore ?? null;
  const differences = claimDifferences(
    rows,
    score,
    table.total.claimed?.text ?? null,
    settings,
    claimedExecution?.text ?? null,
  );
  const causesAt = (pointer: string): ClaimCause[] =>
    differences
      .filter((d: ClaimDifference) => d.pointer === pointer)
      .map((d) => ({
        code: d.cause,
        text: {
          'zh-CN': `${claimCauses[d.cause]['zh-CN']}：${d.message['zh-CN']}`,
          en: `${claimCauses[d.cause].en}: ${d.message.en}`,
        },
      }));
  const execClaim = claimedExecution ? Number(claimedExecution.text) : null;
  const execDiff = difference(execClaim, score.execution.score);
  let executionCauses = causesAt('/execution/claimedScore');
  // A claim worked out from the stated 年度资金总额 rather than from its sources.
  if (stated && score.execution.totalMismatch && executionCauses.some((c) => c.code === 'OTHER')) {
    const fromStated = scoreExecution(
      [
        {
          source: 'FISCAL',
          initialBudgetFen: stated.initialBudgetFen,
          annualBudgetFen: stated.annualBudgetFen,
          executedFen: stated.executedFen,
        },
      ],
      points,
      settings,
    );
    if (fromStated.score !== null && execClaim !== null && difference(execClaim, fromStated.score) === 0) {
      executionCauses = [
        {
          code: 'FROM_STATED_TOTAL',
          text: both(
            `按印出的年度资金总额计算（${fromStated.derivation['zh-CN']}），而该总额不等于各来源之和`,
            `worked out from the printed total line (${fromStated.derivation.en}), which is not the sum of its sources`,
          ),
        },
      ];
    }
  }
  const checkedRows: CheckedRow[] = table.rows.map((p, i) => {
    const s = score.rows[i]!;
    const claimed = p.row.claimedScore === null ? null : Number(p.row.claimedScore);
    const d = difference(claimed, s.score);
    const outside = claimed !== null && s.score === null;
    return {
      rowId: p.row.rowId,
      sheetRow: p.sheetRow,
      name: p.row.name,
      weight: p.row.weight,
      refs: p.refs,
      kind: s.kind,
      claimed,
      computed: s.score,
      difference: d,
      flagged: flag(d) || outside,
      causes:
        outside && s.band
          ? [
              {
                code: 'OUTSIDE_TIER_BAND',
                text: both(
                  `得分不在档次范围内：${s.derivation['zh-CN']}`,
                  `Outside the tier's band: ${s.derivation.en}`,
                ),
              },
            ]
          : causesAt(`/rows/${i}/claimedScore`),
      derivation: s.derivation,
    };
  });
  const totalClaim = table.total.claimed ? Number(table.total.claimed.text) : null;
  const totalDiff = comparable ? difference(totalClaim, score.total) : null;
  return {
    sheet: table.sheet,
    table,
    model: { fiscalYear: table.fiscalYear, rows, money: lines },
    score,
    projectCode: table.project.code,
    execution: {
      points,
      claimed: execClaim,
      computed: score.execution.score,
      difference: execDiff,
      flagged: flag(execDiff),
      causes: executionCauses,
      ref: claimedExecution?.ref ?? null,
      derivation: score.execution.derivation,
    },
    rows: checkedRows,
    total: {
      claimed: totalClaim,
      computed: score.total,
      difference: totalDiff,
      flagged: flag(totalDiff),
      causes: comparable ? causesAt('/claimedTotal') : [],
      ref: table.total.claimed?.ref ?? null,
      comparable,
    },
    grade: { printed: table.grade, computed: score.grade },
    weights: { indicators: toNumber(indicatorPoints, 2), execution: points, sum: toNumber(weightSum, 2), addsUp },
    findings,
  };
};

/** A sheet holds a table when it has an indicator header or a money block; hidden sheets are skipped. */
const holdsTable = (sheet: CellGrid['sheets'][number]) =>
  !sheet.hidden && viewOf(sheet).find((t) => /^三级指标/u.test(t) || EXECUTED_HEADER.test(t)) !== undefined;

export const checkTable = (
  grid: CellGrid,
  settings: ScoringSettings,
  options: TableCheckOptions = {},
): TableCheckResult => {
  const sheets = grid.sheets.filter(holdsTable);
  if (sheets.length === 0) {
    return {
      tables: [],
      findings: [
        {
          code: 'NO_TABLE',
          severity: 'ERROR',
          ref: null,
          message: both(
            `文件中没有项目支出绩效自评表（未找到“三级指标”或“全年执行数”）：${grid.sheets.map((s) => s.name).join('、')}`,
            `No 项目支出绩效自评表 in the file (no "三级指标" or "全年执行数" heading): ${grid.sheets.map((s) => s.name).join(', ')}`,
          ),
        },
      ],
    };
  }
  return {
    tables: sheets.map((sheet) => checkOne(parseTable(sheet, { fiscalYear: options.fiscalYear }), settings, options)),
    findings: [],
  };
};
