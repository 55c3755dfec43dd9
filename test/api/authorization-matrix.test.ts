import { createHash } from 'node:crypto';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { defaultThresholds } from '@jixiao/core/monitoring/monitoring-config.ts';
import { type Role, roles } from '@jixiao/core/roles.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { defaultSettingsValues } from '@jixiao/core/submission/submission-settings.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import { engagementKind, fieldRecordKind } from '@jixiao/functions/fieldwork/record-kinds.ts';
import { monitoringReportKind, rectificationKind } from '@jixiao/functions/monitoring/record-kinds.ts';
import {
  agencyKind,
  departmentKind,
  financeSectionKind,
  unitKind,
  userKind,
} from '@jixiao/functions/organisation/record-kinds.ts';
import type { RecordKind } from '@jixiao/functions/ports/record-store.ts';
import { routes } from '@jixiao/functions/routes.ts';
import { selfEvaluationKind } from '@jixiao/functions/self-evaluation/record-kinds.ts';
import { exAnteKind, indicatorKind, projectKind, targetKind } from '@jixiao/functions/submission/record-kinds.ts';
import { demoId, demoTenant, demoUsers } from '@jixiao/infra/local/demo-data.ts';
import { operationRunner, recordLoader } from '@jixiao/infra/local/record-loader.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departmentEvaluationRequest, seedDepartmentEvaluations } from '../support/department-evaluation-fixture.ts';
import { seedExportJob } from '../support/export-job-fixture.ts';
import { type EngagementFixture, seedReleasedEngagement } from '../support/fieldwork-fixture.ts';
import { seedMonitoringReports, seedMonitoringRound } from '../support/monitoring-fixture.ts';
import { otherTenant, seedOtherTenant, type TenantRecords } from '../support/other-tenant.ts';
import { seedSelfEvaluation, seedSelfEvaluationRound } from '../support/self-evaluation-fixture.ts';
import { startTestStack, type TestStack } from '../support/test-stack.ts';
import { bureauYearRequest, bureauYearRows } from './matrix/bureau-year.ts';
import { keyEvaluationRequest, keyEvaluationRows } from './matrix/key-evaluation.ts';
import type { Outcomes, Relation, Row } from './matrix/matrix-row.ts';

/**
 * Every route × role × relation has an expected outcome written here by hand, independently of
 * the route table's `access` lists; a route without a row fails the suite.
 *
 * Relation = where the record the call acts on lives, seen from the caller (a demo user of 东丽区
 * whose department is 东丽区教育局 where the role has one): in the caller's own department, in
 * another department of the same tenant, or in another tenant (天津市河西区). Other tenants'
 * records are hidden (404 / 422 for references), never shown.
 */
type Caller = Role | 'anonymous';
const relations: readonly Relation[] = ['own-department', 'other-department', 'other-tenant'];
const callers: readonly Caller[] = [...roles, 'anonymous'];

const adminRead: Row = { roles: { 'tenant-admin': [200, 200, 404] }, others: 403, anonymous: 401 };
const adminList: Row = { roles: { 'tenant-admin': [200, 200, 200] }, others: 403, anonymous: 401 };
const adminCreateWithReference: Row = { roles: { 'tenant-admin': [201, 201, 422] }, others: 403, anonymous: 401 };
const adminCreateStandalone: Row = { roles: { 'tenant-admin': [201, 201, 201] }, others: 403, anonymous: 401 };
const perf = 'performance-section-reviewer';
/** The business reviewer's section (教科文科) is responsible for the own department (教育局), not the other (发改委). */
const projectPeople = (...tenantWide: Outcomes): Partial<Record<Role, Outcomes>> => ({
  'unit-preparer': [200, 404, 404],
  'unit-approver': [200, 404, 404],
  'department-reviewer': [200, 404, 404],
  'business-section-reviewer': [200, 404, 404],
  [perf]: tenantWide,
});
const projectRoles: Role[] = [
  'unit-preparer',
  'unit-approver',
  'department-reviewer',
  'business-section-reviewer',
  perf,
];
/** Who takes a bulk review step (issue 12): the three reviewers. */
const bulkReviewers: Role[] = ['department-reviewer', 'business-section-reviewer', 'performance-section-reviewer'];
const everyRelation = (who: Role[], status: number): Partial<Record<Role, Outcomes>> =>
  Object.fromEntries(who.map((r) => [r, [status, status, status] as const]));
const scopedRead: Row = { roles: projectPeople(200, 200, 404), others: 403, anonymous: 401 };
/**
 * The observer (人大/审计) reads the whole tenant, published records only, and writes nothing: its
 * outcomes are added to a read row; every other row leaves it among `others` (403).
 */
const withObserver = (row: Row, outcomes: Outcomes): Row => ({ ...row, roles: { ...row.roles, observer: outcomes } });
const tenantRead: Outcomes = [200, 200, 404];
/** Who sends and reads reminders (催报): both bureau sections, on a round of their tenant. */
const reminderSenders = (status: number): Partial<Record<Role, Outcomes>> => ({
  'business-section-reviewer': [status, status, 404],
  [perf]: [status, status, 404],
});
const tenantList: Outcomes = [200, 200, 200];
/** Tenant-wide records: any relation in this tenant, none in another. */
const everyRelationBut404 = (who: Role[]): Partial<Record<Role, Outcomes>> =>
  Object.fromEntries(who.map((r) => [r, [200, 200, 404] as const]));
const assessmentRead: Row = {
  roles: { ...projectPeople(200, 200, 404), 'agency-lead': [200, 404, 404], evaluator: [200, 404, 404] },
  others: 403,
  anonymous: 401,
};

/** Readers of an engagement and its records: the bureau, the agency, the department once released. */
const fieldworkRead: Row = {
  roles: {
    ...projectPeople(200, 200, 404),
    'agency-lead': [200, 404, 404],
    evaluator: [200, 404, 404],
  },
  others: 403,
  anonymous: 401,
};
const agencyAndBureau: Row = {
  roles: {
    [perf]: [200, 200, 404],
    'business-section-reviewer': [200, 404, 404],
    'agency-lead': [200, 404, 404],
  },
  others: 403,
  anonymous: 401,
};

