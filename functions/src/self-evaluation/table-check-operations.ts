import type { Language } from '@jixiao/core/language.ts';
import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { type CheckFilledTable, maxTableFileBytes } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { checkTable } from '@jixiao/core/self-evaluation/table-check/table-check.ts';
import type { TargetWeights } from '@jixiao/core/submission/target-weights.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { defaultXlsxLimits, readXlsx } from '#functions/import/xlsx/read-xlsx.ts';
import { XlsxReadError } from '#functions/import/xlsx/xlsx-error.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import type { scoringSettingsOperations } from '#functions/self-evaluation/scoring-settings-operations.ts';
import { withoutExact } from '#functions/self-evaluation/without-exact.ts';
import { weightSettingsKind } from '#functions/submission/record-kinds.ts';
import { weightSettingsId } from '#functions/submission/weight-operations.ts';

const refused = (code: string, message: string) =>
  new HttpProblem('validation-failed', { errors: [{ pointer: '/contentBase64', code, message }] });

const fileBytes = (contentBase64: string, language: Language): Buffer => {
  // Buffer.from skips what is not base64: a damaged upload must be refused, not read in part.
  if (contentBase64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) {
    throw refused('base64', language === 'en' ? 'The file is not base64-encoded' : '文件内容不是 base64 编码');
  }
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length > maxTableFileBytes) {
    const mib = maxTableFileBytes / 1024 / 1024;
    throw refused('file_too_large', language === 'en' ? `The file is larger than ${mib} MiB` : `文件超过 ${mib} MiB`);
  }
  return bytes;
};

/**
 * Checks a filled 项目支出绩效自评表 sent as departments send them today
 * (docs/domain/self-evaluation.md#checking-a-filled-table): read, scored by the year's settings and
 * weights, every printed score set beside the formula's with its likely cause. Nothing is stored.
 */
export const tableCheckOperations = (store: RecordStore, settings: ReturnType<typeof scoringSettingsOperations>) => {
  const check: Operation = async (request: OperationRequest<unknown, unknown, CheckFilledTable>) => {
    const { contentBase64, fiscalYear } = request.body;
    const bytes = fileBytes(contentBase64, request.language);
    let grid: ReturnType<typeof readXlsx>;
    try {
      grid = readXlsx(bytes, { ...defaultXlsxLimits, maxFileBytes: maxTableFileBytes });
    } catch (error) {
      if (!(error instanceof XlsxReadError)) throw error;
      throw refused(`xlsx_${error.code.toLowerCase()}`, error.detail[request.language]);
    }
    // The year's settings and budget-execution points when the upload names its year; the national defaults otherwise.
    const tenant = request.principal.tenant;
    const scoring = fiscalYear ? await settings.scoringFor(tenant, fiscalYear) : defaultScoringSettings;
    const weights = fiscalYear
      ? await store.get<StoredRecord & { weights: TargetWeights }>(
          tenant,
          weightSettingsKind,
          weightSettingsId(fiscalYear),
        )
      : undefined;
    const result = checkTable(grid, scoring, {
      ...(fiscalYear ? { fiscalYear } : {}),
      ...(weights ? { executionPoints: weights.weights.budgetExecution } : {}),
    });
    return { status: 200, body: withoutExact(result) };
  };
  return { check };
};
