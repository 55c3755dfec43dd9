import { FileBody, type Operation, type OperationRequest } from '#functions/http/api-event.ts';
import {
  type selfEvaluationRecordOperations,
  sheetOf,
} from '#functions/self-evaluation/self-evaluation-record-operations.ts';

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
export const selfEvaluationExportOperations = (records: ReturnType<typeof selfEvaluationRecordOperations>) => {
  const table: Operation = async (request: OperationRequest<{ id: string }>) => {
    const found = await records.visible(request, request.params.id);
    const { selfEvaluationTableWorkbook, writeXlsx } = await layouts();
    const bytes = writeXlsx(selfEvaluationTableWorkbook(found, sheetOf(found)));
    return {
      status: 200,
      body: new FileBody(bytes, xlsx, `${found.projectCode}-${found.projectName}-绩效自评表.xlsx`),
    };
  };
  return { table };
};
