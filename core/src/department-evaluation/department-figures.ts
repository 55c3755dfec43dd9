import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import { fen } from '#core/submission/project.ts';

/**
 * The department's figures of the year that the formula indicators are computed from
 * (docs/domain/self-evaluation.md, "Department overall self-evaluation"): entered by the department or
 * imported from the integrated budget system (一体化). Money is integer fen, people are counts. A figure
 * left out (or null) is not known, and every formula that needs it is not computable: never full marks.
 */
const count = v.pipe(v.number(), v.integer('integer'), v.minValue(0), v.maxValue(1_000_000));
/** Supplementary budget net of cuts (追加 minus 追减) may be negative. */
const signedFen = v.pipe(v.number(), v.integer('integer'), v.minValue(-1e13), v.maxValue(1e13));

export type FigureKind = 'MONEY' | 'PEOPLE';

/** Every figure with its name as the formulas print it and its kind. */
export const departmentFigures = {
  carryOverFen: { name: { 'zh-CN': '上年结转结余', en: 'carried over from last year' }, kind: 'MONEY' },
  initialBudgetFen: { name: { 'zh-CN': '年初预算', en: 'initial budget' }, kind: 'MONEY' },
  supplementaryFen: { name: { 'zh-CN': '年中追加（减）', en: 'supplementary (net)' }, kind: 'MONEY' },
  yearEndBalanceFen: { name: { 'zh-CN': '年末结转结余', en: 'year-end carry-over and balance' }, kind: 'MONEY' },
  adjustmentFen: { name: { 'zh-CN': '预算调整数', en: 'budget adjustments' }, kind: 'MONEY' },
  paidFen: { name: { 'zh-CN': '实际支付数', en: 'paid' }, kind: 'MONEY' },
  plannedPaymentFen: { name: { 'zh-CN': '既定支付数', en: 'planned payments' }, kind: 'MONEY' },
  publicFundsBudgetFen: { name: { 'zh-CN': '公用经费预算数', en: 'general admin budget' }, kind: 'MONEY' },
  publicFundsSpentFen: { name: { 'zh-CN': '公用经费支出数', en: 'general admin spent' }, kind: 'MONEY' },
  threePublicBudgetFen: { name: { 'zh-CN': '三公经费预算数', en: '"three public" budget' }, kind: 'MONEY' },
  threePublicSpentFen: { name: { 'zh-CN': '三公经费支出数', en: '"three public" spent' }, kind: 'MONEY' },
  threePublicLastYearFen: {
    name: { 'zh-CN': '上年三公经费支出数', en: '"three public" spent last year' },
    kind: 'MONEY',
  },
  procurementBudgetFen: { name: { 'zh-CN': '政府采购预算数', en: 'procurement budget' }, kind: 'MONEY' },
  procurementSpentFen: { name: { 'zh-CN': '政府采购实际数', en: 'procurement done' }, kind: 'MONEY' },
  staffInPost: { name: { 'zh-CN': '在职人员数', en: 'staff in post' }, kind: 'PEOPLE' },
  authorisedPosts: { name: { 'zh-CN': '编制数', en: 'authorised posts' }, kind: 'PEOPLE' },
  keySpendingFen: { name: { 'zh-CN': '重点项目支出', en: 'key project spending' }, kind: 'MONEY' },
  projectSpendingFen: { name: { 'zh-CN': '项目总支出', en: 'all project spending' }, kind: 'MONEY' },
  fixedAssetsInUseFen: { name: { 'zh-CN': '在用固定资产', en: 'fixed assets in use' }, kind: 'MONEY' },
  fixedAssetsTotalFen: { name: { 'zh-CN': '固定资产总额', en: 'all fixed assets' }, kind: 'MONEY' },
} as const satisfies Record<string, { name: Localized; kind: FigureKind }>;
export type FigureKey = keyof typeof departmentFigures;

const known = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema));

export const departmentFiguresSchema = v.strictObject({
  carryOverFen: known(fen),
  initialBudgetFen: known(fen),
  supplementaryFen: known(signedFen),
  yearEndBalanceFen: known(fen),
  adjustmentFen: known(fen),
  paidFen: known(fen),
  plannedPaymentFen: known(fen),
  publicFundsBudgetFen: known(fen),
  publicFundsSpentFen: known(fen),
  threePublicBudgetFen: known(fen),
  threePublicSpentFen: known(fen),
  threePublicLastYearFen: known(fen),
  procurementBudgetFen: known(fen),
  procurementSpentFen: known(fen),
  staffInPost: known(count),
  authorisedPosts: known(count),
  keySpendingFen: known(fen),
  projectSpendingFen: known(fen),
  fixedAssetsInUseFen: known(fen),
  fixedAssetsTotalFen: known(fen),
});
export type DepartmentFigures = v.InferOutput<typeof departmentFiguresSchema>;

/** Fen as 万元, exactly, grouped by thousands, signed with a true minus ("−5", "1,200.5"). */
export const wanText = (fenAmount: number): string => {
  const magnitude = Math.abs(fenAmount);
  const whole = String(Math.floor(magnitude / 1_000_000)).replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  const fraction = String(magnitude % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/u, '');
  return `${fenAmount < 0 ? '−' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
};

/** A figure as a formula prints it: "年初预算 1,000 万元", "编制数 50 人". */
export const figureText = (key: FigureKey, value: number): Localized => {
  const figure = departmentFigures[key];
  const money = figure.kind === 'MONEY';
  return {
    'zh-CN': `${figure.name['zh-CN']} ${money ? wanText(value) : value} ${money ? '万元' : '人'}`,
    en: `${figure.name.en} ${money ? wanText(value) : value}${money ? ' 万元' : ''}`,
  };
};
