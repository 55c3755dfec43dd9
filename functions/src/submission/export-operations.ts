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
import { departmentKind, unitKind } from '#functions/organisation/record-kinds.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { listPage } from '#functions/records/record-operations.ts';
import { canSee, listScope } from '#functions/submission/project-scope.ts';
import { projectKind, targetKind } from '#functions/submission/record-kinds.ts';

type StoredTarget = PerformanceTarget & StoredRecord;
type StoredProject = Project & StoredRecord;

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Enough for any one department's year; a larger export would need an asynchronous job. */
const maxProjects = 300;

/**
 * The 项目支出绩效目标申报表 as XLSX (domain.md §5.3 layout): one version of one project, or a
 * department's year with a summary sheet and a sheet per project (its approved version, else
 * its newest).
 */
export const exportOperations = (store: RecordStore) => {
  /** The names come with the project (copied when it was registered); the department's code is read once. */
  const tableInput = async (
    tenant: string,
    project: StoredProject,
    target: StoredTarget,
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
    };
  };

  const targetTable: Operation = async (request: OperationRequest<{ id: string }>) => {
    const tenant = request.principal.tenant;
    const target = await store.get<StoredTarget>(tenant, targetKind, request.params.id);
    if (!target || !canSee(request.principal, target)) throw new HttpProblem('not-found');
    const project = await store.get<StoredProject>(tenant, projectKind, target.projectId);
    if (!project) throw new HttpProblem('not-found');
    const workbook = targetTableWorkbook(await tableInput(tenant, project, target));
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
    } while (cursor && projects.length < maxProjects);
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
    const inputs: TargetTableInput[] = [];
    for (const p of withTargets.sort((a, b) => a.code.localeCompare(b.code))) {
      const target = targets.get((p.approvedTargetId ?? p.currentTargetId)!);
      if (target) inputs.push(await tableInput(tenant, p, target, department));
    }
    const workbook = departmentTargetWorkbook(String(department.name), Number(request.query.fiscalYear), inputs);
    const name = `${String(department.name)}-${request.query.fiscalYear}年度项目支出绩效目标申报表.xlsx`;
    return { status: 200, body: new FileBody(writeXlsx(workbook), xlsx, name) };
  };

  return { targetTable, departmentWorkbook };
};

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
