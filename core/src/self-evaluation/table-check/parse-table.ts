import type { Level1, Level2 } from '#core/indicator-library/framework.ts';
import type { Localized } from '#core/language.ts';
import {
  blankEntry,
  type MoneyLine,
  type MoneySource,
  type SelfEvaluationRow,
} from '#core/self-evaluation/self-evaluation-row.ts';
import type { GridCell, GridSheet } from '#core/self-evaluation/table-check/cell-grid.ts';
import { actualNotADate, readTarget } from '#core/self-evaluation/table-check/read-target.ts';
import { type SheetView, viewOf } from '#core/self-evaluation/table-check/sheet-view.ts';
import { type FindingCode, sheetRef, type TableFinding } from '#core/self-evaluation/table-check/table-finding.ts';
import { decimalOf, fold, hundredfold, isDash, scaleDecimal } from '#core/self-evaluation/table-check/table-text.ts';

/**
 * Reads a filled 项目支出绩效自评表 from a sheet's cells into the self-evaluation model
 * (docs/domain/self-evaluation.md, "Checking a filled table"). Blocks and columns are found by their
 * header words, not by position, so the 财预〔2020〕10号 attachment layout and the provinces' variants
 * (columns in another order, some missing, merged level-1/level-2 cells, blank and note rows, amounts
 * in 万元 or 元) read alike. Every cell it cannot read becomes a finding naming the cell; nothing is
 * guessed and nothing is dropped without one.
 */
export interface Field {
  text: string;
  ref: string;
}

export interface ParsedMoneyLine {
  source: MoneySource | 'TOTAL';
  label: string;
  sheetRow: number;
  initialBudgetFen: number | null;
  annualBudgetFen: number | null;
  executedFen: number | null;
  /** 执行率 as printed, and as a percentage decimal ("86.19"). */
  printedRate: { text: string; percent: string; ref: string } | null;
  /** 分值 and 得分 as printed (decimals). */
  points: Field | null;
  claimedScore: Field | null;
  refs: { initialBudget?: string; annualBudget?: string; executed?: string };
}

export interface ParsedRow {
  row: SelfEvaluationRow;
  sheetRow: number;
  /** 年度指标值 as printed. */
  targetText: string;
  /** 偏差原因分析及改进措施 as printed ('' when the table has no such column). */
  reason: string;
  refs: { name: string; target: string; actual: string; weight: string; score: string | null };
}

export interface ParsedTable {
  sheet: string;
  title: string | null;
  fiscalYear: number | null;
  project: { name: Field | null; department: Field | null; implementingUnit: Field | null; code: Field | null };
  moneyUnit: '万元' | '元';
  money: ParsedMoneyLine[];
  goal: { expected: string; actual: string };
  rows: ParsedRow[];
  total: { claimed: Field | null; printedPoints: Field | null; sheetRow: number | null };
  grade: Field | null;
  findings: TableFinding[];
}

export interface ParseOptions {
  /** The year to read dates without one in, when the title does not say ("（2023年度）"). */
  fiscalYear?: number | undefined;
}

// ------------------------------------------------------------------------------------------ words

const LEVEL1: [RegExp, Level1][] = [
  [/^产出/u, 'OUTPUT'],
  [/^效益/u, 'BENEFIT'],
  [/^(?:服务对象)?满意度/u, 'SATISFACTION'],
];
const LEVEL2: [RegExp, Level2, Level1][] = [
  [/^数量/u, 'QUANTITY', 'OUTPUT'],
  [/^质量/u, 'QUALITY', 'OUTPUT'],
  [/^时效/u, 'TIMELINESS', 'OUTPUT'],
  [/^成本/u, 'COST', 'OUTPUT'],
  [/^经济效益/u, 'ECONOMIC', 'BENEFIT'],
  [/^社会效益/u, 'SOCIAL', 'BENEFIT'],
  [/^生态效益/u, 'ECOLOGICAL', 'BENEFIT'],
  [/^可持续影响/u, 'SUSTAINABLE', 'BENEFIT'],
  [/^(?:服务对象)?满意度/u, 'SERVICE_RECIPIENT', 'SATISFACTION'],
];

