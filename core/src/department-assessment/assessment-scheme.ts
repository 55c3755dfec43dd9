import type { DepartmentSeries } from '#core/organisation/department.ts';

/**
 * The year's scheme of the department assessment (部门预算绩效管理工作考核,
 * docs/domain/department-assessment.md#the-scheme): an indicator tree whose leaves carry points and a
 * scoring rule, overrides per series, bonus and deduction items with caps, grade bands and optional
 * quotas. There is no national template for districts; everything here is the performance
 * section's to set per tenant and year, and `defaultAssessmentScheme` is only where a year starts.
 */

/** What the system already knows about a department's year, read from tallies kept on write. */
export const autoInputs = [
  'TARGETS_ON_TIME',
  'TARGET_REVIEW_GRADES',
  'TARGET_RETURN_RATE',
  'EX_ANTE_COVERAGE',
  'MONITORING_ON_TIME',
  'SELF_EVALUATION_ON_TIME',
  'SELF_EVALUATION_COVERAGE',
  'SPOT_CHECK_GAP',
  'KEY_EVALUATION_COOPERATION',
  'RECTIFICATION_ON_TIME',
  'DISCLOSURE_ON_TIME',
  'BUDGET_EXECUTION_PACE',
  'LIBRARY_USE',
  'TRAINING_ATTENDANCE',
] as const;
export type AutoInput = (typeof autoInputs)[number];

/**
 * How a leaf turns its input into points. Values are percentages for rates and points for gaps, as
 * decimal text so a threshold compares exactly.
 * - LINEAR: full points at `fullAt`, none at `zeroAt`, straight between (fullAt below zeroAt means
 *   lower is better: a return rate, a score gap);
 * - BANDS: the share of the points of the first band whose `atLeast` the value reaches (highest first);
 * - PER_OCCURRENCE: the points less `pointsEach` per occurrence, never below 0;
 * - MANUAL: the bureau scores it, 0 to the leaf's points, with evidence.
 */
export type ScoringRule =
  | { kind: 'LINEAR'; fullAt: string; zeroAt: string }
  | { kind: 'BANDS'; bands: readonly { atLeast: string; sharePct: string }[] }
  | { kind: 'PER_OCCURRENCE'; pointsEach: string }
  | { kind: 'MANUAL' };

export interface SchemeLeaf {
  id: string;
  name: string;
  /** Points at full marks, as decimal text ("5", "2.5"). */
  points: string;
  /** Where the value comes from; null for a manual item. */
  input: AutoInput | null;
  rule: ScoringRule;
  /** What the input counts, shown beside the score and in the drill-down. */
  definition: string;
}

export interface SchemeGroup {
  id: string;
  name: string;
  leaves: readonly SchemeLeaf[];
}

/** 加分 or 扣分 item: points per occurrence, capped for the item. */
export interface AdjustmentItem {
  code: string;
  name: string;
  pointsEach: string;
  cap: string;
}

export const assessmentGrades = ['EXCELLENT', 'GOOD', 'PASS', 'FAIL'] as const;
export type AssessmentGrade = (typeof assessmentGrades)[number];

export interface SeriesOverride {
  /** Leaf id → points in this series. */
  points?: Readonly<Record<string, string>>;
  /** Leaves that do not apply to this series (a street office has no ex-ante assessments). */
  excluded?: readonly string[];
}

export interface AssessmentScheme {
  fiscalYear: number;
  groups: readonly SchemeGroup[];
  seriesOverrides: Readonly<Partial<Record<DepartmentSeries, SeriesOverride>>>;
  bonusItems: readonly AdjustmentItem[];
  deductionItems: readonly AdjustmentItem[];
  /** Caps on all bonuses and on all deductions together. */
  bonusCap: string;
  deductionCap: string;
  /** Full marks the base score is scaled to when a series' leaves add up to something else; null keeps the raw sum. */
  scaleTo: string | null;
  /** A rate with nothing to count (no targets were due): FULL gives the points, EXCLUDE leaves the leaf out of full marks. */
  notApplicable: 'FULL' | 'EXCLUDE';
  /** Lowest final score of each grade but the last, highest first. */
  gradeBands: readonly { grade: Exclude<AssessmentGrade, 'FAIL'>; atLeast: string }[];
  /** At most this share of a series in a grade (percent); beyond it, departments fall to the next grade by rank. */
  quotas: Readonly<Partial<Record<AssessmentGrade, string>>>;
  /** Departments tied at a quota's edge: ALL_OUT keeps the quota strict, ALL_IN lets all of them in. */
  quotaTies: 'ALL_OUT' | 'ALL_IN';
  /** Decimals of the published scores, rounded half up once. */
  decimals: number;
}

const leaf = (
  id: string,
  name: string,
  points: string,
  input: AutoInput | null,
  rule: ScoringRule,
  definition: string,
): SchemeLeaf => ({ id, name, points, input, rule, definition });

/** A coverage rate: full points at 100 %, none at 0 %. */
const coverage = (id: string, name: string, points: string, input: AutoInput, definition: string) =>
  leaf(id, name, points, input, { kind: 'LINEAR', fullAt: '100', zeroAt: '0' }, definition);

const onTime = (id: string, name: string, points: string, input: AutoInput, what: string) =>
  leaf(id, name, points, input, { kind: 'LINEAR', fullAt: '100', zeroAt: '60' }, `${what}按期完成的比例（%）`);

