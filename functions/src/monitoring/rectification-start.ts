import type { DepartmentEvaluation } from '@jixiao/core/department-evaluation/department-evaluation.ts';
import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import type { RectificationSource, StartRectification } from '@jixiao/core/monitoring/rectification.ts';
import type { SelfEvaluation } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import type { Project } from '@jixiao/core/submission/project.ts';
import { departmentEvaluationKind } from '#functions/department-evaluation/record-kinds.ts';
import { engagementKind, type StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { StoredRectification } from '#functions/monitoring/record-kinds.ts';
import { rectificationKind } from '#functions/monitoring/record-kinds.ts';
import type { RecordStore, StoredRecord, TransactionWrite } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { selfEvaluationKind } from '#functions/self-evaluation/record-kinds.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

/**
 * Starting a rectification (docs/domain/monitoring.md, "Rectification"), the one way every source takes: a
 * monitoring disposition, a key evaluation's result notice, and the bureau's start from a self-evaluation, a
 * department evaluation or a key evaluation after its final report.
 */

/** The project a project-level rectification is about, with the unit that answers it. */
export interface RectifiedProject {
  id: string;
  code: string;
  name: string;
  unitId: string;
  unitName: string;
}

/** What a source knows of the rectification it starts. */
export interface RectificationFacts {
  source: RectificationSource;
  /** The disposition, the engagement, the self-evaluation or the department evaluation. */
  sourceId: string;
  fiscalYear: number;
  /** Monitoring only: the report decided on and its round; else absent (null). */
  reportId?: string | null;
  roundId?: string | null;
  /** What it is about as the source names it; monitoring's records carry none (their project names them). */
  title?: string;
  /** The project and its unit, or null for a department-level one, which the department answers. */
  project: RectifiedProject | null;
  departmentId: string;
  departmentName: string;
  financeSectionId: string | null;
  requirements: string;
  /** A Beijing day, YYYY-MM-DD. */
  dueDate: string;
  /** The opinion the notice is issued with, the log's first step. */
  opinion: string;
}

/**
 * A source's one rectification has an id derived from it, so a retried step (a disposition, a result notice) never
 * starts two. Monitoring's seed is the disposition's id alone, as it always was.
 */
export const rectificationIdOf = (source: RectificationSource, sourceId: string): string =>
  derivedId(source === 'MONITORING' ? `rectification:${sourceId}` : `rectification:${source}:${sourceId}`);

/**
 * The rectification a source starts, issued as a notice, and its create write for the caller's transaction. `hash`
 * is what a replay of the write must match: by default the rectification's id, so the same step run again replays it
 * whatever else it carries.
 */
export const startRectification = (
  facts: RectificationFacts,
  request: Pick<OperationRequest, 'principal' | 'receivedAt'>,
  hash: string = requestHash({ rectification: rectificationIdOf(facts.source, facts.sourceId) }),
): { id: string; rectification: StoredRectification; write: TransactionWrite } => {
  const id = rectificationIdOf(facts.source, facts.sourceId);
  const now = request.receivedAt;
  const by = request.principal.userId;
  const rectification: StoredRectification = {
    id,
    version: 1,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    createdBy: by,
    updatedBy: by,
    source: facts.source,
    sourceId: facts.sourceId,
    reportId: facts.reportId ?? null,
    roundId: facts.roundId ?? null,
    fiscalYear: facts.fiscalYear,
    ...(facts.title === undefined ? {} : { title: facts.title }),
    projectId: facts.project?.id ?? null,
    projectCode: facts.project?.code ?? null,
    projectName: facts.project?.name ?? null,
    departmentId: facts.departmentId,
    departmentName: facts.departmentName,
    unitId: facts.project?.unitId ?? null,
    unitName: facts.project?.unitName ?? null,
    financeSectionId: facts.financeSectionId,
    state: 'NOTICE_ISSUED',
    requirements: facts.requirements,
    dueDate: facts.dueDate,
    round: 1,
    feedback: '',
    feedbackSubmittedAt: null,
    closedAt: null,
    log: [
      {
        action: 'issue-notice',
        from: 'NOTICE_ISSUED',
        to: 'NOTICE_ISSUED',
        by,
        byName: request.principal.displayName ?? by,
        at: now,
        opinion: facts.opinion,
      },
    ],
  };
  return { id, rectification, write: { kind: rectificationKind, create: rectification, hash } };
};

/** The key evaluation's states after which the bureau may start a rectification from it. */
const concludedEngagement: readonly EngagementState[] = ['FINAL_REPORT', 'RESULT_NOTIFIED'];

type StoredSelfEvaluation = SelfEvaluation & StoredRecord;
type StoredDepartmentEvaluation = DepartmentEvaluation & StoredRecord;
type StoredProject = Project & StoredRecord;

const sourceNotFound = (language: string) =>
  new HttpProblem('reference-not-found', {
    errors: [
      {
        pointer: '/sourceId',
        code: 'reference_not_found',
        message: language === 'en' ? 'No such source record' : '整改来源记录不存在',
      },
    ],
  });

const notConcluded = (language: string, zh: string, en: string) =>
  new HttpProblem('rules-not-met', {
    errors: [{ pointer: '/sourceId', code: 'source_not_concluded', message: language === 'en' ? en : zh }],
  });

/**
 * The facts of the bureau's start from its body: the source record, read in the caller's tenant (another tenant's is
 * not found, 422), and refused (422) unless the bureau has concluded on it — a self-evaluation finally approved, a
 * department evaluation approved, a key evaluation with its final report.
 */
export const sourceFacts = async (
  store: RecordStore,
  request: OperationRequest<unknown, unknown, StartRectification>,
): Promise<RectificationFacts> => {
  const { tenant } = request.principal;
  const body = request.body;
  const language = request.language;
  const notice = {
    source: body.source,
    sourceId: body.sourceId,
    requirements: body.requirements,
    dueDate: body.dueDate,
    opinion: body.opinion,
  };
  switch (body.source) {
    case 'SELF_EVALUATION': {
      const s = await store.get<StoredSelfEvaluation>(tenant, selfEvaluationKind, body.sourceId);
      if (!s) throw sourceNotFound(language);
      if (s.reviewStatus !== 'FINAL_APPROVED')
        throw notConcluded(language, '该自评尚未终审通过', 'The self-evaluation is not finally approved yet');
      return {
        ...notice,
        fiscalYear: s.fiscalYear,
        title: s.projectName,
        project: { id: s.projectId, code: s.projectCode, name: s.projectName, unitId: s.unitId, unitName: s.unitName },
        departmentId: s.departmentId,
        departmentName: s.departmentName,
        financeSectionId: s.financeSectionId ?? null,
      };
    }
    case 'DEPARTMENT_EVALUATION': {
      const d = await store.get<StoredDepartmentEvaluation>(tenant, departmentEvaluationKind, body.sourceId);
      if (!d) throw sourceNotFound(language);
      if (d.reviewStatus !== 'FINAL_APPROVED')
        throw notConcluded(language, '该部门整体自评尚未审核通过', 'The department evaluation is not approved yet');
      return {
        ...notice,
        fiscalYear: d.fiscalYear,
        title: `${d.departmentName}${d.fiscalYear}年度部门整体支出绩效自评`,
        project: null,
        departmentId: d.departmentId,
        departmentName: d.departmentName,
        financeSectionId: d.financeSectionId,
      };
    }
    case 'KEY_EVALUATION': {
      const e = await store.get<StoredEngagement>(tenant, engagementKind, body.sourceId);
      if (!e) throw sourceNotFound(language);
      if (!concludedEngagement.includes(e.state))
        throw notConcluded(language, '该重点评价报告尚未定稿', 'The key evaluation has no final report yet');
      return { ...notice, ...(await engagementFacts(store, tenant, e)) };
    }
  }
};

/**
 * What a key evaluation knows of its rectification (all but the notice's text): a project's engagement is answered by
 * the project's unit (read from the project), a department's overall one (no project) by the department. The result
 * notice step passes these, with its requirements, due date and opinion, to `startRectification`.
 */
export const engagementFacts = async (
  store: RecordStore,
  tenant: string,
  e: StoredEngagement,
): Promise<Omit<RectificationFacts, 'requirements' | 'dueDate' | 'opinion'>> => {
  let project: RectifiedProject | null = null;
  if (e.projectId) {
    const p = await store.get<StoredProject>(tenant, projectKind, e.projectId);
    if (!p) throw new HttpProblem('not-found');
    project = {
      id: p.id,
      code: e.projectCode ?? p.code,
      name: e.projectName ?? p.name,
      unitId: p.unitId,
      unitName: p.unitName ?? '',
    };
  }
  return {
    source: 'KEY_EVALUATION',
    sourceId: e.id,
    fiscalYear: e.fiscalYear,
    title: e.title,
    project,
    departmentId: e.departmentId,
    departmentName: e.departmentName,
    financeSectionId: e.financeSectionId,
  };
};

/** Whether the source already has its rectification (a step that starts one may find it started by the bureau). */
export const rectificationOf = (store: RecordStore, tenant: string, source: RectificationSource, sourceId: string) =>
  store.get<StoredRectification>(tenant, rectificationKind, rectificationIdOf(source, sourceId));