/** The heading that marks the money block (and, with 三级指标, a sheet that holds a table). */
export const EXECUTED_HEADER = /^(?:全年)?(?:执行数|实际执行|实际支出)/u;

type IndicatorColumn = 'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'standard' | 'score' | 'reason';
type MoneyColumn = 'initialBudget' | 'annualBudget' | 'executed' | 'points' | 'rate' | 'score';

/** In this order: a header is claimed by the first column whose words it matches. */
const INDICATOR_HEADERS: [IndicatorColumn, RegExp, Localized][] = [
  ['level1', /^一级指标/u, { 'zh-CN': '一级指标', en: 'level-1 indicator' }],
  ['level2', /^二级指标/u, { 'zh-CN': '二级指标', en: 'level-2 indicator' }],
  ['name', /^(?:三级指标|指标名称|具体指标)/u, { 'zh-CN': '三级指标', en: 'level-3 indicator' }],
  [
    'reason',
    /偏差原因|原因分析|改进措施/u,
    { 'zh-CN': '偏差原因分析及改进措施', en: 'deviation reasons and measures' },
  ],
  ['actual', /实际完成值|实际值|完成值|实际完成/u, { 'zh-CN': '实际完成值', en: 'actual value' }],
  ['target', /指标值|目标值|计划值/u, { 'zh-CN': '年度指标值', en: 'annual target value' }],
  ['weight', /^(?:分值|权重|指标分值|标准分)/u, { 'zh-CN': '分值', en: 'points' }],
  // Before 得分: "评分标准" begins like "评分".
  ['standard', /评分标准|评\(扣\)分标准|计分方法|评分规则/u, { 'zh-CN': '评分标准', en: 'scoring standard' }],
  ['score', /^(?:得分|自评得分|评分|实际得分)/u, { 'zh-CN': '得分', en: 'score' }],
];
/** Columns most tables leave out: not looked for aloud. */
const QUIET: readonly string[] = ['standard'];
const MONEY_HEADERS: [MoneyColumn, RegExp, Localized][] = [
  ['initialBudget', /^年初(?:预算|批复)/u, { 'zh-CN': '年初预算数', en: 'initial budget' }],
  ['annualBudget', /^(?:全年预算|调整后预算|变动后预算|全年批复)/u, { 'zh-CN': '全年预算数', en: 'annual budget' }],
  ['executed', EXECUTED_HEADER, { 'zh-CN': '全年执行数', en: 'amount executed' }],
  ['rate', /执行率/u, { 'zh-CN': '执行率', en: 'execution rate' }],
  ['points', /^(?:分值|权重)/u, { 'zh-CN': '分值', en: 'points' }],
  ['score', /^得分/u, { 'zh-CN': '得分', en: 'score' }],
];
const MONEY_SOURCES: [RegExp, MoneySource | 'TOTAL'][] = [
  [/资金总额|合计|总计|资金总计/u, 'TOTAL'],
  [/财政拨款|财政资金|财政拨付|本年拨款/u, 'FISCAL'],
  [/上年结转|结转资金|结余结转/u, 'CARRY_OVER'],
  [/其他资金|其他来源|自筹/u, 'OTHER'],
];
const LABELS = {
  name: /^项目名称/u,
  department: /^(?:主管部门|主管单位)/u,
  implementingUnit: /^(?:实施单位|项目单位|执行单位)/u,
  code: /^项目(?:编码|代码|编号)/u,
};
const anyLabel = (t: string) => Object.values(LABELS).some((p) => p.test(t));

const NOT_APPLICABLE = /^(?:不适用|不涉及|N\/?A)$/iu;
const TOTAL_ROW = /^(?:总分|合计|总计|自评总分|综合得分|得分合计)/u;
/** Notes and the signature lines under a table (填表人, 联系电话, 填报日期 …). */
const NOTE_ROW = /^(?:注|说明|备注|填表说明|填表人|填报人|审核人|单位负责人|负责人|联系人|联系电话|填报日期|填表日期)/u;
const GRADE_LABEL = /(?:自评|评价|绩效)?等级|评价结果|自评结论/u;
const GRADE = /^(优秀?|良好?|中等?|差|合格|不合格)$/u;

