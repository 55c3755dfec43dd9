import * as v from 'valibot';
import { fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';
import { fiscalYear } from '#core/indicator-library/indicator.ts';
import type { Localized } from '#core/language.ts';
import { anyId, isoDate, pageQuery, recordMeta, text, uuidV7Id, version } from '#core/schema-parts.ts';
import { reviewGradeCodes } from '#core/submission/performance-target.ts';

/**
 * A key evaluation (财政重点评价 / 部门整体支出评价, docs/domain/fieldwork.md) as far as fieldwork needs it: the
 * object, the commissioned agency with its conflict-of-interest declaration, the work plan (the
 * indicator framework, the sample of sites, the interview outline and the questionnaires) and the
 * release of the evidence to the evaluated department.
 */
export const engagementKinds = {
  PROJECT: { 'zh-CN': '项目支出重点评价', en: 'Key project evaluation' },
  DEPARTMENT: { 'zh-CN': '部门整体支出评价', en: 'Department overall spending evaluation' },
} as const satisfies Record<string, Localized>;
export type EngagementKind = keyof typeof engagementKinds;
export const engagementKindCodes = Object.keys(engagementKinds) as [EngagementKind, ...EngagementKind[]];

/**
 * The states of 10号's nine steps (docs/domain/fieldwork.md#engagement-lifecycle up to the preliminary findings,
 * docs/domain/key-evaluation.md#from-findings-to-the-archive after them).
 */
export const engagementStates = {
  SELECTED: { 'zh-CN': '评价对象已确定', en: 'Selected' },
  AGENCY_CONTRACTED: { 'zh-CN': '已委托第三方', en: 'Agency commissioned' },
  FIELDWORK: { 'zh-CN': '方案已批准·现场工作中', en: 'Plan approved · fieldwork' },
  PRELIM_FINDINGS: { 'zh-CN': '现场工作结束·形成初步结论', en: 'Fieldwork closed · preliminary findings' },
  OPINION_EXCHANGE: { 'zh-CN': '征求被评价部门意见', en: 'Opinion exchange with the department' },
  DRAFT_REPORT: { 'zh-CN': '撰写评价报告', en: 'Drafting the report' },
  QC_REVIEW: { 'zh-CN': '机构内部复核', en: "Agency's quality review" },
  FINANCE_REVIEW: { 'zh-CN': '财政审核', en: "Bureau's review" },
  FINAL_REPORT: { 'zh-CN': '报告已定稿', en: 'Final report' },
  RESULT_NOTIFIED: { 'zh-CN': '结果已通知', en: 'Result notified' },
  ARCHIVED: { 'zh-CN': '已归档', en: 'Archived' },
} as const satisfies Record<string, Localized>;
export type EngagementState = keyof typeof engagementStates;
export const engagementStateCodes = Object.keys(engagementStates) as [EngagementState, ...EngagementState[]];

/** From fieldwork on: the states in which evidence exists and may be released to the department. */
export const fieldworkStarted = (state: EngagementState): boolean =>
  state !== 'SELECTED' && state !== 'AGENCY_CONTRACTED';

/** Key-evaluation level 1 (docs/domain/fieldwork.md#the-evaluation-framework). */
export const evaluationLevels = {
  DECISION: { 'zh-CN': '决策', en: 'Decision' },
  PROCESS: { 'zh-CN': '过程', en: 'Process' },
  OUTPUT: { 'zh-CN': '产出', en: 'Output' },
  BENEFIT: { 'zh-CN': '效益', en: 'Benefit' },
} as const satisfies Record<string, Localized>;

const level1 = v.picklist(['DECISION', 'PROCESS', 'OUTPUT', 'BENEFIT']);
const points = v.pipe(v.number(), v.minValue(0), v.maxValue(100));

export const weights = v.strictObject({ DECISION: points, PROCESS: points, OUTPUT: points, BENEFIT: points });
export type Weights = v.InferOutput<typeof weights>;

/** Where a department's claimed value for an indicator came from. */
export const claimSources = {
  TARGET: { 'zh-CN': '绩效目标', en: 'Performance target' },
  MONITORING: { 'zh-CN': '运行监控', en: 'Monitoring' },
  SELF_EVALUATION: { 'zh-CN': '绩效自评', en: 'Self-evaluation' },
} as const satisfies Record<string, Localized>;

export const frameworkIndicator = v.strictObject({
  /** For an indicator taken from the approved targets this is the target row's id. */
  id: uuidV7Id,
  level1,
  level2: text(1, 40),
  name: text(1, 80),
  /** TARGET: one of the project's approved indicators; ENGAGEMENT: the evaluation's own. */
  source: v.picklist(['TARGET', 'ENGAGEMENT']),
  /** The target as approved (operator, value, unit), empty for the evaluation's own indicators. */
  target: text(0, 100),
  points,
  /** 评分标准 (`kpi_evalstd`). */
  standard: text(0, 500),
  /** What the department said it achieved, where it said so (monitoring or self-evaluation). */
  claim: v.nullable(
    v.strictObject({ source: v.picklist(['TARGET', 'MONITORING', 'SELF_EVALUATION']), value: text(0, 200) }),
  ),
});
export type FrameworkIndicator = v.InferOutput<typeof frameworkIndicator>;

export const site = v.strictObject({
  id: uuidV7Id,
  name: text(1, 80),
  address: text(0, 200),
  /** Where the site is registered, if known, for the distance check on the phone. */
  latitude: v.nullable(v.pipe(v.number(), v.minValue(-90), v.maxValue(90))),
  longitude: v.nullable(v.pipe(v.number(), v.minValue(-180), v.maxValue(180))),
  /** Why this site is in the sample (e.g. "资金量最大的 3 个街道之一"). */
  note: text(0, 200),
});
export type Site = v.InferOutput<typeof site>;

export const samplingMethods = {
  CENSUS: { 'zh-CN': '全面核查', en: 'Census' },
  RANDOM: { 'zh-CN': '随机抽样', en: 'Random' },
  STRATIFIED: { 'zh-CN': '分层抽样', en: 'Stratified' },
  JUDGEMENTAL: { 'zh-CN': '判断抽样', en: 'Judgemental' },
  RISK_BASED: { 'zh-CN': '风险导向抽样', en: 'Risk-based' },
} as const satisfies Record<string, Localized>;
const samplingMethod = v.picklist(Object.keys(samplingMethods) as [keyof typeof samplingMethods]);

export const sampling = v.strictObject({
  population: text(0, 200),
  method: samplingMethod,
  note: text(0, 500),
});

export const interviewQuestion = v.strictObject({
  id: uuidV7Id,
  text: text(1, 300),
  indicatorIds: v.pipe(v.array(uuidV7Id), v.maxLength(10, 'max_items')),
});
export type InterviewQuestion = v.InferOutput<typeof interviewQuestion>;

export const respondentGroups = {
  BENEFICIARY: { 'zh-CN': '受益对象', en: 'Beneficiaries' },
  IMPLEMENTER: { 'zh-CN': '实施单位人员', en: 'Implementers' },
  PUBLIC: { 'zh-CN': '社会公众', en: 'The public' },
  OTHER: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<string, Localized>;
export type RespondentGroup = keyof typeof respondentGroups;
export const respondentGroupCodes = Object.keys(respondentGroups) as [RespondentGroup, ...RespondentGroup[]];

/** A five-point Likert question (5 = 非常满意) or a single choice among options. */
export const surveyQuestion = v.strictObject({
  id: uuidV7Id,
  text: text(1, 200),
  kind: v.picklist(['LIKERT', 'CHOICE']),
  options: v.pipe(v.array(text(1, 40)), v.maxLength(10, 'max_items')),
  /** The satisfaction indicator a Likert question measures. */
  indicatorId: v.nullable(uuidV7Id),
});
export type SurveyQuestion = v.InferOutput<typeof surveyQuestion>;

export const questionnaire = v.strictObject({
  id: uuidV7Id,
  title: text(1, 80),
  respondentGroup: v.picklist(respondentGroupCodes),
  /** The group's share when groups are combined (e.g. beneficiaries 60 %, docs/domain/fieldwork.md#survey-summary-and-minimum-sample). */
  groupWeight: points,
  minimumSample: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10000)),
  questions: v.pipe(v.array(surveyQuestion), v.minLength(1, 'min_items'), v.maxLength(40, 'max_items')),
});
export type Questionnaire = v.InferOutput<typeof questionnaire>;

