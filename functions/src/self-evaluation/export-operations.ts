import type { Page } from '@jixiao/core/schema-parts.ts';
import { FileBody, type Operation, type OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import {
  type selfEvaluationRecordOperations,
  sheetOf,
} from '#functions/self-evaluation/self-evaluation-record-operations.ts';
import type { StoredSelfEvaluation } from '#functions/self-evaluation/tally-writes.ts';
import { workbookEntries } from '#functions/self-evaluation/workbook-entries.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The layout and the XLSX writer are loaded only when someone exports (they are not small). */
const layouts = async () => {
  const [table, writer] = await Promise.all([
    import('#functions/export/self-evaluation-table.ts'),
    import('#functions/export/xlsx/write-xlsx.ts'),
  ]);
  return { ...table, writeXlsx: writer.writeXlsx };
};

/** The 项目支出绩效自评表 of one self-evaluation as XLSX (docs/domain/self-evaluation.md#exports). */
export const selfEvaluationExportOperations = (
  records: ReturnType<typeof selfEvaluationRecordOperations>,
  store: RecordStore,
) => {
  const table: Operation = async (request: OperationRequest<{ id: string }>) => {
    const found = await records.visible(request, request.params.id);
    const { selfEvaluationTableWorkbook, writeXlsx } = await layouts();
    const bytes = writeXlsx(selfEvaluationTableWorkbook(found, sheetOf(found)));
    return {
      status: 200,
      body: new FileBody(bytes, xlsx, `${found.projectCode}-${found.projectName}-绩效自评表.xlsx`),
    };
  };
  /**
   * A department's self-evaluations of a round in one workbook (docs/domain/self-evaluation.md#exports): the
   * round's list as the caller may read it, followed to its last page; more than the workbook's limit is
   * refused, never cut. The treasury's figures of every project are read in one batch.
   */
  const departmentWorkbook: Operation = async (request: OperationRequest<{ id: string }, { department: string }>) => {
    const { departmentWorkbook: workbookOf, maxWorkbookProjects } = await import(
      '#functions/export/department-workbook.ts'
    );
    const found: StoredSelfEvaluation[] = [];
    let cursor: string | undefined;
    do {
      const query = { limit: 100, cursor, departmentId: request.query.department };
      const page = (await records.list({ ...request, query })).body as Page<StoredSelfEvaluation>;
      found.push(...page.items);
      cursor = page.nextCursor;
      if (found.length > maxWorkbookProjects) {
        const detail =
          request.language === 'en'
            ? `A workbook holds at most ${maxWorkbookProjects} self-evaluations; this department has more: export them one by one`
            : `每个工作簿至多 ${maxWorkbookProjects} 个项目，该部门超过此数，请逐个导出`;
        throw new HttpProblem('rules-not-met', { detail });
      }
    } while (cursor);
    if (found.length === 0) throw new HttpProblem('not-found');
    const entries = await workbookEntries(store, request.principal.tenant, found);
    const { writeXlsx } = await layouts();
    const first = found[0]!;
    const bytes = writeXlsx(workbookOf({ roundName: first.roundName, departmentName: first.departmentName }, entries));
    return {
      status: 200,
      body: new FileBody(bytes, xlsx, `${first.departmentName}-${first.roundName}-绩效自评表.xlsx`),
    };
  };

  return { table, departmentWorkbook };
};
