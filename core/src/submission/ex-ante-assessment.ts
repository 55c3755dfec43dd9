import * as v from 'valibot';
import { attachment } from '#core/evidence/attachment.ts';
import type { Localized } from '#core/language.ts';
import { anyId, pageQuery, recordMeta, text, uuidV7Id, version } from '#core/schema-parts.ts';
import { fen } from '#core/submission/project.ts';

/** Ex-ante performance assessment (事前绩效评估, docs/domain/submission.md) of one project. */
export const exAnteDimensions = {
  NECESSITY: { 'zh-CN': '立项必要性', en: 'Necessity of the project' },
  ECONOMY: { 'zh-CN': '投入经济性', en: 'Economy of inputs' },
  TARGETS: { 'zh-CN': '绩效目标合理性', en: 'Reasonableness of targets' },
  FEASIBILITY: { 'zh-CN': '实施方案可行性', en: 'Feasibility of the implementation plan' },
  FUNDING: { 'zh-CN': '筹资合规性', en: 'Compliance of funding' },
} as const satisfies Record<string, Localized>;
export type ExAnteDimension = keyof typeof exAnteDimensions;
export const exAnteDimensionCodes = Object.keys(exAnteDimensions) as [ExAnteDimension, ...ExAnteDimension[]];
/** Points per dimension (five dimensions × 20 = 100, docs/domain/submission.md, "Ex-ante assessment"). */
export const dimensionMaxScore = 20;

export const exAnteConclusions = {
  SUPPORT: { 'zh-CN': '予以支持', en: 'Support' },
  SUPPORT_AFTER_ADJUSTMENT: { 'zh-CN': '调整完善后予以支持', en: 'Support after adjustment' },
  REJECT: { 'zh-CN': '不予支持', en: 'Do not support' },
} as const satisfies Record<string, Localized>;
export type ExAnteConclusion = keyof typeof exAnteConclusions;
export const exAnteConclusionCodes = Object.keys(exAnteConclusions) as [ExAnteConclusion, ...ExAnteConclusion[]];

export const assessorTypes = {
  FINANCE: { 'zh-CN': '财政部门', en: 'Finance bureau' },
  THIRD_PARTY: { 'zh-CN': '第三方机构', en: 'Third-party agency' },
  EXPERT_PANEL: { 'zh-CN': '专家组', en: 'Expert panel' },
} as const satisfies Record<string, Localized>;
export const assessorTypeCodes = Object.keys(assessorTypes) as [
  keyof typeof assessorTypes,
  ...(keyof typeof assessorTypes)[],
];

const dimensionScore = v.strictObject({
  score: v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(dimensionMaxScore))),
  note: text(0, 1000),
});
const dimensions = v.strictObject(
  Object.fromEntries(exAnteDimensionCodes.map((d) => [d, dimensionScore])) as Record<
    ExAnteDimension,
    typeof dimensionScore
  >,
);

const content = {
  dimensions,
  conclusion: v.nullable(v.picklist(exAnteConclusionCodes)),
  /** 建议金额 vs the amount asked for, in fen. */
  recommendedAmount: v.nullable(fen),
  conditions: text(0, 1000),
  summary: text(0, 2000),
  attachments: v.pipe(
    v.array(attachment),
    v.maxLength(20, 'max_items'),
    v.check((list) => new Set(list.map((a) => a.id)).size === list.length, 'duplicate_row'),
  ),
};

const emptyDimensions = Object.fromEntries(exAnteDimensionCodes.map((d) => [d, { score: null, note: '' }]));

export const createExAnteAssessment = v.pipe(
  v.strictObject({
    id: uuidV7Id,
    projectId: anyId,
    assessorType: v.picklist(assessorTypeCodes),
    /** The commissioned agency, for a third-party assessment. */
    agencyId: v.nullish(anyId),
    dimensions: v.optional(dimensions, emptyDimensions as v.InferOutput<typeof dimensions>),
    conclusion: v.optional(content.conclusion, null),
    recommendedAmount: v.optional(content.recommendedAmount, null),
    conditions: v.optional(content.conditions, ''),
    summary: v.optional(content.summary, ''),
  }),
  v.forward(
    v.check((a) => (a.assessorType === 'THIRD_PARTY') === Boolean(a.agencyId), 'agency_for_third_party'),
    ['agencyId'],
  ),
);

export const updateExAnteAssessment = v.strictObject({
  version,
  dimensions: v.optional(content.dimensions),
  conclusion: v.optional(content.conclusion),
  recommendedAmount: v.optional(content.recommendedAmount),
  conditions: v.optional(content.conditions),
  summary: v.optional(content.summary),
  attachments: v.optional(content.attachments),
});

export const exAnteStates = ['DRAFT', 'SUBMITTED', 'CONCLUDED'] as const;
export type ExAnteState = (typeof exAnteStates)[number];

export const concludeExAnteAssessment = v.strictObject({ version });
export const submitExAnteAssessment = v.strictObject({ version });
export const returnExAnteAssessment = v.strictObject({ version, opinion: text(1, 1000) });

export const exAnteAssessment = v.object({
  ...recordMeta,
  ...content,
  projectId: anyId,
  assessorType: v.picklist(assessorTypeCodes),
  agencyId: v.nullable(anyId),
  /** The commissioned agency's name as it was when the assessment was created, so a list needs no lookup. */
  agencyName: v.nullish(v.string()),
  departmentId: anyId,
  unitId: anyId,
  financeSectionId: v.nullish(anyId),
  projectName: v.string(),
  projectCode: v.string(),
  requestedAmount: v.number(),
  totalScore: v.nullable(v.number()),
  /**
   * DRAFT while it is written; a commissioned agency SUBMITs it to the performance section, which
   * accepts it (CONCLUDED, and only then does the project carry the conclusion) or returns it.
   */
  state: v.picklist(exAnteStates),
  concludedAt: v.nullable(v.string()),
  /** The performance section's reasons, when it sent a third party's assessment back. */
  lastReturn: v.nullish(v.object({ by: v.string(), byName: v.string(), at: v.string(), opinion: v.string() })),
});
export type ExAnteAssessment = v.InferOutput<typeof exAnteAssessment>;

export const exAnteQuery = v.strictObject({ ...pageQuery, projectId: v.optional(anyId) });

export const totalScore = (d: Record<ExAnteDimension, { score: number | null }>): number | null => {
  const scores = exAnteDimensionCodes.map((k) => d[k].score);
  if (scores.some((s) => s === null)) return null;
  return Math.round((scores as number[]).reduce((a, b) => a + b, 0) * 100) / 100;
};

/** What concluding needs: every dimension scored and a conclusion chosen. */
export const conclusionErrors = (a: {
  dimensions: Record<ExAnteDimension, { score: number | null }>;
  conclusion: ExAnteConclusion | null;
}): { pointer: string; code: string }[] => [
  ...exAnteDimensionCodes
    .filter((k) => a.dimensions[k].score === null)
    .map((k) => ({ pointer: `/dimensions/${k}/score`, code: 'required' })),
  ...(a.conclusion ? [] : [{ pointer: '/conclusion', code: 'required' }]),
];

/** Where an assessment's files live in the evidence bucket: the key is fixed by tenant, record and file id. */
export const exAnteAttachmentKey = (tenant: string, assessmentId: string, attachmentId: string): string =>
  `T/${tenant}/ex-ante-assessment/${assessmentId}/${attachmentId}`;

export const attachmentParams = v.strictObject({
  id: anyId,
  attachmentId: anyId,
});
