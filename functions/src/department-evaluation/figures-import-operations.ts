import { isDepartmentMember } from '@jixiao/core/department-evaluation/department-evaluation.ts';
import type { DepartmentFigures } from '@jixiao/core/department-evaluation/department-figures.ts';
import {
  type ImportDepartmentFigures,
  maxFigureFileBytes,
  readDepartmentFigures,
} from '@jixiao/core/department-evaluation/read-department-figures.ts';
import type { Language } from '@jixiao/core/language.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { decodeText } from '@jixiao/core/self-evaluation/execution-figures/decode-text.ts';
import { parseCsv, type TextRow } from '@jixiao/core/self-evaluation/execution-figures/parse-csv.ts';
import {
  csvError,
  type ImportError,
  notTextError,
} from '@jixiao/core/self-evaluation/execution-figures/read-execution-figures.ts';
import { sheetRows } from '@jixiao/core/self-evaluation/execution-figures/read-file.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { defaultXlsxLimits, readXlsx } from '#functions/import/xlsx/read-xlsx.ts';
import { XlsxReadError } from '#functions/import/xlsx/xlsx-error.ts';

const isXlsx = (bytes: Buffer) => bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304;

const refused = (errors: readonly ImportError[], language: Language): HttpProblem =>
  new HttpProblem('rules-not-met', {
    detail:
      language === 'en'
        ? `The file has ${errors.length} error(s); no figure was saved.`
        : `文件中有 ${errors.length} 处错误，未保存任何数据。`,
    errors: errors.map((e): FieldError => ({ pointer: '/contentBase64', code: e.code, message: e.message[language] })),
  });

/** The rows of a CSV (UTF-8, GB18030 or UTF-16) or of an XLSX's first visible sheet that holds any. */
const rowsOf = (bytes: Buffer): { rows: TextRow[] } | { error: ImportError } => {
  if (!isXlsx(bytes)) {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { error: notTextError };
    const csv = parseCsv(decoded.text);
    return csv.ok ? { rows: csv.rows } : { error: csvError(csv.line, csv.problem) };
  }
  try {
    const grid = readXlsx(bytes, { ...defaultXlsxLimits, maxFileBytes: maxFigureFileBytes });
    const sheet = grid.sheets.find((s) => !s.hidden && s.cells.length > 0);
    return { rows: sheet ? sheetRows(sheet) : [] };
  } catch (error) {
    if (!(error instanceof XlsxReadError)) throw error;
    return { error: { line: null, column: null, code: `xlsx_${error.code.toLowerCase()}`, message: error.detail } };
  }
};

/**
 * The department's figures imported from a file (docs/domain/self-evaluation.md, "Department overall
 * self-evaluation"): read here and saved through the department evaluation's own operations — read as its GET
 * reads (out of scope: not found), saved as its PATCH saves (who may save, a draft or returned record only, the
 * version read), so an import is exactly the PATCH of its figures. A file with any bad row saves nothing; a file whose figures are already the record's changes nothing.
 */
export const departmentFiguresImportOperations = (evaluations: Operations): Operations => {
  const importFigures: Operation = async (
    request: OperationRequest<{ id: string }, unknown, ImportDepartmentFigures>,
  ) => {
    const { version, contentBase64 } = request.body;
    const language = request.language;
    // Out of the caller's scope: not found, as every department-evaluation route answers.
    const current = await evaluations.getDepartmentEvaluation!({ ...request, query: {}, body: undefined });
    const record = current.body as { departmentId: string; figures: DepartmentFigures };
    if (!isDepartmentMember(request.principal, record)) throw new HttpProblem('forbidden');
    // Buffer.from skips what is not base64: a damaged upload must be refused, not read in part.
    const bytes =
      contentBase64.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)
        ? Buffer.from(contentBase64, 'base64')
        : undefined;
    if (!bytes || bytes.length > maxFigureFileBytes) {
      const tooLarge = bytes !== undefined;
      throw new HttpProblem('validation-failed', {
        errors: [
          {
            pointer: '/contentBase64',
            code: tooLarge ? 'file_too_large' : 'base64',
            message: tooLarge
              ? language === 'en'
                ? `The file is larger than ${maxFigureFileBytes / 1024} KiB`
                : `文件超过 ${maxFigureFileBytes / 1024} KiB`
              : language === 'en'
                ? 'The file is not base64-encoded'
                : '文件内容不是 base64 编码',
          },
        ],
      });
    }
    const read = rowsOf(bytes);
    if ('error' in read) throw refused([read.error], language);
    const { figures, errors } = readDepartmentFigures(read.rows);
    if (errors.length > 0) throw refused(errors, language);
    // The same file again (or one whose figures the record already holds): nothing to save, no new version.
    const unchanged = Object.entries(figures).every(
      ([key, value]) => record.figures[key as keyof DepartmentFigures] === value,
    );
    if (unchanged) return current;
    return evaluations.saveDepartmentEvaluation!({ ...request, body: { version, figures } });
  };

  return { importDepartmentFigures: importFigures };
};