// ----------------------------------------------------------------------------------------- parser

export const parseTable = (sheet: GridSheet, options: ParseOptions = {}): ParsedTable => {
  const view = viewOf(sheet);
  const findings: TableFinding[] = [];
  const say = (code: FindingCode, severity: TableFinding['severity'], ref: string | null, zh: string, en: string) =>
    findings.push({ code, severity, ref, message: { 'zh-CN': zh, en } });

  const text = (c: GridCell | undefined) => c?.text.trim() ?? '';
  /** The value a label points at: after its colon, or the next cell to its right that is not another label. */
  const labelValue = (label: GridCell): Field | null => {
    const after = /[:：](.+)$/su.exec(label.text);
    if (after?.[1]?.trim()) return { text: after[1].trim(), ref: view.ref(label.row, label.col) };
    const right = view.mergeAt(label.row, label.col)?.right ?? label.col;
    for (let c = right + 1; c <= right + 12; c++) {
      const cell = view.at(label.row, c);
      if (!cell || !text(cell)) continue;
      if (anyLabel(fold(cell.text))) return null;
      return { text: text(cell), ref: view.ref(cell.row, cell.col) };
    }
    return null;
  };

  const indicatorHeader = view.find((t) => /^三级指标/u.test(t)) ?? view.find((t) => /^二级指标/u.test(t));
  const moneyHeader = view.find((t) => EXECUTED_HEADER.test(t), 1, indicatorHeader?.row);
  const goalHeader = view.find((t) => /^预期目标/u.test(t), 1, indicatorHeader?.row);
  const firstBlock = Math.min(
    moneyHeader?.row ?? Number.POSITIVE_INFINITY,
    goalHeader?.row ?? Number.POSITIVE_INFINITY,
    indicatorHeader?.row ?? Number.POSITIVE_INFINITY,
  );

  // ------------------------------------------------------------------------------ title and header
  const titleCell = view.find((t) => /自评表/u.test(t), 1, firstBlock);
  // "（2023年度）" says the year; a bare "2023年" (in a title or a project's name) only when nothing does.
  const yearCell =
    view.find((t) => /(?:19|20)\d{2}年度/u.test(t), 1, firstBlock) ??
    view.find((t) => /(?:19|20)\d{2}年/u.test(t), 1, firstBlock);
  const titleYear = yearCell ? Number(/((?:19|20)\d{2})年/u.exec(fold(yearCell.text))?.[1]) : undefined;
  const fiscalYear = titleYear ?? options.fiscalYear ?? null;
  if (fiscalYear === null) {
    say(
      'FISCAL_YEAR_UNKNOWN',
      'WARNING',
      null,
      '表中未写明年度（如“（2023年度）”），不含年份的日期无法判断',
      'The table does not say its year (as "（2023年度）"), so dates without a year cannot be read',
    );
  }
  const field = (pattern: RegExp) => {
    const label = view.find((t) => pattern.test(t), 1, firstBlock);
    return label ? labelValue(label) : null;
  };
  const project = {
    name: field(LABELS.name),
    department: field(LABELS.department),
    implementingUnit: field(LABELS.implementingUnit),
    code: field(LABELS.code),
  };

  // ---------------------------------------------------------------------------------- columns
  const columnsOf = <K extends string>(
    headerRow: number,
    headers: [K, RegExp, Localized][],
    required: K[],
    block: Localized,
  ): Partial<Record<K, number>> => {
    const found: Partial<Record<K, number>> = {};
    // A heading merged down from the row above (a two-row header) counts as this row's.
    const seen = new Set<GridCell>();
    for (let col = 1; col <= view.lastCol; col++) {
      const cell = view.shown(headerRow, col);
      if (!cell || seen.has(cell)) continue;
      seen.add(cell);
      const t = fold(cell.text);
      const hit = headers.find(([key, pattern]) => found[key] === undefined && pattern.test(t));
      if (hit) found[hit[0]] = col;
    }
    for (const [key, , name] of headers) {
      if (found[key] !== undefined || QUIET.includes(key)) continue;
      // A merge that runs over several headers hides every header but its first.
      const merge = view
        .mergesIn(headerRow)
        .find(
          (m) => m.right > m.left && headers.some(([, pattern]) => pattern.test(fold(text(view.at(m.top, m.left))))),
        );
      const mandatory = required.includes(key);
      if (merge && mandatory) {
        say(
          'MERGED_HEADER',
          'ERROR',
          sheetRef(view.name, merge.ref),
          `${block['zh-CN']}表头的合并单元格 ${merge.ref}（“${text(view.at(merge.top, merge.left))}”）盖住了其他列名，找不到“${name['zh-CN']}”列`,
          `In the ${block.en} header, the merged cell ${merge.ref} ("${text(view.at(merge.top, merge.left))}") covers other headings: no "${name['zh-CN']}" (${name.en}) column`,
        );
      } else {
        say(
          'COLUMN_MISSING',
          mandatory ? 'ERROR' : 'WARNING',
          sheetRef(view.name, `${headerRow}:${headerRow}`),
          `${block['zh-CN']}表头（第 ${headerRow} 行）没有“${name['zh-CN']}”列`,
          `The ${block.en} header (row ${headerRow}) has no "${name['zh-CN']}" (${name.en}) column`,
        );
      }
    }
    return found;
  };

  // ------------------------------------------------------------------------------------- money
  // A label or heading that states the unit: short, so a goal's text ("每人补助5000元") never sets it.
  const moneyUnitCell = view.cells.find(
    (c) =>
      fold(c.text).length <= 20 &&
      c.row <= (moneyHeader?.row ?? firstBlock) + 6 &&
      c.row < (indicatorHeader?.row ?? Number.POSITIVE_INFINITY) &&
      /(?:单位|资金|金额|预算数|执行数)[^%]*?[(（:：]?\s*(万元|元)\s*[)）]?/u.test(c.text),
  );
  const unitWord = moneyUnitCell ? /(万元|元)/u.exec(moneyUnitCell.text)?.[1] : undefined;
  const moneyUnit: '万元' | '元' = unitWord === '元' ? '元' : '万元';
  const money: ParsedMoneyLine[] = [];
  if (moneyHeader) {
    if (!unitWord) {
      say(
        'MONEY_UNIT_ASSUMED',
        'WARNING',
        view.ref(moneyHeader.row, moneyHeader.col),
        '项目资金未写明单位，按万元读取',
        'The money block does not say its unit; amounts are read as 万元',
      );
    }
    const cols = columnsOf(moneyHeader.row, MONEY_HEADERS, ['annualBudget', 'executed', 'score'], {
      'zh-CN': '项目资金',
      en: 'money block',
    });
    const amountCols = [cols.initialBudget, cols.annualBudget, cols.executed].filter((c) => c !== undefined);
    const firstAmount = Math.min(...amountCols, moneyHeader.col);
    const stop = Math.min(
      goalHeader?.row ?? Number.POSITIVE_INFINITY,
      indicatorHeader?.row ?? Number.POSITIVE_INFINITY,
    );
    const amount = (row: number, col: number | undefined): { fen: number | null; ref?: string } => {
      if (col === undefined) return { fen: null };
      const cell = view.at(row, col);
      const ref = view.ref(row, col);
      if (!cell || isDash(cell.text)) return { fen: null, ref };
      const written = fold(cell.text);
      const suffix = /(万元|元)$/u.exec(written)?.[1] as '万元' | '元' | undefined;
      const decimal = decimalOf(written.replace(/(万元|元)$/u, ''));
      if (decimal === undefined || decimal.startsWith('-')) {
        say(
          'UNREADABLE_AMOUNT',
          'ERROR',
          ref,
          `${ref}“${cell.text}”不是金额，预算执行得分不予核对`,
          `${ref}: "${cell.text}" is not an amount; budget execution is not checked`,
        );
        return { fen: null, ref };
      }
      const unit = suffix ?? moneyUnit;
      const fen = scaleDecimal(decimal, unit === '万元' ? 6 : 2);
      if (fen === undefined || fen > 10n ** 13n) {
        say(
          'AMOUNT_NOT_WHOLE_FEN',
          'ERROR',
          ref,
          fen === undefined
            ? `${ref}“${cell.text}”${unit}不是整分的金额，预算执行得分不予核对`
            : `${ref}“${cell.text}”${unit}超出可记录的金额，预算执行得分不予核对`,
          fen === undefined
            ? `${ref}: "${cell.text}" ${unit} is not a whole number of fen; budget execution is not checked`
            : `${ref}: "${cell.text}" ${unit} is larger than an amount can be; budget execution is not checked`,
        );
        return { fen: null, ref };
      }
      return { fen: Number(fen), ref };
    };
    const decimalField = (row: number, col: number | undefined, what: Localized): Field | null => {
      if (col === undefined) return null;
      const cell = view.at(row, col);
      if (!cell || isDash(cell.text)) return null;
      const ref = view.ref(row, col);
      const decimal = decimalOf(fold(cell.text).replace(/分$/u, ''));
      if (decimal === undefined) {
        say(
          'UNREADABLE_POINTS',
          'ERROR',
          ref,
          `${ref}“${cell.text}”不是${what['zh-CN']}`,
          `${ref}: "${cell.text}" is not a ${what.en}`,
        );
        return null;
      }
      return { text: decimal, ref };
    };
    for (let r = moneyHeader.row + 1; r < stop && r <= view.lastRow; r++) {
      const labels = view
        .inRow(r)
        .filter((c) => c.col < firstAmount)
        .map((c) => c.text.trim())
        .join('');
      const source = MONEY_SOURCES.find(([pattern]) => pattern.test(fold(labels)))?.[1];
      // A row of its own for "其中：", or a blank one, sits among the sources; another block ends them.
      if (!source) {
        if (/年度总体目标|总体目标|绩效指标|一级指标/u.test(fold(labels))) break;
        continue;
      }
      const initial = amount(r, cols.initialBudget);
      const annual = amount(r, cols.annualBudget);
      const executed = amount(r, cols.executed);
      let printedRate: ParsedMoneyLine['printedRate'] = null;
      const rateCell = cols.rate === undefined ? undefined : view.at(r, cols.rate);
      if (rateCell && !isDash(rateCell.text)) {
        const ref = view.ref(r, rateCell.col);
        const t = fold(rateCell.text);
        const pct = /^(-?\d+(?:\.\d+)?)%$/u.exec(t)?.[1];
        const plain = decimalOf(t);
        const percent = pct ?? (plain === undefined ? undefined : Number(plain) <= 1 ? hundredfold(plain) : plain);
        if (percent === undefined) {
          say(
            'UNREADABLE_RATE',
            'WARNING',
            ref,
            `${ref}“${rateCell.text}”不是执行率`,
            `${ref}: "${rateCell.text}" is not a rate`,
          );
        } else printedRate = { text: rateCell.text.trim(), percent, ref };
      }
      money.push({
        source,
        label: labels,
        sheetRow: r,
        initialBudgetFen: initial.fen,
        annualBudgetFen: annual.fen,
        executedFen: executed.fen,
        printedRate,
        points: decimalField(r, cols.points, { 'zh-CN': '分值', en: 'number of points' }),
        claimedScore: decimalField(r, cols.score, { 'zh-CN': '得分', en: 'score' }),
        refs: {
          ...(initial.ref && { initialBudget: initial.ref }),
          ...(annual.ref && { annualBudget: annual.ref }),
          ...(executed.ref && { executed: executed.ref }),
        },
      });
    }
  } else {
    say(
      'HEADER_NOT_FOUND',
      'ERROR',
      null,
      '找不到项目资金表头（全年执行数）',
      'No money block header (全年执行数) was found',
    );
  }

  // -------------------------------------------------------------------------------------- goal
  const below = (cell: GridCell | undefined): string => {
    if (!cell) return '';
    const right = view.mergeAt(cell.row, cell.col)?.bottom ?? cell.row;
    for (let r = right + 1; r <= right + 4 && r < (indicatorHeader?.row ?? Number.POSITIVE_INFINITY); r++) {
      const t = text(view.at(r, cell.col));
      if (t) return t;
    }
    return '';
  };
  const actualHeader = goalHeader
    ? view.cells.find((c) => c.row === goalHeader.row && c.col > goalHeader.col && /^实际完成/u.test(fold(c.text)))
    : undefined;
  const goal = { expected: below(goalHeader), actual: below(actualHeader) };
  if (!goalHeader) {
    say(
      'GOAL_NOT_FOUND',
      'WARNING',
      null,
      '找不到年度总体目标（预期目标）',
      'No annual goal block (预期目标) was found',
    );
  }

  // -------------------------------------------------------------------------------- indicators
  const rows: ParsedRow[] = [];
  const total: ParsedTable['total'] = { claimed: null, printedPoints: null, sheetRow: null };
  if (!indicatorHeader) {
    say(
      'HEADER_NOT_FOUND',
      'ERROR',
      null,
      '找不到绩效指标表头（三级指标）',
      'No indicator header (三级指标) was found',
    );
  } else {
    const cols = columnsOf(
      indicatorHeader.row,
      INDICATOR_HEADERS,
      // Level 1 follows from level 2, so a table without its column loses nothing.
      ['level2', 'name', 'target', 'actual', 'weight', 'score'],
      { 'zh-CN': '绩效指标', en: 'indicator block' },
    );
    readIndicators(view, indicatorHeader.row, cols, fiscalYear, rows, total, say);
  }
  const grade = readGrade(view, total.sheetRow ?? indicatorHeader?.row ?? 1);

  return {
    sheet: sheet.name,
    title: titleCell ? titleCell.text.trim() : null,
    fiscalYear,
    project,
    moneyUnit,
    money,
    goal,
    rows,
    total,
    grade,
    findings,
  };
};

