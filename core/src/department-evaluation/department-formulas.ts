import {
  type DepartmentFigures,
  departmentFigures,
  type FigureKey,
  figureText,
} from '#core/department-evaluation/department-figures.ts';
import type { Localized } from '#core/language.ts';
import { type Ratio, ratio } from '#core/monitoring/exact-ratio.ts';

/**
 * The formula indicators of a department's overall self-evaluation (docs/domain/self-evaluation.md, "Department
 * overall self-evaluation"), after the common framework of 财预〔2013〕53号: each is a sum of figures over a sum
 * of figures, worked out exactly from integer fen and head counts.
 */
interface Term {
  key: FigureKey;
  sign: 1 | -1;
}
export interface FormulaDefinition {
  name: Localized;
  /** What it measures, in words, as the framework defines it. */
  definition: Localized;
  numerator: readonly Term[];
  denominator: readonly Term[];
}

const plus = (key: FigureKey): Term => ({ key, sign: 1 });
const minus = (key: FigureKey): Term => ({ key, sign: -1 });
const budget = [plus('carryOverFen'), plus('initialBudgetFen'), plus('supplementaryFen')];

export const departmentFormulas = {
  BUDGET_COMPLETION: {
    name: { 'zh-CN': '预算完成率', en: 'Budget completion rate' },
    definition: {
      'zh-CN':
        '预算完成率 =（上年结转结余 + 年初预算 + 年中追加（减）− 年末结转结余）÷（上年结转结余 + 年初预算 + 年中追加（减））× 100%，反映部门预算的完成程度',
      en: 'Budget completion rate = (carried over + initial budget + supplementary − year-end carry-over and balance) ÷ (carried over + initial budget + supplementary) × 100%: how much of the budget was done',
    },
    numerator: [...budget, minus('yearEndBalanceFen')],
    denominator: budget,
  },
  BUDGET_ADJUSTMENT: {
    name: { 'zh-CN': '预算调整率', en: 'Budget adjustment rate' },
    definition: {
      'zh-CN':
        '预算调整率 = 预算调整数 ÷ 年初预算 × 100%；预算调整数为年内追加、追减和结构调整之和，不含落实国家政策、不可抗力和党委政府临时交办的调整',
      en: 'Budget adjustment rate = adjustments ÷ initial budget × 100%; adjustments are the year’s additions, cuts and reallocations, except those for national policies, force majeure or tasks assigned by the government',
    },
    numerator: [plus('adjustmentFen')],
    denominator: [plus('initialBudgetFen')],
  },
  PAYMENT_PROGRESS: {
    name: { 'zh-CN': '支付进度率', en: 'Payment progress rate' },
    definition: {
      'zh-CN':
        '支付进度率 = 实际支付数 ÷ 既定支付数 × 100%，既定支付数为部门按序时进度确定的同一时点应支付数，反映支付进度是否按计划',
      en: 'Payment progress rate = paid ÷ planned payments at the same date × 100%: whether payments kept to the department’s schedule',
    },
    numerator: [plus('paidFen')],
    denominator: [plus('plannedPaymentFen')],
  },
  CARRY_OVER_BALANCE: {
    name: { 'zh-CN': '结转结余率', en: 'Carry-over and balance rate' },
    definition: {
      'zh-CN': '结转结余率 = 年末结转结余 ÷ 支出预算数 × 100%，支出预算数为上年结转结余、年初预算与年中追加（减）之和',
      en: 'Carry-over and balance rate = year-end carry-over and balance ÷ spending budget (carried over + initial + supplementary) × 100%',
    },
    numerator: [plus('yearEndBalanceFen')],
    denominator: budget,
  },
  CARRY_OVER_BALANCE_CHANGE: {
    name: { 'zh-CN': '结转结余变动率', en: 'Change in carry-over and balance' },
    definition: {
      'zh-CN': '结转结余变动率 =（年末结转结余 − 上年结转结余）÷ 上年结转结余 × 100%，反映结转结余的增减',
      en: 'Change in carry-over and balance = (year-end carry-over and balance − last year’s) ÷ last year’s × 100%',
    },
    numerator: [plus('yearEndBalanceFen'), minus('carryOverFen')],
    denominator: [plus('carryOverFen')],
  },
  PUBLIC_FUNDS_CONTROL: {
    name: { 'zh-CN': '公用经费控制率', en: 'General admin cost control rate' },
    definition: {
      'zh-CN': '公用经费控制率 = 公用经费支出数 ÷ 公用经费预算数 × 100%，反映公用经费是否控制在预算内',
      en: 'General admin cost control rate = general admin spent ÷ its budget × 100%: whether it stayed within budget',
    },
    numerator: [plus('publicFundsSpentFen')],
    denominator: [plus('publicFundsBudgetFen')],
  },
  THREE_PUBLIC_CONTROL: {
    name: { 'zh-CN': '“三公经费”控制率', en: '"Three public" expenses control rate' },
    definition: {
      'zh-CN':
        '“三公经费”控制率 = 三公经费（因公出国（境）费、公务用车购置及运行费、公务接待费）支出数 ÷ 预算数 × 100%',
      en: '"Three public" expenses control rate = spending on official travel abroad, official vehicles and official receptions ÷ their budget × 100%',
    },
    numerator: [plus('threePublicSpentFen')],
    denominator: [plus('threePublicBudgetFen')],
  },
  THREE_PUBLIC_CHANGE: {
    name: { 'zh-CN': '“三公经费”变动率', en: 'Change in "three public" expenses' },
    definition: {
      'zh-CN':
        '“三公经费”变动率 =（本年三公经费支出数 − 上年三公经费支出数）÷ 上年三公经费支出数 × 100%，反映三公经费的压减',
      en: 'Change in "three public" expenses = (this year’s − last year’s) ÷ last year’s × 100%: whether they were cut',
    },
    numerator: [plus('threePublicSpentFen'), minus('threePublicLastYearFen')],
    denominator: [plus('threePublicLastYearFen')],
  },
  PROCUREMENT_EXECUTION: {
    name: { 'zh-CN': '政府采购执行率', en: 'Government procurement execution rate' },
    definition: {
      'zh-CN': '政府采购执行率 = 政府采购实际数 ÷ 政府采购预算数 × 100%',
      en: 'Government procurement execution rate = procurement done ÷ procurement budget × 100%',
    },
    numerator: [plus('procurementSpentFen')],
    denominator: [plus('procurementBudgetFen')],
  },
  STAFF_CONTROL: {
    name: { 'zh-CN': '在职人员控制率', en: 'Staff control rate' },
    definition: {
      'zh-CN': '在职人员控制率 = 在职人员数 ÷ 编制数 × 100%，反映是否超编',
      en: 'Staff control rate = staff in post ÷ authorised posts × 100%: whether the department is over its establishment',
    },
    numerator: [plus('staffInPost')],
    denominator: [plus('authorisedPosts')],
  },
  KEY_SPENDING_SHARE: {
    name: { 'zh-CN': '重点支出安排率', en: 'Key spending share' },
    definition: {
      'zh-CN': '重点支出安排率 = 重点项目支出 ÷ 项目总支出 × 100%，反映对履职和民生重点的保障',
      en: 'Key spending share = key project spending ÷ all project spending × 100%: how far the core duties were funded first',
    },
    numerator: [plus('keySpendingFen')],
    denominator: [plus('projectSpendingFen')],
  },
  FIXED_ASSET_UTILISATION: {
    name: { 'zh-CN': '固定资产利用率', en: 'Fixed asset utilisation rate' },
    definition: {
      'zh-CN': '固定资产利用率 = 在用固定资产 ÷ 固定资产总额 × 100%',
      en: 'Fixed asset utilisation rate = fixed assets in use ÷ all fixed assets × 100%',
    },
    numerator: [plus('fixedAssetsInUseFen')],
    denominator: [plus('fixedAssetsTotalFen')],
  },
} as const satisfies Record<string, FormulaDefinition>;
export type FormulaCode = keyof typeof departmentFormulas;
export const formulaCodes = Object.keys(departmentFormulas) as [FormulaCode, ...FormulaCode[]];

