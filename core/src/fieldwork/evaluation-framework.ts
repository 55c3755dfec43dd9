import type { Engagement, FrameworkIndicator, Weights } from '#core/fieldwork/engagement.ts';
import { evaluationLevel1Codes } from '#core/fieldwork/fieldwork-config.ts';
import { operatorSymbols } from '#core/indicator-library/indicator.ts';
import type { Language, Localized } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import type { TargetRow } from '#core/submission/performance-target.ts';

/**
 * The evaluation's indicator system (docs/domain/fieldwork.md#the-evaluation-framework): decision and process indicators of the
 * 10号 framework annex, written by the evaluation, plus output and benefit indicators taken from
 * the project's approved targets. Points within each level 1 add up to its weight.
 */

type Draft = Omit<FrameworkIndicator, 'id' | 'points'> & { id?: string; share: number };

/** The evaluation's own indicators (10号's framework annex, level 3 reference), in both languages. */
const ownTexts: readonly {
  level1: FrameworkIndicator['level1'];
  level2: Localized;
  name: Localized;
  standard: Localized;
}[] = [
  {
    level1: 'DECISION',
    level2: { 'zh-CN': '项目立项', en: 'Project approval' },
    name: { 'zh-CN': '立项依据充分性', en: 'Sufficient grounds for approval' },
    standard: {
      'zh-CN': '立项依据符合法律法规、相关政策和发展规划，得满分；每发现一处不符扣 1 分',
      en: 'Full marks when the grounds agree with laws, policies and development plans; 1 point off for each discrepancy found',
    },
  },
  {
    level1: 'DECISION',
    level2: { 'zh-CN': '项目立项', en: 'Project approval' },
    name: { 'zh-CN': '立项程序规范性', en: 'Proper approval procedure' },
    standard: {
      'zh-CN': '按规定程序申请设立，审批文件齐全，得满分；否则酌情扣分',
      en: 'Full marks when applied for by the prescribed procedure with complete approval documents; otherwise points off as judged',
    },
  },
  {
    level1: 'DECISION',
    level2: { 'zh-CN': '绩效目标', en: 'Performance targets' },
    name: { 'zh-CN': '绩效目标合理性', en: 'Reasonable performance targets' },
    standard: {
      'zh-CN': '目标与实际工作内容相关、与预算相匹配，得满分；否则酌情扣分',
      en: 'Full marks when the targets fit the actual work and the budget; otherwise points off as judged',
    },
  },
  {
    level1: 'DECISION',
    level2: { 'zh-CN': '资金投入', en: 'Funding' },
    name: { 'zh-CN': '资金分配合理性', en: 'Reasonable allocation of funds' },
    standard: {
      'zh-CN': '资金分配依据充分、额度与项目地方实际相适应，得满分',
      en: 'Full marks when the allocation is well founded and the amounts fit local needs',
    },
  },
  {
    level1: 'PROCESS',
    level2: { 'zh-CN': '资金管理', en: 'Fund management' },
    name: { 'zh-CN': '资金到位率', en: 'Funds received rate' },
    standard: {
      'zh-CN': '到位率 = 实际到位资金 ÷ 预算资金；100% 得满分，每低 1% 扣 0.1 分',
      en: 'Rate = funds received ÷ budgeted funds; full marks at 100%, 0.1 point off per 1% below',
    },
  },
  {
    level1: 'PROCESS',
    level2: { 'zh-CN': '资金管理', en: 'Fund management' },
    name: { 'zh-CN': '预算执行率', en: 'Budget execution rate' },
    standard: {
      'zh-CN': '执行率 = 实际支出 ÷ 实际到位资金；≥ 95% 得满分，每低 1% 扣 0.2 分',
      en: 'Rate = actual spending ÷ funds received; full marks at ≥ 95%, 0.2 point off per 1% below',
    },
  },
  {
    level1: 'PROCESS',
    level2: { 'zh-CN': '资金管理', en: 'Fund management' },
    name: { 'zh-CN': '资金使用合规性', en: 'Compliant use of funds' },
    standard: {
      'zh-CN': '无截留、挤占、挪用、虚列支出等情况，得满分；每发现一项扣 1 分',
      en: 'Full marks with no withholding, diversion, misappropriation or fictitious spending; 1 point off for each case found',
    },
  },
  {
    level1: 'PROCESS',
    level2: { 'zh-CN': '组织实施', en: 'Implementation' },
    name: { 'zh-CN': '制度执行有效性', en: 'Effective rules in practice' },
    standard: {
      'zh-CN': '遵守相关法律法规和管理规定，档案资料齐全，得满分',
      en: 'Full marks when laws and management rules are followed and records are complete',
    },
  },
];