export const conflictDeclaration = v.strictObject({
  /** The agency declares it has no conflict (docs/domain/fieldwork.md#rule-11-conflict-of-interest); a declared conflict cannot be commissioned. */
  noConflict: v.boolean(),
  statement: text(1, 1000),
  /** Who signed the declaration for the agency, and when. */
  declaredBy: text(1, 40),
  declaredOn: isoDate,
});
export type ConflictDeclaration = v.InferOutput<typeof conflictDeclaration>;

const plan = {
  weights,
  indicators: v.pipe(v.array(frameworkIndicator), v.maxLength(120, 'max_items')),
  sites: v.pipe(v.array(site), v.maxLength(200, 'max_items')),
  sampling,
  interviewQuestions: v.pipe(v.array(interviewQuestion), v.maxLength(60, 'max_items')),
  questionnaires: v.pipe(v.array(questionnaire), v.maxLength(8, 'max_items')),
  gpsAccuracyLimitMetres: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(5000)),
};

/** Opening an engagement: the object; the framework starts from the approved targets (server side). */
export const createEngagement = v.strictObject({
  id: uuidV7Id,
  kind: v.picklist(engagementKindCodes),
  fiscalYear,
  title: text(2, 100),
  /** PROJECT: the project evaluated. DEPARTMENT: none. */
  projectId: v.nullable(anyId),
  /** DEPARTMENT: the department evaluated (PROJECT: taken from the project). */
  departmentId: v.nullable(anyId),
});
export type CreateEngagement = v.InferOutput<typeof createEngagement>;