/**
 * The money block as a self-evaluation keeps it: one line per source, or the printed total as the
 * fiscal line when the table gives no sources.
 */
export const moneyLinesOf = (table: Pick<ParsedTable, 'money'>): MoneyLine[] => {
  const sources = table.money.filter((m) => m.source !== 'TOTAL');
  const lines = sources.length ? sources : table.money.filter((m) => m.source === 'TOTAL');
  return lines.map((m) => ({
    source: m.source === 'TOTAL' ? 'FISCAL' : m.source,
    initialBudgetFen: m.initialBudgetFen,
    annualBudgetFen: m.annualBudgetFen,
    executedFen: m.executedFen,
  }));
};

type Say = (code: FindingCode, severity: TableFinding['severity'], ref: string | null, zh: string, en: string) => void;

/** The cell a row holds at a column: its own, or a merge that starts in this row. */
const own = (view: SheetView, row: number, col: number | undefined): GridCell | undefined => {
  if (col === undefined) return undefined;
  const merge = view.mergeAt(row, col);
  if (merge) return merge.top === row ? view.at(merge.top, merge.left) : undefined;
  return view.at(row, col);
};

const readIndicators = (
  view: SheetView,
  headerRow: number,
  cols: Partial<Record<IndicatorColumn, number>>,
  fiscalYear: number | null,
  rows: ParsedRow[],
  total: ParsedTable['total'],
  say: Say,
) => {
  const year = fiscalYear ?? 0;
  const leftmost = Math.min(...Object.values(cols).filter((c): c is number => c !== undefined));
  const rightmost = Math.max(...Object.values(cols).filter((c): c is number => c !== undefined));
  const str = (c: GridCell | undefined) => c?.text.trim() ?? '';
  for (let r = headerRow + 1; r <= view.lastRow; r++) {
    const inRow = view.inRow(r);
    const first = inRow[0];
    if (first && TOTAL_ROW.test(fold(first.text))) {
      total.sheetRow = r;
      const claimed = own(view, r, cols.score);
      const points = own(view, r, cols.weight);
      const claimedDecimal = claimed ? decimalOf(fold(claimed.text).replace(/分$/u, '')) : undefined;
      if (claimed && claimedDecimal === undefined && !isDash(claimed.text)) {
        const ref = view.ref(r, cols.score!);
        say(
          'UNREADABLE_SCORE',
          'ERROR',
          ref,
          `${ref}“${claimed.text}”不是总分`,
          `${ref}: "${claimed.text}" is not a total score`,
        );
      }
      if (claimedDecimal !== undefined) total.claimed = { text: claimedDecimal, ref: view.ref(r, cols.score!) };
      const pointsDecimal = points ? decimalOf(fold(points.text).replace(/分$/u, '')) : undefined;
      if (pointsDecimal !== undefined) total.printedPoints = { text: pointsDecimal, ref: view.ref(r, cols.weight!) };
      return;
    }
    if (first && NOTE_ROW.test(fold(first.text))) continue;
    // A note written across the whole table in one merged cell.
    if (view.mergesIn(r).some((m) => m.left <= leftmost && m.right >= rightmost && m.bottom === r)) continue;

    const nameCell = own(view, r, cols.name);
    const cells = {
      target: own(view, r, cols.target),
      actual: own(view, r, cols.actual),
      weight: own(view, r, cols.weight),
      score: own(view, r, cols.score),
    };
    const name = str(nameCell).replace(/^(?:指标)?\d+[.、:：)）]\s*/u, '');
    const filled = Object.values(cells).some((c) => str(c) !== '');
    if (!name) {
      if (filled) {
        const ref = view.ref(r, cols.name ?? leftmost);
        say(
          'ROW_WITHOUT_NAME',
          'ERROR',
          ref,
          `${ref} 没有指标名称，第 ${r} 行未计入`,
          `${ref}: no indicator name; row ${r} is left out`,
        );
      }
      continue;
    }
    const ref = (col: number | undefined) => view.ref(r, col ?? leftmost);
    const level1Text = fold(str(view.shown(r, cols.level1 ?? 0)));
    const level2Text = fold(str(view.shown(r, cols.level2 ?? 0)));
    const level2 = LEVEL2.find(([p]) => p.test(level2Text));
    const level1 = LEVEL1.find(([p]) => p.test(level1Text))?.[1] ?? (level1Text ? undefined : level2?.[2]);
    if (!level1 || !level2 || level2[2] !== level1) {
      const badLevel1 = level1Text !== '' && !level1;
      const bad = badLevel1 ? cols.level1 : cols.level2;
      const where = view.mergeAt(r, bad ?? 0);
      const at = where ? view.ref(where.top, where.left) : ref(bad);
      const shown = badLevel1 ? level1Text : level2Text;
      const [zh, en] = badLevel1
        ? ['一级指标', 'level-1 indicator']
        : level1Text
          ? ['该一级指标下的二级指标', 'level-2 indicator under its level 1']
          : ['二级指标', 'level-2 indicator'];
      say(
        'UNKNOWN_LEVEL',
        'ERROR',
        at,
        `${at}“${shown}”不是${zh}，第 ${r} 行“${name}”未计入`,
        `${at}: "${shown}" is not a ${en}; row ${r} ("${name}") is left out`,
      );
      continue;
    }
    const weightDecimal = decimalOf(fold(str(cells.weight)).replace(/分$/u, ''));
    if (weightDecimal === undefined) {
      const at = ref(cols.weight);
      const shown = str(cells.weight);
      say(
        'MISSING_WEIGHT',
        'ERROR',
        at,
        shown ? `${at}“${shown}”不是分值，第 ${r} 行“${name}”未计入` : `${at} 分值为空，第 ${r} 行“${name}”未计入`,
        shown
          ? `${at}: "${shown}" is not a number of points; row ${r} ("${name}") is left out`
          : `${at}: no points; row ${r} ("${name}") is left out`,
      );
      continue;
    }
    const targetText = str(cells.target);
    const target = readTarget(targetText, year);
    if (
      target.kind === 'EMPTY' ||
      target.kind === 'NOT_A_DATE' ||
      (target.kind === 'DATE' && target.value.startsWith('0-'))
    ) {
      const at = ref(cols.target);
      const [code, zh, en]: [FindingCode, string, string] =
        target.kind === 'EMPTY'
          ? ['MISSING_TARGET', `${at} 年度指标值为空`, `${at}: no annual target value`]
          : target.kind === 'NOT_A_DATE'
            ? ['NOT_A_DATE', `${at}“${targetText}”不是有效日期`, `${at}: "${targetText}" is not a real date`]
            : [
                'NOT_A_DATE',
                `${at}“${targetText}”没有年份，表中也未写明年度`,
                `${at}: "${targetText}" has no year and neither has the table`,
              ];
      say(code, 'ERROR', at, `${zh}，第 ${r} 行“${name}”未计入`, `${en}; row ${r} ("${name}") is left out`);
      continue;
    }
    const actual = str(cells.actual);
    if (target.kind === 'DATE' && actual && actualNotADate(actual, year)) {
      const at = ref(cols.actual);
      say(
        'NOT_A_DATE',
        'WARNING',
        at,
        `${at}“${actual}”不是有效日期，第 ${r} 行“${name}”按不能计算处理`,
        `${at}: "${actual}" is not a real date; row ${r} ("${name}") is treated as not computable`,
      );
    }
    const scoreText = str(cells.score);
    const claimed = scoreText ? decimalOf(fold(scoreText).replace(/分$/u, '')) : undefined;
    if (scoreText && claimed === undefined && !isDash(scoreText)) {
      const at = ref(cols.score);
      say('UNREADABLE_SCORE', 'ERROR', at, `${at}“${scoreText}”不是得分`, `${at}: "${scoreText}" is not a score`);
    }
    const rowId = `r${r}`;
    rows.push({
      row: {
        ...blankEntry(rowId),
        level1,
        level2: level2[1],
        name,
        operator: target.operator,
        targetValue: target.value,
        unit: target.kind === 'NUMBER' ? target.unit : '',
        weight: Number(weightDecimal),
        scoringStandard: str(own(view, r, cols.standard)),
        actual,
        // "不适用" in the actual leaves the row out and rescales the total (折算), as the table means.
        notApplicable: NOT_APPLICABLE.test(fold(actual)),
        notApplicableReason: NOT_APPLICABLE.test(fold(actual)) ? str(own(view, r, cols.reason)) || actual : '',
        deviationReasons: str(own(view, r, cols.reason)),
        claimedScore: claimed ?? null,
      },
      sheetRow: r,
      targetText,
      reason: str(own(view, r, cols.reason)),
      refs: {
        name: ref(cols.name),
        target: ref(cols.target),
        actual: ref(cols.actual),
        weight: ref(cols.weight),
        score: cols.score === undefined ? null : ref(cols.score),
      },
    });
  }
  say('TOTAL_NOT_FOUND', 'WARNING', null, '找不到总分行', 'No total (总分) row was found');
};

/** 自评等级 as printed: after a label, or a lone 优/良/中/差 in or below the total row. */
const readGrade = (view: SheetView, from: number): Field | null => {
  const label = view.find((t) => GRADE_LABEL.test(t) && t.length <= 12, from);
  if (label) {
    const inline = /[:：]\s*(优秀?|良好?|中等?|差)/u.exec(label.text);
    if (inline?.[1]) return { text: inline[1], ref: view.ref(label.row, label.col) };
    const right = view.mergeAt(label.row, label.col)?.right ?? label.col;
    const next = view.cells.find((c) => c.row === label.row && c.col > right && c.text.trim());
    if (next && GRADE.test(fold(next.text))) return { text: fold(next.text), ref: view.ref(next.row, next.col) };
  }
  const lone = view.find((t) => GRADE.test(t), from);
  return lone ? { text: fold(lone.text), ref: view.ref(lone.row, lone.col) } : null;
};
