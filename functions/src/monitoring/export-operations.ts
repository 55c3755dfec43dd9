import type { Principal } from '@jixiao/core/principal.ts';
import { describe } from '@jixiao/core/validation.ts';
import { FileBody, type Operation, type OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { monitoringReportKind, monitoringRoundKind, monitoringTallyKind } from '#functions/monitoring/record-kinds.ts';
import type { reportOperations } from '#functions/monitoring/report-operations.ts';
import {
  reviewsTally,
  type StoredReport,
  type TallyRecord,
  talliesOf,
  tallyId,
} from '#functions/monitoring/tally-writes.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The layouts and the XLSX writer are loaded only when someone exports (they are not small). */
const layouts = async () => {
  const [table, writer] = await Promise.all([
    import('#functions/export/monitoring-table.ts'),
    import('#functions/export/xlsx/write-xlsx.ts'),
  ]);
  return { ...table, writeXlsx: writer.writeXlsx };
};

/** Reviewers export the departments they review; a unit's people their own department (their unit's reports). */
const mayExportDepartment = (p: Principal, tally: TallyRecord): boolean =>
  reviewsTally(p, tally) || p.departmentId === tally.departmentId;

/**
 * The 项目支出绩效运行监控表 as XLSX, for one report or a department's round, and the list of who
 * has not reported by the deadline (未按时报送清单) for the bureau to chase.
 */
export const monitoringExportOperations = (store: RecordStore, reports: ReturnType<typeof reportOperations>) => {
  const reportsOf = async (tenant: string, roundId: string, departmentId: string): Promise<StoredReport[]> => {
    const found: StoredReport[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list<StoredReport>(tenant, monitoringReportKind, {
        limit: 100,
        cursor,
        ownerId: `${roundId}#${departmentId}`,
      });
      found.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return found;
  };

  const reportTable: Operation = async (request: OperationRequest<{ id: string }>) => {
    const report = await reports.visibleReport(request, request.params.id);
    const tally = await store.get<TallyRecord>(
      request.principal.tenant,
      monitoringTallyKind,
      tallyId(report.roundId, report.departmentId),
    );
    const { monitoringTableWorkbook, writeXlsx } = await layouts();
    const bytes = writeXlsx(monitoringTableWorkbook({ ...report, departmentCode: tally?.departmentCode ?? '' }));
    return {
      status: 200,
      body: new FileBody(bytes, xlsx, `${report.projectCode}-${report.projectName}-绩效运行监控表.xlsx`),
    };
  };

  /** Units see only their unit's reports in the workbook; the department and the bureau see all of it. */
  const departmentTables: Operation = async (request: OperationRequest<{ id: string }, { departmentId?: string }>) => {
    const p = request.principal;
    const round = await store.get<StoredRecord & { name: string; dataDate: string }>(
      p.tenant,
      monitoringRoundKind,
      request.params.id,
    );
    if (!round) throw new HttpProblem('not-found');
    const departmentId = request.query.departmentId ?? p.departmentId;
    if (!departmentId) {
      throw new HttpProblem('validation-failed', {
        errors: [{ pointer: '/departmentId', code: 'required', message: describe('required', request.language) }],
      });
    }
    const tally = await store.get<TallyRecord>(p.tenant, monitoringTallyKind, tallyId(round.id, departmentId));
    if (!tally || !mayExportDepartment(p, tally)) throw new HttpProblem('not-found');
    const unitOnly = !reviewsTally(p, tally);
    const items = (await reportsOf(p.tenant, round.id, departmentId)).filter((r) => !unitOnly || r.unitId === p.unitId);
    const { departmentMonitoringWorkbook, writeXlsx } = await layouts();
    const workbook = departmentMonitoringWorkbook(
      items.map((r) => ({ ...r, departmentCode: tally.departmentCode })),
      { departmentName: tally.departmentName, roundName: round.name, dataDate: round.dataDate },
    );
    return {
      status: 200,
      body: new FileBody(writeXlsx(workbook), xlsx, `${tally.departmentName}-${round.name}-绩效运行监控表.xlsx`),
    };
  };

  /** Reads only the departments whose tally says someone has not reported, or reported late. */
  const overdue: Operation = async (request: OperationRequest<{ id: string }>) => {
    const p = request.principal;
    const round = await store.get<StoredRecord & { name: string }>(p.tenant, monitoringRoundKind, request.params.id);
    if (!round) throw new HttpProblem('not-found');
    const tallies = await talliesOf(store, p.tenant, round.id);
    const behind = tallies.filter((t) => mayExportDepartment(p, t) && (t.submitted < t.reports || t.late > 0));
    const { overdueWorkbook, overdueStatus, writeXlsx } = await layouts();
    const rows = [];
    for (const tally of behind) {
      for (const report of await reportsOf(p.tenant, round.id, tally.departmentId)) {
        const row = { ...report, departmentCode: tally.departmentCode };
        if (overdueStatus(row, request.receivedAt)) rows.push(row);
      }
    }
    const bytes = writeXlsx(overdueWorkbook(rows, { asOf: request.receivedAt }));
    return { status: 200, body: new FileBody(bytes, xlsx, `${round.name}-未按时报送清单.xlsx`) };
  };

  return { reportTable, departmentTables, overdue };
};