/** The typical indicators of a district's scheme, 100 points in all; a start the section edits. */
export const defaultAssessmentScheme = (fiscalYear: number): AssessmentScheme => ({
  fiscalYear,
  groups: [
    {
      id: 'BASIC',
      name: '基础工作',
      leaves: [
        leaf(
          'SYSTEM',
          '制度建设与人员配备',
          '6',
          null,
          { kind: 'MANUAL' },
          '制度文件、岗位与人员，由绩效科依据佐证评分',
        ),
        coverage('TRAINING', '参加培训', '4', 'TRAINING_ATTENDANCE', '应参加的培训中本部门有人出席的场次比例（%）'),
      ],
    },
    {
      id: 'EX_ANTE',
      name: '事前绩效评估',
      leaves: [
        coverage(
          'EX_ANTE_COVERAGE',
          '事前评估覆盖',
          '8',
          'EX_ANTE_COVERAGE',
          '须开展事前评估的新增重大项目中已完成评估的比例（%）',
        ),
      ],
    },
    {
      id: 'TARGETS',
      name: '绩效目标管理',
      leaves: [
        onTime('TARGETS_ON_TIME', '目标按期申报', '4', 'TARGETS_ON_TIME', '绩效目标在申报截止日前送审'),
        leaf(
          'TARGET_GRADES',
          '目标审核等级',
          '6',
          'TARGET_REVIEW_GRADES',
          {
            kind: 'BANDS',
            bands: [
              { atLeast: '90', sharePct: '100' },
              { atLeast: '75', sharePct: '80' },
              { atLeast: '60', sharePct: '60' },
              { atLeast: '0', sharePct: '30' },
            ],
          },
          '终审目标中审核等级为优、良的比例（%）',
        ),
        leaf(
          'TARGET_RETURNS',
          '目标退回率',
          '4',
          'TARGET_RETURN_RATE',
          { kind: 'LINEAR', fullAt: '0', zeroAt: '50' },
          '送审的目标中被退回修改的比例（%），越低越好',
        ),
        leaf(
          'LIBRARY_USE',
          '指标库使用',
          '4',
          'LIBRARY_USE',
          { kind: 'LINEAR', fullAt: '80', zeroAt: '0' },
          '三级指标中选自指标库的比例（%）',
        ),
      ],
    },
    {
      id: 'MONITORING',
      name: '绩效运行监控',
      leaves: [onTime('MONITORING_ON_TIME', '监控按期报送', '10', 'MONITORING_ON_TIME', '监控报告在报送截止日前送审')],
    },
    {
      id: 'SELF_EVALUATION',
      name: '绩效自评',
      leaves: [
        onTime('SELF_EVALUATION_ON_TIME', '自评按期报送', '4', 'SELF_EVALUATION_ON_TIME', '自评表在截止日前送审'),
        coverage(
          'SELF_EVALUATION_COVERAGE',
          '自评覆盖',
          '6',
          'SELF_EVALUATION_COVERAGE',
          '应自评项目中已报送自评的比例（%）',
        ),
        leaf(
          'SPOT_CHECK_GAP',
          '自评质量',
          '6',
          'SPOT_CHECK_GAP',
          { kind: 'LINEAR', fullAt: '0', zeroAt: '20' },
          '抽查项目单位自评分与财政复核分之差的平均绝对值（分），越小越好',
        ),
      ],
    },
    {
      id: 'KEY_EVALUATION',
      name: '重点绩效评价',
      leaves: [
        coverage(
          'KEY_EVALUATION_COOPERATION',
          '配合重点评价',
          '8',
          'KEY_EVALUATION_COOPERATION',
          '重点评价征求意见中按期反馈的问题比例（%）',
        ),
      ],
    },
    {
      id: 'RECTIFICATION',
      name: '问题整改',
      leaves: [onTime('RECTIFICATION_ON_TIME', '整改按期完成', '10', 'RECTIFICATION_ON_TIME', '整改在期限内完成')],
    },
    {
      id: 'DISCLOSURE',
      name: '绩效信息公开',
      leaves: [
        leaf(
          'DISCLOSURE_ON_TIME',
          '按期公开',
          '10',
          'DISCLOSURE_ON_TIME',
          {
            kind: 'BANDS',
            bands: [
              { atLeast: '100', sharePct: '100' },
              { atLeast: '0', sharePct: '0' },
            ],
          },
          '应公开的预决算及绩效信息在批复后 20 日内公开的比例（%）',
        ),
      ],
    },
    {
      id: 'EXECUTION',
      name: '预算执行',
      leaves: [
        leaf(
          'BUDGET_EXECUTION_PACE',
          '预算执行进度',
          '10',
          'BUDGET_EXECUTION_PACE',
          { kind: 'LINEAR', fullAt: '95', zeroAt: '60' },
          '年末预算执行率（%）',
        ),
      ],
    },
  ],
  seriesOverrides: { STREET_PARK: { excluded: ['EX_ANTE_COVERAGE'] } },
  bonusItems: [
    { code: 'INNOVATION', name: '工作创新', pointsEach: '1', cap: '2' },
    { code: 'COMMENDATION', name: '受上级表彰或推广', pointsEach: '1', cap: '2' },
    { code: 'MODEL_CASE', name: '典型案例', pointsEach: '0.5', cap: '1' },
  ],
  deductionItems: [
    { code: 'DATA_ERROR', name: '数据差错', pointsEach: '0.5', cap: '2' },
    { code: 'AUDIT_FINDING', name: '审计或检查发现问题', pointsEach: '1', cap: '3' },
    { code: 'DISCLOSURE_LAPSE', name: '公开不规范', pointsEach: '1', cap: '2' },
  ],
  bonusCap: '5',
  deductionCap: '5',
  scaleTo: '100',
  notApplicable: 'FULL',
  gradeBands: [
    { grade: 'EXCELLENT', atLeast: '90' },
    { grade: 'GOOD', atLeast: '80' },
    { grade: 'PASS', atLeast: '60' },
  ],
  quotas: { EXCELLENT: '30' },
  quotaTies: 'ALL_OUT',
  decimals: 2,
});