/** The evaluation's own indicators as stored: in Chinese, the language of the official forms. */
const ownIndicators: readonly Omit<Draft, 'id'>[] = ownTexts.map((t) => ({
  level1: t.level1,
  level2: t.level2['zh-CN'],
  name: t.name['zh-CN'],
  source: 'ENGAGEMENT',
  target: '',
  standard: t.standard['zh-CN'],
  claim: null,
  share: 1,
}));

const level2Names: Record<string, Localized> = {
  QUANTITY: { 'zh-CN': '产出数量', en: 'Output quantity' },
  QUALITY: { 'zh-CN': '产出质量', en: 'Output quality' },
  TIMELINESS: { 'zh-CN': '产出时效', en: 'Output timeliness' },
  COST: { 'zh-CN': '产出成本', en: 'Output cost' },
  ECONOMIC: { 'zh-CN': '经济效益', en: 'Economic benefit' },
  SOCIAL: { 'zh-CN': '社会效益', en: 'Social benefit' },
  ECOLOGICAL: { 'zh-CN': '生态效益', en: 'Ecological benefit' },
  SUSTAINABLE: { 'zh-CN': '可持续影响', en: 'Sustainable impact' },
  SERVICE_RECIPIENT: { 'zh-CN': '满意度', en: 'Satisfaction' },
};

const defaultStandard: Localized = {
  'zh-CN': '达到目标值得满分；未达到的按实际完成值 ÷ 目标值 × 分值计分',
  en: 'Full marks when the target is met; otherwise actual ÷ target × points',
};

/** Every built-in text of a framework, by its stored Chinese. */
const builtInTexts = new Map<string, Localized>(
  [...ownTexts.flatMap((t) => [t.level2, t.name, t.standard]), ...Object.values(level2Names), defaultStandard].map(
    (text) => [text['zh-CN'], text],
  ),
);

/**
 * A framework's text in the reader's language: the built-in level-2 names, indicator names and
 * scoring standards are stored in Chinese and read in English from here; what the evaluation or
 * the unit wrote itself stays as written.
 */
export const frameworkText = (text: string, language: Language): string => builtInTexts.get(text)?.[language] ?? text;

/** "≥ 1200 人" / "优良" — the target as the approved row states it. */
export const targetText = (row: Pick<TargetRow, 'operator' | 'value' | 'unit'>): string =>
  row.operator === 'QUALITATIVE' ? row.value : `${operatorSymbols[row.operator]} ${row.value} ${row.unit}`.trim();

/** Splits `total` points over shares, to two decimals, with the rounding remainder on the last. */
const spread = (total: number, shares: readonly number[]): number[] => {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (shares.length === 0) return [];
  // Cut to 12 significant digits before flooring: 30 × 57/100 × 100 is 1709.9999999999998 in floating
  // point, and flooring that would give 17.09 where the share is exactly 17.10.
  const parts = shares.map(
    (s) => Math.floor(Number(((sum > 0 ? s / sum : 1 / shares.length) * total * 100).toPrecision(12))) / 100,
  );
  const assigned = parts.reduce((a, b) => a + b, 0);
  parts[parts.length - 1] = Math.round((parts.at(-1)! + total - assigned) * 100) / 100;
  return parts;
};

/**
 * The framework for a project's evaluation: the evaluation's own decision and process indicators
 * and the approved annual rows as output and benefit (satisfaction counts as benefit in 10号's framework),
 * their points spread by the rows' self-evaluation weights. `newId` names the evaluation's own.
 */
