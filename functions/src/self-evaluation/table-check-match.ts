import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { editableSelfEvaluationStatuses } from '@jixiao/core/self-evaluation/self-evaluation-workflow.ts';
import type { TargetStatus } from '@jixiao/core/submission/performance-target.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { selfEvaluationKind, selfEvaluationRoundKind } from '#functions/self-evaluation/record-kinds.ts';
import { selfEvaluationId } from '#functions/self-evaluation/round-operations.ts';
import {
  historicalSelfEvaluationId,
  historicalSelfEvaluationKind,
  type StoredTableCheck,
} from '#functions/self-evaluation/table-check-kinds.ts';
import type { StoredSelfEvaluation } from '#functions/self-evaluation/tally-writes.ts';
import { projectKind } from '#functions/submission/record-kinds.ts';

export type MatchedProject = StoredRecord & {
  code: string;
  name: string;
  departmentId: string;
  unitId?: string | null;
  fiscalYear: number;
};

/**
 * Where saving a kept check as a self-evaluation would write, found by the table's project code
 * (docs/domain/self-evaluation.md#keeping-a-checked-table): the project's self-evaluation issued in that
 * year's round, else that year's historical self-evaluation of the one project with the code; or why not.
 */
export type TableCheckMatch =
  | {
      kind: 'ROUND';
      selfEvaluationId: string;
      roundId: string;
      projectId: string;
      projectName: string;
      version: number;
      reviewStatus: TargetStatus;
      /** The unit may still edit it (a draft or a returned one): only then may a table fill it. */
      editable: boolean;
    }
  | {
      kind: 'HISTORY';
      projectId: string;
      projectName: string;
      departmentId: string;
      unitId: string | null;
      historicalId: string;
      version: number | null;
    }
  | { kind: 'NONE'; error: FieldError };

const says = (code: string, language: Language, zh: string, en: string): TableCheckMatch => ({
  kind: 'NONE',
  error: { pointer: '/projectCode', code, message: language === 'en' ? en : zh },
});

/** Every project with the code, in any year (codes are unique per year only), following the pages to the end. */
const projectsWithCode = async (store: RecordStore, tenant: string, code: string): Promise<MatchedProject[]> => {
  const found: MatchedProject[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list<MatchedProject>(tenant, projectKind, {
      limit: 100,
      cursor,
      filters: [{ field: 'code', op: 'eq', value: code }],
    });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return found;
};

export const tableCheckMatch = async (
  store: RecordStore,
  request: OperationRequest,
  kept: StoredTableCheck,
): Promise<TableCheckMatch> => {
  const { language } = request;
  const tenant = request.principal.tenant;
  const code = kept.projectCode?.trim();
  if (!code) {
    return says(
      'no_project_code',
      language,
      '表中没有项目编码，无法对应到项目',
      'The table gives no project code, so it matches no project',
    );
  }
  const projects = await projectsWithCode(store, tenant, code);
  if (projects.length === 0) {
    return says('no_project', language, `没有项目编码为“${code}”的项目`, `No project has the code "${code}"`);
  }
  // The year's round, and the table it issued to each project with the code (a carried-over project's too).
  const rounds = await store.list<StoredRecord & { fiscalYear: number }>(tenant, selfEvaluationRoundKind, {
    limit: 10,
    ownerId: String(kept.fiscalYear),
  });
  const round = rounds.items[0];
  const issued = round
    ? await store.getMany<StoredSelfEvaluation>(
        tenant,
        selfEvaluationKind,
        projects.map((p) => selfEvaluationId(round.id, p.id)),
      )
    : [];
  if (issued.length > 1) {
    return says(
      'several_projects',
      language,
      `项目编码“${code}”对应本年度自评中的 ${issued.length} 个项目：${issued.map((s) => s.projectName).join('、')}`,
      `The code "${code}" matches ${issued.length} projects of the year's round: ${issued.map((s) => s.projectName).join(', ')}`,
    );
  }
  const [one] = issued;
  if (round && one) {
    return {
      kind: 'ROUND',
      selfEvaluationId: one.id,
      roundId: round.id,
      projectId: one.projectId,
      projectName: one.projectName,
      version: one.version,
      reviewStatus: one.reviewStatus,
      editable: editableSelfEvaluationStatuses.includes(one.reviewStatus),
    };
  }
  // No table issued for the year: the project of that year with the code, else the one project of any year.
  const ofYear = projects.filter((p) => p.fiscalYear === kept.fiscalYear);
  const candidates = ofYear.length > 0 ? ofYear : projects;
  if (candidates.length > 1) {
    const years = candidates.map((p) => p.fiscalYear).join(language === 'en' ? ', ' : '、');
    return says(
      'several_projects',
      language,
      `项目编码“${code}”对应 ${candidates.length} 个项目（${years} 年度），而 ${kept.fiscalYear} 年度没有以此编码的项目`,
      `The code "${code}" matches ${candidates.length} projects (of ${years}) and none of ${kept.fiscalYear}`,
    );
  }
  const project = candidates[0]!;
  const historicalId = historicalSelfEvaluationId(project.id, kept.fiscalYear);
  const existing = await store.get(tenant, historicalSelfEvaluationKind, historicalId);
  return {
    kind: 'HISTORY',
    projectId: project.id,
    projectName: project.name,
    departmentId: project.departmentId,
    unitId: project.unitId ?? null,
    historicalId,
    version: existing?.version ?? null,
  };
};