export type FormulaValue =
  | { computable: true; value: Ratio; expression: Localized }
  | { computable: false; missing: FigureKey[]; reason: Localized };

const sumText = (terms: readonly Term[], figures: DepartmentFigures, language: keyof Localized): string => {
  const text = terms
    .map(
      (t, i) => `${i === 0 ? '' : t.sign > 0 ? ' + ' : ' − '}${figureText(t.key, figures[t.key] as number)[language]}`,
    )
    .join('');
  return terms.length > 1 ? `(${text})` : text;
};

/**
 * The formula's value from the figures, as an exact fraction (0.964 for 96.4%) with its expression in words;
 * or why it cannot be computed: a figure is missing, or the denominator is 0.
 */
export const formulaValue = (code: FormulaCode, figures: DepartmentFigures): FormulaValue => {
  const formula: FormulaDefinition = departmentFormulas[code];
  const terms = [...formula.numerator, ...formula.denominator];
  const missing = [...new Set(terms.map((t) => t.key))].filter((key) => figures[key] == null);
  const { name } = formula;
  if (missing.length > 0) {
    const names = (language: keyof Localized) =>
      missing.map((key) => departmentFigures[key].name[language]).join(language === 'zh-CN' ? '、' : ', ');
    return {
      computable: false,
      missing,
      reason: {
        'zh-CN': `${name['zh-CN']}无法计算：缺少${names('zh-CN')}`,
        en: `${name.en} cannot be computed: ${names('en')} missing`,
      },
    };
  }
  const sum = (list: readonly Term[]) =>
    list.reduce((s, t) => s + BigInt(t.sign) * BigInt(figures[t.key] as number), 0n);
  const denominator = sum(formula.denominator);
  const over = (language: keyof Localized) => sumText(formula.denominator, figures, language);
  if (denominator === 0n)
    return {
      computable: false,
      missing: [],
      reason: {
        'zh-CN': `${name['zh-CN']}无法计算：分母${over('zh-CN')}为 0`,
        en: `${name.en} cannot be computed: the denominator ${over('en')} is 0`,
      },
    };
  const expression = (language: keyof Localized) =>
    `${name[language]} = ${sumText(formula.numerator, figures, language)} ÷ ${over(language)}`;
  return {
    computable: true,
    value: ratio(sum(formula.numerator), denominator),
    expression: { 'zh-CN': expression('zh-CN'), en: expression('en') },
  };
};