const matrix: Record<string, Row> = {
  getHealth: { everyone: 200 },
  getOpenApi: { everyone: 200 },
  getMe: { others: 200, anonymous: 401 },

  listFinanceSections: adminList,
  createFinanceSection: adminCreateStandalone,
  getFinanceSection: adminRead,
  updateFinanceSection: adminRead,
  getFinanceSectionHistory: adminRead,

  // Departments are tenant-wide reference data for reviewers; agencies for the performance section.
  listDepartments: {
    roles: everyRelation(['tenant-admin', 'department-reviewer', 'business-section-reviewer', perf], 200),
    others: 403,
    anonymous: 401,
  },
  createDepartment: adminCreateWithReference,
  getDepartment: {
    roles: Object.fromEntries(
      (['tenant-admin', 'department-reviewer', 'business-section-reviewer', perf] as const).map((r) => [
        r,
        [200, 200, 404],
      ]),
    ),
    others: 403,
    anonymous: 401,
  },
  updateDepartment: adminRead,
  getDepartmentHistory: adminRead,

  listUnits: adminList,
  createUnit: adminCreateWithReference,
  getUnit: adminRead,
  updateUnit: adminRead,
  getUnitHistory: adminRead,

  listAgencys: { roles: everyRelation(['tenant-admin', perf], 200), others: 403, anonymous: 401 },
  createAgency: adminCreateStandalone,
  getAgency: { roles: { 'tenant-admin': [200, 200, 404], [perf]: [200, 200, 404] }, others: 403, anonymous: 401 },
  updateAgency: adminRead,
  getAgencyHistory: adminRead,

  listUsers: adminList,
  createUser: adminCreateWithReference,
  getUser: adminRead,
  updateUser: adminRead,
  getUserHistory: adminRead,

  // The indicator library is tenant-wide: everyone searches it, the performance section keeps it.
  listIndicators: { others: 200, anonymous: 401 },
  getIndicator: { others: [200, 200, 404], anonymous: 401 },
  createIndicator: { roles: { [perf]: [201, 201, 201] }, others: 403, anonymous: 401 },
  updateIndicator: { roles: { [perf]: [200, 200, 404] }, others: 403, anonymous: 401 },
  rollOverIndicators: { roles: { [perf]: [200, 200, 200] }, others: 403, anonymous: 401 },
  getIndicatorHistory: {
    roles: { [perf]: [200, 200, 404], 'tenant-admin': [200, 200, 404] },
    others: 403,
    anonymous: 401,
  },

  // Projects and everything hanging off them are scoped: the unit its unit, the department its
  // department, the bureau's sections the tenant. Out of scope is 404. A review step sent at a
  // stale version gets 409 once the caller is allowed and in scope (nothing is changed by it).
  // The year's target weights are the tenant's: everyone on projects reads them, the performance section keeps them.
  getTargetWeights: { roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 },
  saveTargetWeights: { roles: { [perf]: [409, 409, 409] }, others: 403, anonymous: 401 },
  // The rest of the year's submission settings (ex-ante threshold, passing grades) live in the same record, read and kept alike.
  getSubmissionSettings: { roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 },
  saveSubmissionSettings: { roles: { [perf]: [409, 409, 409] }, others: 403, anonymous: 401 },
  // The year's scoring settings of self-evaluation: read by everyone on projects, kept by the performance section.
  getScoringSettings: { roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 },
  saveScoringSettings: { roles: { [perf]: [409, 409, 409] }, others: 403, anonymous: 401 },
  // Execution figures from the treasury: the bureau's sections read them, the performance section imports (a bad file: 422).
  listExecutionImports: { roles: everyRelation(['business-section-reviewer', perf], 200), others: 403, anonymous: 401 },
  listExecutionFigures: { roles: everyRelation(['business-section-reviewer', perf], 200), others: 403, anonymous: 401 },
  importExecutionFigures: { roles: { [perf]: [422, 422, 422] }, others: 403, anonymous: 401 },
  listProjects: withObserver({ roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 }, tenantList),
  createProject: { roles: { 'unit-preparer': [201, 400, 400] }, others: 403, anonymous: 401 },
  getProject: withObserver(scopedRead, tenantRead),
  updateProject: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getProjectHistory: scopedRead,
  markProjectBudgeted: { roles: { [perf]: [422, 422, 404] }, others: 403, anonymous: 401 },
  listProjectTargets: withObserver(scopedRead, tenantRead),
  createProjectTarget: {
    roles: { 'unit-preparer': [409, 404, 404], 'unit-approver': [409, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  // The own department's target is a draft (hidden from the observer); the other's has been sent.
  getTarget: withObserver(scopedRead, [404, 200, 404]),
  saveTarget: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getTargetHistory: scopedRead,
  submitTarget: { roles: { 'unit-approver': [409, 404, 404] }, others: 403, anonymous: 401 },
  departmentReviewTarget: { roles: { 'department-reviewer': [409, 404, 404] }, others: 403, anonymous: 401 },
  firstReviewTarget: { roles: { 'business-section-reviewer': [409, 404, 404] }, others: 403, anonymous: 401 },
  finalReviewTarget: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  cancelTargetApproval: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  // withdrawal (issue 12): the senders of each step, at a stale version 409 in their own department; the
  // performance section takes no step it could withdraw (403). The monitoring report and self-evaluation are drafts.
  withdrawTarget: {
    roles: {
      'unit-approver': [409, 404, 404],
      'department-reviewer': [409, 404, 404],
      'business-section-reviewer': [409, 404, 404],
    },
    others: 403,
    anonymous: 401,
  },
  withdrawMonitoringReport: {
    roles: {
      'unit-approver': [409, 404, 404],
      'department-reviewer': [409, 404, 404],
      'business-section-reviewer': [409, 404, 404],
    },
    others: 403,
    anonymous: 401,
  },
  withdrawSelfEvaluation: {
    roles: {
      'unit-approver': [409, 404, 404],
      'department-reviewer': [409, 404, 404],
      'business-section-reviewer': [409, 404, 404],
    },
    others: 403,
    anonymous: 401,
  },
  listReviewQueue: {
    roles: {
      'department-reviewer': [200, 200, 200],
      'business-section-reviewer': [200, 200, 200],
      [perf]: [200, 200, 200],
    },
    others: 403,
    anonymous: 401,
  },
  // Assessments: "own" is one commissioned from the demo agency users' agency, "other" from another agency.
  listExAnteAssessments: withObserver(
    {
      roles: everyRelation([...projectRoles, 'agency-lead', 'evaluator'], 200),
      others: 403,
      anonymous: 401,
    },
    tenantList,
  ),
  createExAnteAssessment: { roles: { [perf]: [201, 201, 422] }, others: 403, anonymous: 401 },
  // Both assessments are drafts: the observer sees concluded ones only.
  getExAnteAssessment: withObserver(assessmentRead, [404, 404, 404]),
  updateExAnteAssessment: {
    roles: { [perf]: [200, 200, 404], 'agency-lead': [200, 404, 404], evaluator: [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  concludeExAnteAssessment: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  submitExAnteAssessment: { roles: { 'agency-lead': [409, 404, 404] }, others: 403, anonymous: 401 },
  returnExAnteAssessment: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  getExAnteAssessmentHistory: assessmentRead,
  uploadExAnteAttachment: {
    roles: { [perf]: [201, 201, 404], 'agency-lead': [201, 404, 404], evaluator: [201, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getExAnteAttachment: withObserver(assessmentRead, [404, 404, 404]),
  exportTargetTable: scopedRead,
  exportDepartmentTargets: scopedRead,

  // Fieldwork (issue 4). The own relation is an engagement on the callers' department (教育局,
  // whose section is 教科文科) commissioned to the demo agency, with the demo evaluator assigned;
  // the other is one on 发改委 commissioned to another agency. Both are released to their department.
  listEngagements: withObserver(
    {
      roles: everyRelation([...projectRoles, 'agency-lead'], 200),
      others: 403,
      anonymous: 401,
    },
    tenantList,
  ),
  createEngagement: { roles: { [perf]: [201, 201, 422] }, others: 403, anonymous: 401 },
  getEngagement: withObserver(fieldworkRead, tenantRead),
  updateEngagementPlan: {
    roles: { [perf]: [409, 409, 404], 'agency-lead': [409, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  commissionEngagement: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  approveEngagementPlan: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  closeFieldwork: { roles: { 'agency-lead': [409, 404, 404] }, others: 403, anonymous: 401 },
  releaseEngagement: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  getEngagementHistory: agencyAndBureau,
  listAssignments: agencyAndBureau,
  createAssignment: { roles: { 'agency-lead': [201, 404, 404] }, others: 403, anonymous: 401 },
  listEngagementEvaluators: {
    roles: { [perf]: [200, 200, 404], 'agency-lead': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  listMyAssignments: { roles: everyRelation(['evaluator', 'agency-lead'], 200), others: 403, anonymous: 401 },
  getFieldPackage: {
    roles: { evaluator: [200, 404, 404], 'agency-lead': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  // Only the assignee writes from the field; the lead may correct a record but not send one.
  signPhotoUpload: {
    roles: { evaluator: [201, 404, 404], 'agency-lead': [403, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  createFieldRecord: {
    roles: { evaluator: [201, 404, 404], 'agency-lead': [403, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getFieldRecord: withObserver(fieldworkRead, tenantRead),
  updateFieldRecord: {
    roles: { evaluator: [200, 404, 404], 'agency-lead': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  attachFieldPhoto: {
    roles: { evaluator: [201, 404, 404], 'agency-lead': [403, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getFieldPhoto: withObserver(fieldworkRead, tenantRead),
  listEngagementRecords: withObserver(fieldworkRead, tenantRead),
  getEngagementProgress: agencyAndBureau,
  // The evidence of the whole engagement is not one evaluator's to read.
  getIndicatorEvidence: withObserver(
    { ...fieldworkRead, roles: { ...fieldworkRead.roles, evaluator: [404, 404, 404] } },
    tenantRead,
  ),
  exportWorkingPapers: {
    roles: { [perf]: [201, 201, 404], 'agency-lead': [201, 404, 404] },
    others: 403,
    anonymous: 401,
  },

  // Monitoring (issue 5). Rounds are the tenant's; "own" is a report of the callers' department
  // (教育局, section 教科文科) and "other" one of 发改委, both in a round of this tenant.
  getMonitoringSettings: {
    roles: everyRelation(['business-section-reviewer', perf], 200),
    others: 403,
    anonymous: 401,
  },
  saveMonitoringSettings: { roles: { [perf]: [409, 409, 409] }, others: 403, anonymous: 401 },
  listMonitoringRounds: withObserver(
    { roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 },
    tenantList,
  ),
  createMonitoringRound: { roles: { [perf]: [201, 201, 201] }, others: 403, anonymous: 401 },
  getMonitoringRound: withObserver(
    { roles: everyRelationBut404(projectRoles), others: 403, anonymous: 401 },
    tenantRead,
  ),
  issueMonitoringRound: { roles: { [perf]: [200, 200, 404] }, others: 403, anonymous: 401 },
  getMonitoringDashboard: {
    roles: everyRelationBut404(['department-reviewer', 'business-section-reviewer', perf, 'observer']),
    others: 403,
    anonymous: 401,
  },
  listMonitoringReports: withObserver(
    { roles: everyRelationBut404(projectRoles), others: 403, anonymous: 401 },
    tenantRead,
  ),
  listMonitoringRedList: {
    roles: everyRelationBut404(['department-reviewer', 'business-section-reviewer', perf, 'observer']),
    others: 403,
    anonymous: 401,
  },
  listMonitoringReviewQueue: {
    roles: everyRelation(['department-reviewer', 'business-section-reviewer', perf], 200),
    others: 403,
    anonymous: 401,
  },
  // Both reports are drafts: the observer sees sent ones only.
  getMonitoringReport: withObserver(scopedRead, [404, 404, 404]),
  saveMonitoringReport: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  submitMonitoringReport: { roles: { 'unit-approver': [409, 404, 404] }, others: 403, anonymous: 401 },
  departmentReviewMonitoringReport: { roles: { 'department-reviewer': [409, 404, 404] }, others: 403, anonymous: 401 },
  firstReviewMonitoringReport: { roles: { 'business-section-reviewer': [409, 404, 404] }, others: 403, anonymous: 401 },
  finalReviewMonitoringReport: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  getMonitoringReportHistory: scopedRead,
  // A final-approved red report in each relation was decided on (rectification required).
  recordMonitoringDisposition: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  listMonitoringDispositions: {
    roles: everyRelationBut404(['business-section-reviewer', perf, 'observer']),
    others: 403,
    anonymous: 401,
  },
  getMonitoringDisposition: withObserver(scopedRead, tenantRead),
  resolveMonitoringDisposition: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  listRectifications: withObserver(
    { roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 },
    tenantList,
  ),
  getRectification: withObserver(scopedRead, tenantRead),
  saveRectificationFeedback: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  submitRectificationFeedback: { roles: { 'unit-approver': [409, 404, 404] }, others: 403, anonymous: 401 },
  uploadRectificationAttachment: {
    roles: { 'unit-preparer': [201, 404, 404], 'unit-approver': [201, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  // The id asked for is no file of the rectification: 404 for those who see it, as for those who do not
  // (test/api/rectification-attachments.test.ts downloads a listed one in and out of scope).
  getRectificationAttachment: { roles: everyRelation([...projectRoles, 'observer'], 404), others: 403, anonymous: 401 },
  verifyRectification: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  exportMonitoringTable: scopedRead,
  exportDepartmentMonitoring: scopedRead,
  exportOverdueReports: {
    roles: everyRelationBut404(['business-section-reviewer', perf]),
    others: 403,
    anonymous: 401,
  },

  // Self-evaluation (issue 11), scoped like monitoring: "own" is a draft of the callers' department, "other" one of 发改委.
  listSelfEvaluationRounds: withObserver(
    { roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 },
    tenantList,
  ),
  createSelfEvaluationRound: { roles: { [perf]: [201, 201, 201] }, others: 403, anonymous: 401 },
  getSelfEvaluationRound: withObserver(
    { roles: everyRelationBut404(projectRoles), others: 403, anonymous: 401 },
    tenantRead,
  ),
  issueSelfEvaluationRound: { roles: { [perf]: [200, 200, 404] }, others: 403, anonymous: 401 },
  getSelfEvaluationRoundSummary: {
    roles: everyRelationBut404(['department-reviewer', 'business-section-reviewer', perf, 'observer']),
    others: 403,
    anonymous: 401,
  },
  listSelfEvaluations: withObserver(
    { roles: everyRelationBut404(projectRoles), others: 403, anonymous: 401 },
    tenantRead,
  ),
  listSelfEvaluationReviewQueue: {
    roles: everyRelation(['department-reviewer', 'business-section-reviewer', perf], 200),
    others: 403,
    anonymous: 401,
  },
  getSelfEvaluation: withObserver(scopedRead, [404, 404, 404]),
  saveSelfEvaluation: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  submitSelfEvaluation: { roles: { 'unit-approver': [409, 404, 404] }, others: 403, anonymous: 401 },
  departmentReviewSelfEvaluation: { roles: { 'department-reviewer': [409, 404, 404] }, others: 403, anonymous: 401 },
  firstReviewSelfEvaluation: { roles: { 'business-section-reviewer': [409, 404, 404] }, others: 403, anonymous: 401 },
  finalReviewSelfEvaluation: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  // The spot-check (抽查复核): the performance section's, at a stale version 409 wherever the round or self-evaluation is.
  drawSpotCheck: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  adjustSpotCheck: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  getSelfEvaluationHistory: scopedRead,
  exportSelfEvaluationTable: scopedRead,
  // Evidence per row of a self-evaluation (H1, the form): the unit's while it may edit the table, asked at a stale
  // version 409; the row's list saved at the current version; the id asked for is no file of it, so 404 to every reader.
  uploadSelfEvaluationRowAttachment: {
    roles: { 'unit-preparer': [409, 404, 404], 'unit-approver': [409, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  saveSelfEvaluationRowAttachments: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getSelfEvaluationAttachment: {
    roles: everyRelation([...projectRoles, 'observer'], 404),
    others: 403,
    anonymous: 401,
  },
  // The department overall self-evaluation (H3, issue 11 items 5 and 9): "own" is a draft of 2026 of the callers'
  // department, "other" one of 发改委. Read by the department's people (no unit owns it), its business section and the
  // bureau; the observer reads it once sent; another tenant's department is an unknown reference (422).
  createDepartmentEvaluation: { roles: { [perf]: [200, 200, 422] }, others: 403, anonymous: 401 },
  listDepartmentEvaluations: withObserver(
    { roles: everyRelation(projectRoles, 200), others: 403, anonymous: 401 },
    tenantList,
  ),
  getDepartmentEvaluation: withObserver(scopedRead, [404, 404, 404]),
  saveDepartmentEvaluation: {
    roles: {
      'unit-preparer': [200, 404, 404],
      'unit-approver': [200, 404, 404],
      'department-reviewer': [200, 404, 404],
    },
    others: 403,
    anonymous: 401,
  },
  submitDepartmentEvaluation: { roles: { 'unit-preparer': [409, 404, 404] }, others: 403, anonymous: 401 },
  departmentReviewDepartmentEvaluation: {
    roles: { 'department-reviewer': [409, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  firstReviewDepartmentEvaluation: {
    roles: { 'business-section-reviewer': [409, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  finalReviewDepartmentEvaluation: { roles: { [perf]: [409, 409, 404] }, others: 403, anonymous: 401 },
  getDepartmentEvaluationHistory: scopedRead,
  exportDepartmentEvaluationTable: scopedRead,
  // Evidence files per indicator of the department overall self-evaluation (HD, issue 11 item 5): the department's
  // while it may save the record; asked for at a stale version 409; an indicator's list saved at the current version;
  // the id asked for is no file of it, so 404 to every reader.
  uploadDepartmentEvaluationEvidence: {
    roles: {
      'unit-preparer': [409, 404, 404],
      'unit-approver': [409, 404, 404],
      'department-reviewer': [409, 404, 404],
    },
    others: 403,
    anonymous: 401,
  },
  saveDepartmentEvaluationEntryAttachments: {
    roles: {
      'unit-preparer': [200, 404, 404],
      'unit-approver': [200, 404, 404],
      'department-reviewer': [200, 404, 404],
    },
    others: 403,
    anonymous: 401,
  },
  getDepartmentEvaluationAttachment: {
    roles: everyRelation([...projectRoles, 'observer'], 404),
    others: 403,
    anonymous: 401,
  },
  // attachments (issue 12): a target version's basis documents and a monitoring report's files, the unit's while it may
  // edit the draft ("own" is one of each); asked for at a stale version 409; the list saved at the current version;
  // the id asked for is no file of either, so 404 to every reader.
  uploadTargetAttachment: {
    roles: { 'unit-preparer': [409, 404, 404], 'unit-approver': [409, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  saveTargetAttachments: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getTargetAttachment: { roles: everyRelation([...projectRoles, 'observer'], 404), others: 403, anonymous: 401 },
  uploadMonitoringReportAttachment: {
    roles: { 'unit-preparer': [409, 404, 404], 'unit-approver': [409, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  saveMonitoringReportAttachments: {
    roles: { 'unit-preparer': [200, 404, 404], 'unit-approver': [200, 404, 404] },
    others: 403,
    anonymous: 401,
  },
  getMonitoringReportAttachment: {
    roles: everyRelation([...projectRoles, 'observer'], 404),
    others: 403,
    anonymous: 401,
  },
  // The department's figures imported from a file (HE, issue 11 item 5): the department's while it may save the
  // record, as the PATCH; a good file at a stale version 409; another department's or tenant's record not found.
  importDepartmentFigures: {
    roles: {
      'unit-preparer': [409, 404, 404],
      'unit-approver': [409, 404, 404],
      'department-reviewer': [409, 404, 404],
    },
    others: 403,
    anonymous: 401,
  },
  // A file that is no XLSX: refused for the bureau's sections, whichever relation (nothing is stored).
  checkFilledTable: { roles: everyRelation(['business-section-reviewer', perf], 400), others: 403, anonymous: 401 },
  // Kept table checks, saving one as a self-evaluation, and the department workbook (H4, issue 11 items 7 and 9).
  // Kept checks are the bureau's, tenant-wide: an empty body is refused (400), an id no check has is not found.
  keepTableCheck: { roles: everyRelation(['business-section-reviewer', perf], 400), others: 403, anonymous: 401 },
  listTableChecks: { roles: everyRelation(['business-section-reviewer', perf], 200), others: 403, anonymous: 401 },
  getTableCheck: { roles: everyRelation(['business-section-reviewer', perf], 404), others: 403, anonymous: 401 },
  saveTableCheckAsSelfEvaluation: { roles: everyRelation([perf], 404), others: 403, anonymous: 401 },
  getHistoricalSelfEvaluation: {
    roles: everyRelation(['business-section-reviewer', perf], 404),
    others: 403,
    anonymous: 401,
  },
  // The workbook of the relation's department holds what the caller may read of it; nothing readable is not found.
  exportDepartmentWorkbook: withObserver(scopedRead, [404, 404, 404]),

  // bulk review (issue 12): the reviewers answer 200 whatever the relation, each item's outcome inside (a stale
  // version's conflict in reach, not-found beyond it); everyone else 403.
  bulkReviewTargets: { roles: everyRelation(bulkReviewers, 200), others: 403, anonymous: 401 },
  bulkReviewMonitoringReports: { roles: everyRelation(bulkReviewers, 200), others: 403, anonymous: 401 },
  bulkReviewSelfEvaluations: { roles: everyRelation(bulkReviewers, 200), others: 403, anonymous: 401 },
  // The to-do home (issue 12 item 1): everyone signed in reads their own lists (a role with no queue gets none).
  getToDo: { others: 200, anonymous: 401 },
  // Notifications: everyone reads and marks their own; nothing of another person's is addressed by these routes.
  listNotifications: { others: 200, anonymous: 401 },
  markNotificationsRead: { others: 200, anonymous: 401 },
  // 催报 (issue 12 item 3): the bureau's sections remind the departments behind in a round of this tenant; the
  // round of another tenant is not found. Both demo rounds have departments with records not sent, in both sections' scope.
  // The calendar of the budget year: everyone reads the tenant's; the performance section sets its dates (a stale version 409).
  getBudgetCalendar: { others: 200, anonymous: 401 },
  saveBudgetCalendar: { roles: { [perf]: [409, 409, 409] }, others: 403, anonymous: 401 },
  sendMonitoringReminder: { roles: reminderSenders(201), others: 403, anonymous: 401 },
  listMonitoringReminders: { roles: reminderSenders(200), others: 403, anonymous: 401 },
  sendSelfEvaluationReminder: { roles: reminderSenders(201), others: 403, anonymous: 401 },
  listSelfEvaluationReminders: { roles: reminderSenders(200), others: 403, anonymous: 401 },
  // exports across departments (issue 12 item 6): the performance section only; a round of another tenant is a
  // reference not found, a job of another tenant not found.
  createExportJob: { roles: { [perf]: [201, 201, 422] }, others: 403, anonymous: 401 },
  listExportJobs: { roles: { [perf]: [200, 200, 200] }, others: 403, anonymous: 401 },
  // An agency's lead may ask for and read its own engagements' archives (issue 13 item 9), no other kind: asking for
  // a round's export is forbidden like everyone's, reading a year's export is not found.
  getExportJob: { roles: { [perf]: [200, 200, 404], 'agency-lead': [404, 404, 404] }, others: 403, anonymous: 401 },
  // issue 13: each feature's rows live beside its requests in test/api/matrix/.
  ...keyEvaluationRows,
  // issue 14: the bureau's year.
  ...bureauYearRows,
};

const expectedStatus = (row: Row, caller: Caller, relation: Relation): number | undefined => {
  if (row.everyone !== undefined) return row.everyone;
  if (caller === 'anonymous') return row.anonymous;
  const outcome = row.roles?.[caller] ?? row.others;
  return typeof outcome === 'number' ? outcome : outcome?.[relations.indexOf(relation)];
};

let stack: TestStack;
let other: TenantRecords;
/** A file attached (for real, through the bucket) to the own and the other department's assessment. */
const attachments = new Map<Relation, string>();
const tokens = new Map<Role, string>();

type Targets = Record<
  'section' | 'department' | 'unit' | 'agency' | 'user' | 'indicator' | 'project' | 'target' | 'exAnte',
  string
> &
  Record<
    | 'engagement'
    | 'assignment'
    | 'fieldRecord'
    | 'photo'
    | 'site'
    | 'freeSite'
    | 'round'
    | 'report'
    | 'disposition'
    | 'rectification'
    | 'selfEvaluationRound'
    | 'selfEvaluation'
    | 'exportJob',
    string
  >;
/** A released engagement with an assignment, a record and a photo in each relation. */
const engagements = new Map<Relation, EngagementFixture>();
const fieldworkTargets = (relation: Relation) => {
  const f = engagements.get(relation);
  return {
    engagement: f?.engagement ?? uuidV7(),
    assignment: f?.assignment ?? uuidV7(),
    fieldRecord: f?.record ?? uuidV7(),
    photo: f?.photo ?? uuidV7(),
    site: f?.site ?? uuidV7(),
    freeSite: f?.freeSite ?? uuidV7(),
  };
};
/** A monitoring round in each tenant, and a report of the own and the other department. */
const monitoring = new Map<Relation, { round: string; report: string; disposition: string; rectification: string }>();
const monitoringTargets = (relation: Relation) =>
  monitoring.get(relation) ?? { round: uuidV7(), report: uuidV7(), disposition: uuidV7(), rectification: uuidV7() };
/** A self-evaluation round in each tenant, and a draft self-evaluation of the own and the other department. */
const selfEvaluations = new Map<Relation, { selfEvaluationRound: string; selfEvaluation: string }>();
const selfEvaluationTargets = (relation: Relation) =>
  selfEvaluations.get(relation) ?? { selfEvaluationRound: uuidV7(), selfEvaluation: uuidV7() };
/** An export job in each tenant (exports across departments, issue 12). */
const exportJobs = new Map<Relation, string>();
const targets = (relation: Relation): Targets => ({
  exportJob: exportJobs.get(relation) ?? uuidV7(),
  ...organisationTargets(relation),
  ...fieldworkTargets(relation),
  ...monitoringTargets(relation),
  ...selfEvaluationTargets(relation),
});
const organisationTargets = (relation: Relation) =>
  relation === 'own-department'
    ? {
        section: demoId('section:JKW'),
        department: demoId('department:102'),
        unit: demoId('unit:102001'),
        agency: demoId('agency:91120110MA05JX8K2Q'),
        user: demoId('user:unit-preparer'),
        indicator: demoId('indicator:GX-DJ-001'),
        project: demoId('project:DL2027JY0001'),
        target: demoId('target:DL2027JY0001:1'),
        exAnte: demoId('ex-ante:DL2027JY0004'),
      }
    : relation === 'other-department'
      ? {
          section: demoId('section:JJJS'),
          department: demoId('department:101'),
          unit: demoId('unit:101001'),
          agency: demoId('agency:91120116MA06B3T71L'),
          user: demoId('user:observer'),
          indicator: demoId('indicator:HY-WR-001'),
          project: demoId('project:DL2027FG0001'),
          target: demoId('target:DL2027FG0001:1'),
          exAnte: demoId('ex-ante:DL2027FG0001'),
        }
      : other;

const kinds: Record<string, [RecordKind, keyof Targets]> = {
  FinanceSection: [financeSectionKind, 'section'],
  Department: [departmentKind, 'department'],
  Unit: [unitKind, 'unit'],
  Agency: [agencyKind, 'agency'],
  User: [userKind, 'user'],
  Indicator: [indicatorKind, 'indicator'],
  Project: [projectKind, 'project'],
  ExAnteAssessment: [exAnteKind, 'exAnte'],
};

/** Which record a path's `{id}` names. */
const idKey = (path: string): keyof Targets | undefined => {
  const byPrefix: [string, keyof Targets][] = [
    ['/api/v1/projects/', 'project'],
    ['/api/v1/targets/', 'target'],
    ['/api/v1/ex-ante-assessments/', 'exAnte'],
    ['/api/v1/engagements/', 'engagement'],
    ['/api/v1/assignments/', 'assignment'],
    ['/api/v1/field-records/', 'fieldRecord'],
    ['/api/v1/monitoring-rounds/', 'round'],
    ['/api/v1/monitoring-reports/', 'report'],
    ['/api/v1/monitoring-dispositions/', 'disposition'],
    ['/api/v1/rectifications/', 'rectification'],
    ['/api/v1/self-evaluation-rounds/', 'selfEvaluationRound'],
    ['/api/v1/self-evaluations/', 'selfEvaluation'],
    ['/api/v1/export-jobs/', 'exportJob'],
  ];
  return byPrefix.find(([prefix]) => path.startsWith(prefix))?.[1];
};

/** A version no record has: an allowed, in-scope step at it is refused with 409 and changes nothing. */
const staleVersion = 999_999;

const suffix = () =>
  Math.floor(Math.random() * 1e9)
    .toString()
    .padStart(9, '0');

/** The request each operation makes for a relation: which record, which body. */
const requestFor = async (operationId: string, relation: Relation): Promise<{ path: string; body?: unknown }> => {
  const t = targets(relation);
  const route = routes.find((r) => r.operationId === operationId)!;
  const entity = /^(?:list|create|get|update)(\w+?)(?:s|History)?$/.exec(operationId)?.[1] ?? '';
  const [kind, key] = kinds[entity] ?? [undefined, undefined];
  const pathKey = idKey(route.path) ?? key;
  const path = route.path
    .replace('{id}', pathKey ? t[pathKey] : '')
    .replace('{attachmentId}', attachments.get(relation) ?? uuidV7())
    .replace('{photoId}', t.photo)
    .replace('{fiscalYear}', '2026');
  const tenant = relation === 'other-tenant' ? otherTenant.id : demoTenant.id;
  // bulk review (issue 12): the relation's record at a stale version, returned (no grade needed at any step).
  const bulkKey = {
    bulkReviewTargets: 'target',
    bulkReviewMonitoringReports: 'report',
    bulkReviewSelfEvaluations: 'selfEvaluation',
  } as const;
  if (operationId in bulkKey) {
    const id = t[bulkKey[operationId as keyof typeof bulkKey]];
    return { path, body: { decision: 'return', opinion: '矩阵退回', items: [{ id, version: staleVersion }] } };
  }
  const context = {
    store: stack.store,
    operationId,
    path,
    relation,
    tenant,
    engagement: engagements.get(relation),
    targets: t,
  };
  const fieldwork =
    (await keyEvaluationRequest(context)) ??
    (await bureauYearRequest(context)) ??
    (await fieldworkRequest(operationId, path, t, tenant)) ??
    (await monitoringRequest(operationId, path, t, tenant)) ??
    (await selfEvaluationRequest(operationId, path, t, tenant)) ??
    (await departmentEvaluationRequest(stack.store, operationId, relation));
  if (fieldwork) return fieldwork;
  if (operationId === 'exportDepartmentTargets') {
    return { path: `${path}?fiscalYear=2027&departmentId=${t.department}` };
  }
  if (operationId === 'saveTargetWeights') {
    return { path, body: { version: staleVersion, weights: defaultTargetWeights } };
  }
  if (operationId === 'saveScoringSettings') {
    return { path, body: { version: staleVersion, scoring: defaultScoringSettings } };
  }
  if (operationId === 'markNotificationsRead') return { path, body: { upTo: new Date().toISOString() } };
  if (operationId === 'saveBudgetCalendar') {
    return {
      path,
      body: {
        version: staleVersion,
        targetsDue: '2026-09-30',
        budgetReply: null,
        disclosureDays: 20,
        reminderDaysBefore: 3,
      },
    };
  }
  if (operationId === 'saveSubmissionSettings') {
    return { path, body: { version: staleVersion, ...defaultSettingsValues } };
  }
  // attachments (issue 12): a file asked for at a stale version; the saved list emptied at the current one.
  if (operationId === 'uploadTargetAttachment' || operationId === 'uploadMonitoringReportAttachment') {
    const file = {
      id: uuidV7(),
      name: '依据.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
    };
    return { path, body: { version: staleVersion, ...file } };
  }
  if (operationId === 'saveTargetAttachments' || operationId === 'saveMonitoringReportAttachments') {
    const [attachedKind, id] =
      operationId === 'saveTargetAttachments' ? [targetKind, t.target] : [monitoringReportKind, t.report];
    const current = await stack.store.get(tenant, attachedKind, id);
    return { path, body: { version: current?.version ?? 1, attachments: [] } };
  }
  if (operationId === 'saveTarget') {
    const current = await stack.store.get(tenant, targetKind, t.target);
    return { path, body: { version: current?.version ?? 1, annualGoal: `年度目标${suffix()}` } };
  }
  if (route.method === 'PATCH' && kind && key) {
    const current = await stack.store.get(tenant, kind, t[key]);
    const field = entity === 'User' ? 'displayName' : entity === 'ExAnteAssessment' ? 'summary' : 'name';
    return { path, body: { version: current?.version ?? 1, [field]: `改名${suffix()}` } };
  }
  if (route.versionedAction) {
    const current = await stack.store.get(tenant, projectKind, t.project);
    const decisions: Record<string, unknown> = {
      markProjectBudgeted: { version: current?.version ?? 1 },
      submitTarget: { version: staleVersion },
      departmentReviewTarget: { version: staleVersion, decision: 'approve' },
      firstReviewTarget: { version: staleVersion, decision: 'approve' },
      finalReviewTarget: { version: staleVersion, decision: 'approve', grade: 'GOOD' },
      cancelTargetApproval: { version: staleVersion, opinion: '撤回' },
      withdrawTarget: { version: staleVersion },
      withdrawMonitoringReport: { version: staleVersion },
      withdrawSelfEvaluation: { version: staleVersion },
      concludeExAnteAssessment: { version: staleVersion },
      submitExAnteAssessment: { version: staleVersion },
      returnExAnteAssessment: { version: staleVersion, opinion: '请补充测算依据' },
    };
    return { path, body: decisions[operationId] };
  }
  if (route.method !== 'POST') return { path };
  const id = uuidV7();
  const code = suffix();
  const bodies: Record<string, unknown> = {
    createFinanceSection: { id, code: `S${code}`, name: `测试科室${code}`, type: 'BUSINESS' },
    createDepartment: { id, code, name: `测试部门${code}`, series: 'GOVERNMENT', financeSectionId: t.section },
    createUnit: { id, code, name: `测试单位${code}`, departmentId: t.department, unitType: 'OTHER' },
    createAgency: { id, name: `测试机构${code}`, creditCode: `91120110${code}X`, kind: 'OTHER' },
    rollOverIndicators: { fromYear: 2026, toYear: 2030 },
    importExecutionFigures: {
      fiscalYear: 2026,
      fileName: '矩阵.csv',
      contentBase64: Buffer.from('项目编码,资金来源,支出数\nDL2026ZJ0003,专项债,1').toString('base64'),
    },
    createIndicator: {
      id,
      fiscalYear: 2026,
      code: `T-${code}`,
      name: '测试指标',
      level1: 'OUTPUT',
      level2: 'QUANTITY',
      scope: 'SECTOR',
      sector: 'POSTAL',
      operator: 'GTE',
      unit: '个',
      referenceValue: '10',
      valueBasis: 'PLAN',
      scoringStandard: '完成值≥目标值得满分',
      validFrom: '2026-01-01',
    },
    createProject: {
      id,
      fiscalYear: 2027,
      code: `M${code}`,
      name: '矩阵测试项目',
      unitId: t.unit,
      category: 'SPECIFIC_PURPOSE',
      nature: 'CONTINUING',
      recurrence: 'RECURRING',
      periodStart: 2027,
      periodEnd: 2027,
      funds: { fiscal: 100, carryOver: 0, other: 0 },
      functionalClass: '20502',
      majorPolicy: false,
    },
    createProjectTarget: { id },
    uploadExAnteAttachment: {
      id,
      name: '评估报告.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
    },
    uploadRectificationAttachment: {
      id,
      name: '整改佐证.pdf',
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
    },
    createExAnteAssessment: { id, projectId: t.project, assessorType: 'FINANCE' },
    createUser: {
      id,
      username: `u${code}`,
      displayName: '测试用户',
      roles: ['department-reviewer'],
      departmentId: t.department,
    },
  };
  return { path, body: bodies[operationId] };
};

/** Fieldwork requests whose body or query the generic rules above cannot make. */
const fieldworkRequest = async (
  operationId: string,
  path: string,
  t: Targets,
  tenant: string,
): Promise<{ path: string; body?: unknown } | undefined> => {
  const now = new Date().toISOString();
  switch (operationId) {
    case 'listEngagementRecords':
      return { path: `${path}?assignmentId=${t.assignment}` };
    case 'createEngagement':
      return {
        path,
        body: {
          id: uuidV7(),
          kind: 'DEPARTMENT',
          fiscalYear: 2026,
          title: '矩阵测试评价',
          projectId: null,
          departmentId: t.department,
        },
      };
    case 'updateEngagementPlan': {
      const current = await stack.store.get(tenant, engagementKind, t.engagement);
      return { path, body: { version: current?.version ?? 1, title: `改名${suffix()}` } };
    }
    case 'commissionEngagement':
      return {
        path,
        body: {
          version: staleVersion,
          agencyId: t.agency,
          declaration: { noConflict: true, statement: '无', declaredBy: '某', declaredOn: '2026-11-01' },
        },
      };
    case 'approveEngagementPlan':
    case 'closeFieldwork':
    case 'releaseEngagement':
      return { path, body: { version: staleVersion } };
    case 'createAssignment':
      return {
        path,
        body: { id: uuidV7(), evaluatorId: demoId('user:evaluator'), siteIds: [t.freeSite], dueDate: null, note: '' },
      };
    case 'signPhotoUpload':
      return { path, body: { id: uuidV7(), contentType: 'image/jpeg', sizeBytes: 10, sha256: 'a'.repeat(64) } };
    case 'attachFieldPhoto':
      return { path, body: { id: t.photo } };
    case 'exportWorkingPapers':
      return { path, body: { id: uuidV7() } };
    case 'createFieldRecord':
      return {
        path,
        body: {
          id: uuidV7(),
          assignmentId: t.assignment,
          type: 'INTERVIEW',
          deviceCreatedAt: now,
          deviceUpdatedAt: now,
          mode: 'PHONE',
          place: '',
          startedAt: now,
          interviewee: { category: 'IMPLEMENTER', role: '项目负责人', name: '' },
          consent: { given: false, method: null },
          answers: [],
          notes: '电话访谈',
          linkedIndicatorIds: [],
          photos: [],
        },
      };
    case 'updateFieldRecord': {
      const record = await stack.store.get(tenant, fieldRecordKind, t.fieldRecord);
      const keep = [
        'type',
        'deviceCreatedAt',
        'mode',
        'place',
        'startedAt',
        'interviewee',
        'consent',
        'answers',
        'linkedIndicatorIds',
        'photos',
      ];
      const content = Object.fromEntries(keep.map((k) => [k, record?.[k]]));
      return {
        path,
        body: { ...content, version: record?.version ?? 1, deviceUpdatedAt: now, notes: `补充${suffix()}` },
      };
    }
    default:
      return undefined;
  }
};

/** Monitoring requests whose body or query the generic rules cannot make. */
const monitoringRequest = async (
  operationId: string,
  path: string,
  t: Targets,
  tenant: string,
): Promise<{ path: string; body?: unknown } | undefined> => {
  switch (operationId) {
    case 'saveMonitoringSettings':
      return { path, body: { version: staleVersion, thresholds: defaultThresholds } };
    case 'createMonitoringRound':
      // A year without budgeted projects: the round opens, with nothing to issue.
      return {
        path,
        body: {
          id: uuidV7(),
          fiscalYear: 2031,
          name: '矩阵测试监控',
          dataDate: '2031-06-30',
          deadline: '2031-07-20',
          scope: 'ALL',
        },
      };
    case 'issueMonitoringRound':
      return { path, body: {} };
    case 'sendMonitoringReminder':
      return { path, body: { id: uuidV7(), note: '矩阵催报' } };
    case 'createExportJob':
      return { path, body: { id: uuidV7(), kind: 'monitoring-round', roundId: t.round } };
    case 'listMonitoringReports':
    case 'exportDepartmentMonitoring':
      return { path: `${path}?departmentId=${t.department}` };
    case 'saveMonitoringReport': {
      const current = await stack.store.get(tenant, monitoringReportKind, t.report);
      return { path, body: { version: current?.version ?? 1, goalProgress: `进展${suffix()}` } };
    }
    case 'submitMonitoringReport':
    case 'submitRectificationFeedback':
      return { path, body: { version: staleVersion } };
    case 'recordMonitoringDisposition':
      return { path, body: { version: staleVersion, decision: 'NO_ACTION', reason: '偏差原因属客观因素' } };
    case 'resolveMonitoringDisposition':
      return { path, body: { version: staleVersion, outcome: 'RESUMED', reason: '已整改到位' } };
    case 'verifyRectification':
      return { path, body: { version: staleVersion, decision: 'accept', opinion: '整改到位' } };
    case 'saveRectificationFeedback': {
      const current = await stack.store.get(tenant, rectificationKind, t.rectification);
      return { path, body: { version: current?.version ?? 1, feedback: `已整改${suffix()}` } };
    }
    case 'departmentReviewMonitoringReport':
    case 'firstReviewMonitoringReport':
    case 'finalReviewMonitoringReport':
      return { path, body: { version: staleVersion, decision: 'approve' } };
    default:
      return undefined;
  }
};

/** A year no other create uses: one self-evaluation round per tenant and year. */
let nextRoundYear = 2040;

/** Self-evaluation requests whose body or query the generic rules cannot make. */
const selfEvaluationRequest = async (
  operationId: string,
  path: string,
  t: Targets,
  tenant: string,
): Promise<{ path: string; body?: unknown } | undefined> => {
  switch (operationId) {
    case 'createSelfEvaluationRound': {
      // A year without budgeted projects: the round opens, with nothing to issue.
      const fiscalYear = nextRoundYear++;
      return {
        path,
        body: { id: uuidV7(), fiscalYear, name: '矩阵测试自评', deadline: `${fiscalYear + 1}-03-31` },
      };
    }
    case 'issueSelfEvaluationRound':
      return { path, body: {} };
    case 'sendSelfEvaluationReminder':
      return { path, body: { id: uuidV7(), note: '矩阵催报' } };
    case 'checkFilledTable':
      return { path, body: { fileName: '自评表.xlsx', contentBase64: 'AAAA' } };
    case 'keepTableCheck':
      return { path, body: {} };
    case 'getTableCheck':
    case 'getHistoricalSelfEvaluation':
      return { path: path.replace(/\/$/, `/${uuidV7()}`) };
    case 'saveTableCheckAsSelfEvaluation':
      return { path: path.replace('//', `/${uuidV7()}/`), body: { version: null } };
    case 'exportDepartmentWorkbook':
      return { path: `${path}?department=${t.department}` };
    case 'listSelfEvaluations':
      return { path: `${path}?departmentId=${t.department}` };
    case 'saveSelfEvaluation': {
      const current = await stack.store.get(tenant, selfEvaluationKind, t.selfEvaluation);
      return { path, body: { version: current?.version ?? 1, goalCompletion: `完成${suffix()}` } };
    }
    case 'submitSelfEvaluation':
      return { path, body: { version: staleVersion } };
    case 'departmentReviewSelfEvaluation':
    case 'firstReviewSelfEvaluation':
    case 'finalReviewSelfEvaluation':
      return { path, body: { version: staleVersion, decision: 'approve' } };
    case 'drawSpotCheck':
      return { path, body: { version: staleVersion, seed: 'a1b2c3d4', sharePct: 10 } };
    case 'adjustSpotCheck':
      return { path, body: { version: staleVersion, adjustments: [] } };
    case 'uploadSelfEvaluationRowAttachment':
      return {
        path,
        body: {
          version: staleVersion,
          rowId: 'r1',
          id: uuidV7(),
          name: '佐证.pdf',
          contentType: 'application/pdf',
          sizeBytes: 10,
          sha256: 'a'.repeat(64),
        },
      };
    case 'saveSelfEvaluationRowAttachments': {
      const current = await stack.store.get(tenant, selfEvaluationKind, t.selfEvaluation);
      return { path, body: { version: current?.version ?? 1, rowId: 'r1', attachments: [] } };
    }
    default:
      return undefined;
  }
};

beforeAll(async () => {
  stack = await startTestStack();
  other = await seedOtherTenant(stack.store);
  const ownRound = await seedMonitoringRound(stack.store, demoTenant.id);
  const farRound = await seedMonitoringRound(stack.store, otherTenant.id);
  const departmentOf = (t: Pick<Targets, 'department' | 'section' | 'unit'>, name: string) => ({
    id: t.department,
    code: name,
    name,
    series: 'GOVERNMENT',
    financeSectionId: t.section,
    unitId: t.unit,
    unitName: `${name}机关`,
  });
  const run = (tenant: string) => (reportId: string) =>
    operationRunner(stack.store, tenant)(
      'recordMonitoringDisposition',
      { userId: 'matrix:perf', roles: [perf] },
      {
        params: { id: reportId },
        body: {
          version: 1,
          decision: 'RECTIFY',
          reason: '执行进度严重滞后',
          dueDate: '2026-09-30',
          requirements: '加快支出进度',
        },
      },
    );
  const seedRelation = async (
    relation: Relation,
    tenant: string,
    round: string,
    department: ReturnType<typeof departmentOf>,
  ) => {
    const [report, decided] = await seedMonitoringReports(stack.store, tenant, round, department, [
      'DRAFT',
      'FINAL_APPROVED',
    ]);
    const disposition = (await run(tenant)(decided!)).body;
    monitoring.set(relation, {
      round,
      report: report!,
      disposition: String(disposition.id),
      rectification: String(disposition.rectificationId),
    });
  };
  await seedRelation(
    'own-department',
    demoTenant.id,
    ownRound,
    departmentOf(organisationTargets('own-department'), '教育局'),
  );
  await seedRelation(
    'other-department',
    demoTenant.id,
    ownRound,
    departmentOf(organisationTargets('other-department'), '发改委'),
  );
  await seedRelation('other-tenant', otherTenant.id, farRound, departmentOf(other, '河西教育局'));
  const ownSelfEvaluationRound = await seedSelfEvaluationRound(stack.store, demoTenant.id);
  const farSelfEvaluationRound = await seedSelfEvaluationRound(stack.store, otherTenant.id);
  for (const [relation, tenant, round, department] of [
    [
      'own-department',
      demoTenant.id,
      ownSelfEvaluationRound,
      departmentOf(organisationTargets('own-department'), '教育局'),
    ],
    [
      'other-department',
      demoTenant.id,
      ownSelfEvaluationRound,
      departmentOf(organisationTargets('other-department'), '发改委'),
    ],
    ['other-tenant', otherTenant.id, farSelfEvaluationRound, departmentOf(other, '河西教育局')],
  ] as const) {
    selfEvaluations.set(relation, {
      selfEvaluationRound: round,
      selfEvaluation: await seedSelfEvaluation(stack.store, tenant, round, department),
    });
  }
  for (const [relation, tenant] of [
    ['own-department', demoTenant.id],
    ['other-department', demoTenant.id],
    ['other-tenant', otherTenant.id],
  ] as const) {
    exportJobs.set(relation, await seedExportJob(stack.store, tenant));
  }
  await seedDepartmentEvaluations(stack.store, [
    ['own-department', demoTenant.id, organisationTargets('own-department').department],
    ['other-department', demoTenant.id, organisationTargets('other-department').department],
    ['other-tenant', otherTenant.id, other.department],
  ]);
  // An evaluator of the other agency, in this tenant and in the other one.
  const otherAgency = demoId('agency:91120116MA06B3T71L');
  const rivalEvaluator = uuidV7();
  await recordLoader(
    stack.store,
    demoTenant.id,
    'matrix-admin',
  )('createUser', {
    id: rivalEvaluator,
    username: `eval-${suffix()}`,
    displayName: '钱芳',
    roles: ['evaluator'],
    agencyId: otherAgency,
  });
  const farEvaluator = uuidV7();
  await recordLoader(
    stack.store,
    otherTenant.id,
    'other-admin',
  )('createUser', {
    id: farEvaluator,
    username: 'hx-evaluator',
    displayName: '河西评价人员',
    roles: ['evaluator'],
    agencyId: other.agency,
  });
  engagements.set(
    'own-department',
    await seedReleasedEngagement(stack.store, demoTenant.id, {
      departmentId: demoId('department:102'),
      agencyId: demoId('agency:91120110MA05JX8K2Q'),
      evaluatorId: demoId('user:evaluator'),
      leadId: demoId('user:agency-lead'),
    }),
  );
  engagements.set(
    'other-department',
    await seedReleasedEngagement(stack.store, demoTenant.id, {
      departmentId: demoId('department:101'),
      agencyId: otherAgency,
      evaluatorId: rivalEvaluator,
      leadId: 'rival-lead',
    }),
  );
  engagements.set(
    'other-tenant',
    await seedReleasedEngagement(stack.store, otherTenant.id, {
      departmentId: other.department,
      agencyId: other.agency,
      evaluatorId: farEvaluator,
      leadId: 'hx-lead',
    }),
  );
  for (const role of roles) {
    const user = demoUsers.find((u) => u.roles.includes(role))!;
    tokens.set(role, await stack.tokenFor(user.username));
  }
  const bytes = Buffer.from('%PDF-1.4 矩阵测试');
  for (const relation of ['own-department', 'other-department'] as const) {
    const assessment = targets(relation).exAnte;
    const file = {
      id: uuidV7(),
      name: '评估报告.pdf',
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    const as = { token: tokens.get(perf)! };
    const ticket = await stack.call('POST', `/api/v1/ex-ante-assessments/${assessment}/attachment-uploads`, {
      ...as,
      body: file,
    });
    const { 'content-length': _length, ...headers } = ticket.body.upload.headers as Record<string, string>;
    await fetch(ticket.body.upload.url, { method: 'PUT', headers, body: bytes });
    const current = await stack.call('GET', `/api/v1/ex-ante-assessments/${assessment}`, as);
    const listed = await stack.call('PATCH', `/api/v1/ex-ante-assessments/${assessment}`, {
      ...as,
      body: { version: current.body.version, attachments: [ticket.body.attachment] },
    });
    expect(listed.status).toBe(200);
    attachments.set(relation, file.id);
  }
});
afterAll(() => stack?.stop());

describe('authorization matrix', () => {
  it('has a row for every route in the route table, and no row without a route', () => {
    const operationIds = routes.map((r) => r.operationId).sort();
    expect(Object.keys(matrix).sort()).toEqual(operationIds);
  });

  for (const route of routes) {
    describe(`${route.method} ${route.path}`, () => {
      for (const caller of callers) {
        for (const relation of relations) {
          it(`${caller} / ${relation}`, async () => {
            const row = matrix[route.operationId];
            expect(row, `no matrix row for ${route.operationId}`).toBeDefined();
            const expected = expectedStatus(row!, caller, relation);
            expect(expected, `no outcome for ${caller}/${relation}`).toBeDefined();
            const { path, body } = await requestFor(route.operationId, relation);
            const token = caller === 'anonymous' ? undefined : tokens.get(caller);
            const response = await stack.call(route.method, path, { ...(token ? { token } : {}), body });
            expect(response.status, JSON.stringify(response.body)).toBe(expected);
            if (response.status >= 400) {
              expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
            }
            // Another tenant's records never show up in a list.
            if (relation === 'other-tenant' && response.status === 200 && Array.isArray(response.body.items)) {
              expect(JSON.stringify(response.body)).not.toContain(otherTenant.id);
              for (const id of Object.values(other)) expect(JSON.stringify(response.body)).not.toContain(id);
            }
          });
        }
      }
    });
  }
});