export const buildFramework = (
  approvedRows: readonly TargetRow[],
  weights: Weights,
  newId: () => string,
): FrameworkIndicator[] => {
  const fromTargets: Draft[] = approvedRows
    .filter((row) => row.period === 'ANNUAL')
    .map((row) => ({
      id: row.rowId,
      level1: row.level1 === 'OUTPUT' ? 'OUTPUT' : 'BENEFIT',
      level2: level2Names[row.level2]?.['zh-CN'] ?? row.level2,
      name: row.name,
      source: 'TARGET',
      target: targetText(row),
      standard: row.scoringStandard || defaultStandard['zh-CN'],
      claim: null,
      share: row.weight > 0 ? row.weight : 1,
    }));
  const drafts = [...ownIndicators.map((d) => ({ ...d, id: newId() })), ...fromTargets];
  return evaluationLevel1Codes.flatMap((level) => {
    const inLevel = drafts.filter((d) => d.level1 === level);
    const allotted = spread(
      weights[level],
      inLevel.map((d) => d.share),
    );
    return inLevel.map(({ share: _share, ...d }, i) => ({ ...d, id: d.id ?? newId(), points: allotted[i] ?? 0 }));
  });
};

const close = (a: number, b: number) => Math.abs(a - b) < 0.005;

/**
 * What keeps a work plan from approval (rule 10 and the plan's own sense): level-1 weights total
 * 100, each level's indicator points total its weight, every indicator has a scoring standard,
 * there is a site to visit, questionnaire ids and question ids are unique, group weights of several
 * questionnaires total 100, and every indicator a question points at exists.
 */
export const planProblems = (
  plan: Pick<Engagement, 'weights' | 'indicators' | 'sites' | 'questionnaires' | 'interviewQuestions'>,
): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string) => errors.push({ pointer, code, message: code });
  const total = evaluationLevel1Codes.reduce((sum, level) => sum + plan.weights[level], 0);
  if (!close(total, 100)) add('/weights', 'weights_total_100');
  for (const level of evaluationLevel1Codes) {
    const sum = plan.indicators.filter((i) => i.level1 === level).reduce((s, i) => s + i.points, 0);
    if (!close(sum, plan.weights[level])) add(`/weights/${level}`, 'level_points_mismatch');
  }
  plan.indicators.forEach((indicator, i) => {
    if (indicator.standard.trim() === '') add(`/indicators/${i}/standard`, 'standard_required');
  });
  if (plan.sites.length === 0) add('/sites', 'site_required');
  const indicatorIds = new Set(plan.indicators.map((i) => i.id));
  if (indicatorIds.size !== plan.indicators.length) add('/indicators', 'duplicate_id');
  const repeats = (ids: readonly string[]) => new Set(ids).size !== ids.length;
  if (repeats(plan.interviewQuestions.map((q) => q.id))) add('/interviewQuestions', 'duplicate_id');
  if (repeats(plan.questionnaires.map((q) => q.id))) add('/questionnaires', 'duplicate_id');
  plan.questionnaires.forEach((questionnaire, i) => {
    if (repeats(questionnaire.questions.map((q) => q.id))) add(`/questionnaires/${i}/questions`, 'duplicate_id');
  });
  plan.interviewQuestions.forEach((q, i) => {
    if (q.indicatorIds.some((id) => !indicatorIds.has(id))) add(`/interviewQuestions/${i}`, 'unknown_indicator');
  });
  plan.questionnaires.forEach((questionnaire, i) => {
    questionnaire.questions.forEach((q, j) => {
      if (q.indicatorId !== null && !indicatorIds.has(q.indicatorId))
        add(`/questionnaires/${i}/questions/${j}`, 'unknown_indicator');
      if (q.kind === 'CHOICE' && q.options.length < 2) add(`/questionnaires/${i}/questions/${j}`, 'choice_options');
    });
  });
  if (plan.questionnaires.length > 1) {
    const groups = plan.questionnaires.reduce((s, q) => s + q.groupWeight, 0);
    if (!close(groups, 100)) add('/questionnaires', 'group_weights_100');
  }
  return errors;
};
