import * as v from 'valibot';
import type { Localized } from '#core/language.ts';
import { settingsVersion, text } from '#core/schema-parts.ts';

/**
 * The evaluation report (项目支出绩效评价报告, docs/domain/key-evaluation.md#the-report) after 财预〔2020〕10号's
 * reference outline. Its narrative sections are written in the app by the commissioned agency's lead; the scoring
 * table, the analysis per indicator, the problems, the suggestions and the sampling statement are filled from the
 * papers when the report is read or generated, so they can never disagree with them. One report per engagement; a
 * working paper like the others (every write passes through the engagement's lock).
 */

/**
 * The narrative sections, in the outline's order, each under its part (一 … 七) of the outline. Part 4 (绩效指标分析)
 * and the problems of part 5 are filled from the papers; part 6's suggestions are the report's own list after the
 * findings' suggestions.
 */
export const reportSections = {
  overview: {
    part: 1,
    'zh-CN': '项目概况',
    en: 'Project overview',
    hint: {
      'zh-CN': '立项背景及目的、实施主体、资金投入和使用情况、主要内容及实施情况',
      en: 'Background and purpose, implementing bodies, money in and used, content and implementation',
    },
  },
  targets: {
    part: 1,
    'zh-CN': '项目绩效目标',
    en: 'Performance targets',
    hint: { 'zh-CN': '总体目标和阶段性（年度）目标', en: 'Overall and annual targets' },
  },
  purpose: {
    part: 2,
    'zh-CN': '绩效评价目的、对象和范围',
    en: 'Purpose, object and scope',
    hint: { 'zh-CN': '为什么评、评什么、评到哪一级', en: 'Why, what, and how far down' },
  },
  method: {
    part: 2,
    'zh-CN': '绩效评价原则、评价指标体系、评价方法、评价标准',
    en: 'Principles, indicator system, methods and standards',
    hint: {
      'zh-CN': '评价指标体系见附件评分表；账务核查的抽样方法由底稿自动填入',
      en: 'The indicator system is the attached scoring table; the sampling statement is filled from the account check',
    },
  },
  process: {
    part: 2,
    'zh-CN': '绩效评价工作过程',
    en: 'The evaluation process',
    hint: { 'zh-CN': '前期准备、组织实施、分析评价', en: 'Preparation, fieldwork, analysis' },
  },
  conclusion: {
    part: 3,
    'zh-CN': '综合评价情况及评价结论',
    en: 'Overall evaluation and conclusion',
    hint: {
      'zh-CN': '总分和等级由评分底稿自动填入，此处写综合评价',
      en: 'The total and grade are filled from the scoring papers; write the overall evaluation here',
    },
  },
  experience: {
    part: 5,
    'zh-CN': '主要经验及做法',
    en: 'Main experience and practice',
    hint: { 'zh-CN': '值得推广的做法', en: 'Practice worth spreading' },
  },
  causes: {
    part: 5,
    'zh-CN': '存在问题的原因分析',
    en: 'Causes of the problems',
    hint: {
      'zh-CN': '问题本身由问题汇总表自动填入，此处分析原因',
      en: 'The problems themselves are filled from the issue summary; analyse their causes here',
    },
  },
  other: {
    part: 7,
    'zh-CN': '其他需要说明的问题',
    en: 'Other matters',
    hint: { 'zh-CN': '评价的局限、未能核实的事项等', en: 'Limits of the evaluation, matters not verified' },
  },
} as const satisfies Record<string, Localized & { part: number; hint: Localized }>;
export type ReportSection = keyof typeof reportSections;
export const reportSectionKeys = Object.keys(reportSections) as [ReportSection, ...ReportSection[]];

/** The outline's seven parts (10号's reference outline for a project-spending evaluation report). */
export const reportParts = {
  1: { 'zh-CN': '一、基本情况', en: '1. Basic information' },
  2: { 'zh-CN': '二、绩效评价工作开展情况', en: '2. How the evaluation was done' },
  3: { 'zh-CN': '三、综合评价情况及评价结论', en: '3. Overall evaluation and conclusion' },
  4: { 'zh-CN': '四、绩效指标分析', en: '4. Analysis by indicator' },
  5: { 'zh-CN': '五、主要经验及做法、存在的问题及原因分析', en: '5. Experience, problems and their causes' },
  6: { 'zh-CN': '六、有关建议', en: '6. Recommendations' },
  7: { 'zh-CN': '七、其他需要说明的问题', en: '7. Other matters' },
} as const satisfies Record<number, Localized>;

/** The longest a narrative section may be: a few pages of 三号 text, well inside one stored record. */
export const maxSectionChars = 4000;
/** The report's own recommendations, after the findings' suggestions. */
export const maxRecommendations = 30;
export const maxRecommendationChars = 500;

const sectionText = text(0, maxSectionChars);

export const reportNarrative = v.strictObject(
  Object.fromEntries(reportSectionKeys.map((k) => [k, sectionText])) as Record<ReportSection, typeof sectionText>,
);
export type ReportNarrative = v.InferOutput<typeof reportNarrative>;

/**
 * Saving the report's narrative: all of it at the version read (0 writes the first). After the final report a save
 * is an amendment and carries its reason (docs/domain/key-evaluation.md#the-lock).
 */
export const saveEvaluationReport = v.strictObject({
  version: settingsVersion,
  sections: reportNarrative,
  recommendations: v.pipe(v.array(text(1, maxRecommendationChars)), v.maxLength(maxRecommendations, 'max_items')),
  amendmentReason: v.optional(text(0, 500)),
});
export type SaveEvaluationReport = v.InferOutput<typeof saveEvaluationReport>;

/** The report as stored; its id is the engagement's (one per engagement). */
export interface EvaluationReport {
  id: string;
  version: number;
  engagementId: string;
  sections: ReportNarrative;
  recommendations: string[];
  amendment?: { at: string; by: string; byName: string; reason: string };
  updatedAt: string;
  updatedByName?: string;
}

/** A report nobody has written yet: every section empty, at version 0. */
export const blankReport = (engagementId: string): EvaluationReport => ({
  id: engagementId,
  version: 0,
  engagementId,
  sections: Object.fromEntries(reportSectionKeys.map((k) => [k, ''])) as ReportNarrative,
  recommendations: [],
  updatedAt: '',
});

/** The body of a download: the client-made id names the file, so asking again links the same file. */
export const reportFileLabel = {
  docx: { 'zh-CN': '项目支出绩效评价报告', en: 'evaluation-report' },
  xlsx: { 'zh-CN': '绩效评价评分表', en: 'scoring-table' },
} as const satisfies Record<string, Localized>;

/**
 * The mark every page of a report carries before the final report (征求意见稿 while the department is asked for its
 * opinion, 草稿 before and after), and none once the report is final (定稿, written on the cover instead).
 */
export const draftMark = (state: string): string | null =>
  ['FINAL_REPORT', 'RESULT_NOTIFIED', 'ARCHIVED'].includes(state)
    ? null
    : state === 'OPINION_EXCHANGE'
      ? '征求意见稿'
      : '草稿';