/** Editing the work plan before it is approved. */
export const updateEngagementPlan = v.strictObject({
  version,
  title: v.optional(text(2, 100)),
  weights: v.optional(plan.weights),
  indicators: v.optional(plan.indicators),
  sites: v.optional(plan.sites),
  sampling: v.optional(plan.sampling),
  interviewQuestions: v.optional(plan.interviewQuestions),
  questionnaires: v.optional(plan.questionnaires),
  gpsAccuracyLimitMetres: v.optional(plan.gpsAccuracyLimitMetres),
});

export const commissionAgency = v.strictObject({
  version,
  agencyId: anyId,
  declaration: conflictDeclaration,
});

export const engagementStep = v.strictObject({ version });

/** The agency's internal review in levels (质量复核, docs/domain/key-evaluation.md#from-findings-to-the-archive), in this order. */
export const qualityReviewLevels = {
  PROJECT_MANAGER: { 'zh-CN': '项目经理复核', en: 'Project manager' },
  QUALITY_CONTROL: { 'zh-CN': '质量控制复核', en: 'Quality control' },
  SIGNING_PARTNER: { 'zh-CN': '签字人复核', en: 'Signing partner' },
} as const satisfies Record<string, Localized>;
export type QualityReviewLevel = keyof typeof qualityReviewLevels;
export const qualityReviewLevelCodes = Object.keys(qualityReviewLevels) as [
  QualityReviewLevel,
  ...QualityReviewLevel[],
];

