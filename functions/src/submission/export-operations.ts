import type { AuditEntry } from '@jixiao/core/audit.ts';
import { canSee } from '@jixiao/core/scope/project-scope.ts';
import type { PerformanceTarget } from '@jixiao/core/submission/performance-target.ts';
import type { Project } from '@jixiao/core/submission/project.ts';
import {
  departmentTargetWorkbook,
  type TargetTableInput,
  targetTableWorkbook,
} from '#functions/export/target-table.ts';
import { writeXlsx } from '#functions/export/xlsx/write-xlsx.ts';
import { FileBody, type Operation, type OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { departmentKind, unitKind, userKind } from '#functions/organisation/record-kinds.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listPage } from '#functions/records/record-operations.ts';
import { listScope } from '#functions/submission/project-scope.ts';
import { projectKind, targetKind } from '#functions/submission/record-kinds.ts';

type StoredTarget = PerformanceTarget & StoredRecord;
type StoredProject = Project & StoredRecord;

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Enough for any one department's year; a larger export would need an asynchronous job. */
const maxProjects = 300;
/**
 * How far back in a version's audit trail (newest first) its preparer is looked for: past two whole
 * rounds of review. Each entry holds the version before and after, so a department's workbook reads
 * at most this many per project. A version whose last save lies further back names its creator.
 * It is read as the trail's first page, so it stays within one (`historyPageLimit`, which the store
 * enforces): stopping there is this rule, not a cut.
 */
const preparerLookback = 10;
/** Versions whose audit trails are read at once for a department's workbook. */
const historyConcurrency = 8;
const contentWrites = new Set(['save-target', 'create-target']);

/** Who the 申报表's signature lines name, by user id: the preparer and the unit's head who sent it. */
export interface Signatories {
  preparerId: string;
  /** The newest 送审 step: the unit approver's id and the name their token gave. */
  unitHead: { by: string; byName: string } | null;
}

/**
 * 填报人 is whoever last wrote the version's content: its newest save, else its creation, in its
 * audit trail (newest first), else the version's creator. 单位负责人 is the unit approver of its
 * newest 送审 step in its review log.
 */
export const signatoriesFrom = (
  history: readonly Pick<AuditEntry, 'actor' | 'operation'>[],
  target: Pick<PerformanceTarget, 'createdBy' | 'reviewLog'>,
): Signatories => {
  const write = history.find((entry) => entry.operation !== undefined && contentWrites.has(entry.operation));
  const submit = target.reviewLog.findLast((step) => step.action === 'submit');
  return {
    preparerId: write?.actor ?? target.createdBy,
    unitHead: submit ? { by: submit.by, byName: submit.byName } : null,
  };
};

/**
 * Names, not ids: a user record's name (`names`, by user id), else the name the approver's token gave
 * when it is not just the id again, else nothing (the line is left for a pen).
 */
export const signatureNames = (
  names: ReadonlyMap<string, string>,
  s: Signatories,
): { preparerName: string | null; unitHeadName: string | null } => {
  const nameOf = (id: string, tokenName?: string): string | null =>
    names.get(id)?.trim() || (tokenName && tokenName.trim() !== '' && tokenName !== id ? tokenName.trim() : null);
  return {
    preparerName: nameOf(s.preparerId),
    unitHeadName: s.unitHead ? nameOf(s.unitHead.by, s.unitHead.byName) : null,
  };
};

/**
 * The 项目支出绩效目标申报表 as XLSX (财预〔2015〕88号 layout, see target-table.ts and
 * docs/domain/submission.md): one version of one project, or a department's year with a summary
 * sheet, a sheet per project (its approved version, else its newest) and 补充信息.
 */
export const exportOperations = (store: RecordStore) => {
  const signatoriesOf = async (tenant: string, target: StoredTarget): Promise<Signatories> =>
    signatoriesFrom((await store.history(tenant, targetKind, target.id, { limit: preparerLookback })).items, target);

  /** The names of everyone `signatories` name, read at once. */
  const namesOf = async (tenant: string, signatories: readonly Signatories[]) => {
    const ids = [...new Set(signatories.flatMap((s) => [s.preparerId, ...(s.unitHead ? [s.unitHead.by] : [])]))];
    const users = (await Promise.all(chunks(ids, 100).map((some) => store.getMany(tenant, userKind, some)))).flat();
    const names = new Map(users.map((u) => [u.id, String(u.displayName ?? '')]));
    return (s: Signatories) => signatureNames(names, s);
  };

  /** The names come with the project (copied when it was registered); the department's code is read once. */
  const tableInput = async (
    tenant: string,
    project: StoredProject,
    target: StoredTarget,
    people: { preparerName: string | null; unitHeadName: string | null },
    department?: StoredRecord,
  ): Promise<TargetTableInput> => {
    const dept = department ?? (await store.get(tenant, departmentKind, project.departmentId));
    const unitName = project.unitName ?? String((await store.get(tenant, unitKind, project.unitId))?.name ?? '');
    return {
      project,
      target,
      departmentName: project.departmentName ?? String(dept?.name ?? ''),
      departmentCode: String(dept?.code ?? ''),
      unitName,
      ...people,
    };
  };

  const targetTable: Operation = async (request: OperationRequest<{ id: string }>) => {
    const tenant = request.principal.tenant;
    const target = await store.get<StoredTarget>(tenant, targetKind, request.params.id);
    if (!target || !canSee(request.principal, target)) throw new HttpProblem('not-found');
    const project = await store.get<StoredProject>(tenant, projectKind, target.projectId);
    if (!project) throw new HttpProblem('not-found');
    const signatories = await signatoriesOf(tenant, target);
    const people = (await namesOf(tenant, [signatories]))(signatories);
    const workbook = targetTableWorkbook(await tableInput(tenant, project, target, people));
    const name = `${project.code}-${project.name}-绩效目标申报表-第${target.versionNo}版.xlsx`;
    return { status: 200, body: new FileBody(writeXlsx(workbook), xlsx, name) };
  };

  const departmentWorkbook: Operation = async (
    request: OperationRequest<unknown, { fiscalYear: string; departmentId?: string }>,
  ) => {
    const tenant = request.principal.tenant;
    const departmentId = request.query.departmentId ?? request.principal.departmentId;
    if (!departmentId) throw new HttpProblem('not-found');
    const scope = listScope(request.principal, { departmentId });
    const department = await store.get(tenant, departmentKind, departmentId);
    const inScope =
      department !== undefined &&
      canSee(request.principal, {
        departmentId,
        unitId: request.principal.unitId,
        financeSectionId: department.financeSectionId,
      });
    if (scope === 'nothing' || !department || !inScope) throw new HttpProblem('not-found');
    const projects: StoredProject[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPage<StoredProject>(
        store,
        tenant,
        projectKind,
        {
          limit: 100,
          cursor,
          ownerId: departmentId,
          filters: [...scope.filters, { field: 'fiscalYear', op: 'eq', value: Number(request.query.fiscalYear) }],
        },
        request.language,
      );
      projects.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && projects.length <= maxProjects);
    // Refused whole rather than cut short: a workbook missing projects would pass for the department's year.
    if (projects.length > maxProjects) {
      throw new HttpProblem('rules-not-met', {
        detail:
          request.language === 'en'
            ? `More than ${maxProjects} projects: too many for one workbook; export them one by one.`
            : `项目超过 ${maxProjects} 个，无法在一个工作簿中导出，请逐个项目导出申报表。`,
      });
    }
    const withTargets = projects.filter((p) => p.approvedTargetId ?? p.currentTargetId);
    const targets = new Map(
      (
        await Promise.all(
          chunks(
            withTargets.map((p) => (p.approvedTargetId ?? p.currentTargetId)!),
            100,
          ).map((ids) => store.getMany<StoredTarget>(tenant, targetKind, ids)),
        )
      )
        .flat()
        .map((t) => [t.id, t]),
    );
    const pairs = withTargets
      .sort((a, b) => a.code.localeCompare(b.code))
      .flatMap((p) => {
        const target = targets.get((p.approvedTargetId ?? p.currentTargetId)!);
        return target ? [{ project: p, target }] : [];
      });
    const signatories: Signatories[] = [];
    for (const some of chunks(pairs, historyConcurrency)) {
      signatories.push(...(await Promise.all(some.map(({ target }) => signatoriesOf(tenant, target)))));
    }
    const peopleOf = await namesOf(tenant, signatories);
    const inputs: TargetTableInput[] = [];
    for (const [i, { project: p, target }] of pairs.entries()) {
      inputs.push(await tableInput(tenant, p, target, peopleOf(signatories[i]!), department));
    }
    const workbook = departmentTargetWorkbook(String(department.name), Number(request.query.fiscalYear), inputs);
    const name = `${String(department.name)}-${request.query.fiscalYear}年度项目支出绩效目标申报表.xlsx`;
    return { status: 200, body: new FileBody(writeXlsx(workbook), xlsx, name) };
  };

  return { targetTable, departmentWorkbook };
};

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
