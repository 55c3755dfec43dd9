import type { DepartmentFigures } from '#core/department-evaluation/department-figures.ts';
import type { JudgementEntry } from '#core/department-evaluation/judgement-score.ts';
import type { ProjectSelfEvaluationLine } from '#core/department-evaluation/project-summary.ts';

/**
 * A worked department (docs/domain/self-evaluation.md, "Department overall self-evaluation"): the figures, the
 * judgement scores and the project self-evaluations of one bureau for one year, scored by the national
 * template in the tests, so the docs' example and the engine cannot drift apart.
 */
export const wan = (x: number): number => Math.round(x * 1_000_000);

/** 120 万元 carried in, 1,000 万元 initial, 80 万元 added, 43.2 万元 left at year end, and the rest. */
export const sampleFigures: DepartmentFigures = {
  carryOverFen: wan(120),
  initialBudgetFen: wan(1000),
  supplementaryFen: wan(80),
  yearEndBalanceFen: wan(43.2),
  adjustmentFen: wan(150),
  paidFen: wan(1080),
  plannedPaymentFen: wan(1100),
  publicFundsBudgetFen: wan(60),
  publicFundsSpentFen: wan(58.5),
  threePublicBudgetFen: wan(12),
  threePublicSpentFen: wan(11.4),
  threePublicLastYearFen: wan(12),
  procurementBudgetFen: wan(200),
  procurementSpentFen: wan(190),
  staffInPost: 48,
  authorisedPosts: 50,
  keySpendingFen: wan(420),
  projectSpendingFen: wan(700),
  fixedAssetsInUseFen: wan(930),
  fixedAssetsTotalFen: wan(1000),
};

const entry = (code: string, score: string, note?: string): JudgementEntry => ({
  code,
  score,
  note: note ?? '',
  evidence: [],
});

/** The judgement indicators of the national template as the bureau scored them. */
export const sampleEntries: JudgementEntry[] = [
  entry('TARGET_REASONABLE', '2'),
  entry('INDICATORS_CLEAR', '1.5', '部分指标未量化（如“服务水平提升”）'),
  entry('BUDGET_RULES', '3'),
  entry('FUNDS_COMPLIANT', '4', '审计发现一笔会议费超标准列支'),
  entry('DISCLOSURE', '3'),
  entry('BASIC_INFORMATION', '3'),
  entry('ASSET_RULES', '3'),
  entry('ASSETS_SAFE', '3.5', '两台报废车辆未及时处置'),
  entry('ACTUAL_COMPLETION', '4.8', '年度计划 25 项，完成 24 项'),
  entry('ON_TIME', '3'),
  entry('QUALITY', '4'),
  entry('KEY_WORK_DONE', '3'),
  entry('ECONOMIC', '3'),
  entry('SOCIAL', '4'),
  entry('ECOLOGICAL', '2'),
  entry('PUBLIC_SATISFACTION', '5.4', '服务对象满意度 88%，低于 90%'),
];

/** Ten project self-evaluations: seven final-approved, one in review, one returned, one not started. */
export const sampleProjects: ProjectSelfEvaluationLine[] = [
  { projectId: 'P01', total: 95.5, grade: 'EXCELLENT', status: 'FINAL_APPROVED' },
  { projectId: 'P02', total: 90.87, grade: 'EXCELLENT', status: 'FINAL_APPROVED' },
  { projectId: 'P03', total: 88, grade: 'GOOD', status: 'FINAL_APPROVED' },
  { projectId: 'P04', total: 82.25, grade: 'GOOD', status: 'FINAL_APPROVED' },
  { projectId: 'P05', total: 81, grade: 'GOOD', status: 'FINAL_APPROVED' },
  { projectId: 'P06', total: 71.4, grade: 'FAIR', status: 'FINAL_APPROVED' },
  { projectId: 'P07', total: 55, grade: 'POOR', status: 'FINAL_APPROVED' },
  { projectId: 'P08', total: 86, grade: null, status: 'DEPT_APPROVED' },
  { projectId: 'P09', total: 79, grade: null, status: 'RETURNED' },
  { projectId: 'P10', total: null, grade: null, status: 'DRAFT' },
];