/** One line of the quality-control review sheet (质量复核单), or of the bureau's review. */
export const reviewEntry = v.object({
  /** A quality-review level, or FINANCE for the performance section's review. */
  level: v.picklist([...qualityReviewLevelCodes, 'FINANCE']),
  decision: v.picklist(['approve', 'return']),
  reviewerId: v.string(),
  reviewerName: v.string(),
  comments: v.string(),
  /** How the comments were resolved (an approval after changes says what changed). */
  resolution: v.string(),
  at: v.string(),
});
export type ReviewEntry = v.InferOutput<typeof reviewEntry>;

/** What the final report fixed: the score of the papers it locked, and its grade (10号 bands, per tenant and year). */
export const engagementConclusion = v.object({
  score: v.number(),
  grade: v.picklist(reviewGradeCodes),
  finalizedAt: v.string(),
  finalizedBy: v.string(),
  finalizedByName: v.string(),
});
export type EngagementConclusion = v.InferOutput<typeof engagementConclusion>;

/** The result notice sent to the evaluated department (结果通知), and the rectification it ordered, if any. */
export const storedResultNotice = v.object({
  notice: v.string(),
  notifiedAt: v.string(),
  notifiedBy: v.string(),
  notifiedByName: v.string(),
  rectificationId: v.nullable(v.string()),
});
export type StoredResultNotice = v.InferOutput<typeof storedResultNotice>;

export const engagement = v.object({
  ...recordMeta,
  kind: v.picklist(engagementKindCodes),
  fiscalYear: v.number(),
  title: v.string(),
  state: v.picklist(engagementStateCodes),
  projectId: v.nullable(v.string()),
  projectCode: v.nullable(v.string()),
  projectName: v.nullable(v.string()),
  /** The approved target version the framework was built from (rule 14). */
  approvedTargetId: v.nullable(v.string()),
  departmentId: v.string(),
  departmentName: v.string(),
  agencyId: v.nullable(v.string()),
  agencyName: v.nullable(v.string()),
  conflictDeclaration: v.nullable(conflictDeclaration),
  ...plan,
  /** When the bureau let the evaluated department see the field evidence. */
  releasedAt: v.nullable(v.string()),
  /**
   * A department's overall-spending engagement names its levels as its framework does (投入/过程/产出/效果, …;
   * docs/domain/key-evaluation.md#department-overall-evaluation); absent: 决策/过程/产出/效益.
   */
  levelNames: v.optional(
    v.record(
      v.picklist(['DECISION', 'PROCESS', 'OUTPUT', 'BENEFIT']),
      v.object({ 'zh-CN': v.string(), en: v.string() }),
    ),
  ),
  /** The review sheet: the agency's levels and the bureau's review, oldest first (absent before the first review). */
  reviews: v.optional(v.array(reviewEntry)),
  /** Set by the final report (FINAL_REPORT and after), never before. */
  conclusion: v.optional(v.nullable(engagementConclusion)),
  /** Set by the result notice (RESULT_NOTIFIED and after). */
  resultNotice: v.optional(v.nullable(storedResultNotice)),
  /** When the archive was closed (ARCHIVED). */
  archivedAt: v.optional(v.nullable(v.string())),
});
export type Engagement = v.InferOutput<typeof engagement>;

export const engagementQuery = v.strictObject({
  ...pageQuery,
  state: v.optional(v.picklist(engagementStateCodes)),
});

export const defaultPlan = (): Pick<
  Engagement,
  'weights' | 'sampling' | 'interviewQuestions' | 'questionnaires' | 'sites' | 'gpsAccuracyLimitMetres'
> => ({
  weights: { ...fieldworkDefaults.weights },
  sampling: { population: '', method: 'JUDGEMENTAL', note: '' },
  interviewQuestions: [],
  questionnaires: [],
  sites: [],
  gpsAccuracyLimitMetres: fieldworkDefaults.gpsAccuracyLimitMetres,
});
