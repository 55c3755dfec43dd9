import { completeScoringSettings, type ScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import type { SaveScoringSettings } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { scoringSettingsKind } from '#functions/self-evaluation/record-kinds.ts';

type SettingsRecord = StoredRecord & { fiscalYear: number; scoring: ScoringSettings };

const settingsId = (fiscalYear: number) => derivedId(`scoring-settings:${fiscalYear}`);

/**
 * The scoring settings of a fiscal year (docs/domain/self-evaluation.md#scoring-settings): the defaults
 * until the performance section saves its own; a round copies them when it opens.
 */
export const scoringSettingsOperations = (store: RecordStore) => {
  const settingsFor = (tenant: string, fiscalYear: number) =>
    store.get<SettingsRecord>(tenant, scoringSettingsKind, settingsId(fiscalYear));

  /** What a round opened now for the year is scored by. */
  const scoringFor = async (tenant: string, fiscalYear: number): Promise<ScoringSettings> =>
    completeScoringSettings((await settingsFor(tenant, fiscalYear))?.scoring ?? {});

  const body = (fiscalYear: number, stored: SettingsRecord | undefined) => ({
    fiscalYear,
    scoring: completeScoringSettings(stored?.scoring ?? {}),
    version: stored?.version ?? 0,
  });

  const get: Operation = async (request: OperationRequest<{ fiscalYear: number }>) => {
    const { fiscalYear } = request.params;
    return { status: 200, body: body(fiscalYear, await settingsFor(request.principal.tenant, fiscalYear)) };
  };

  const save: Operation = async (request: OperationRequest<{ fiscalYear: number }, unknown, SaveScoringSettings>) => {
    const tenant = request.principal.tenant;
    const { fiscalYear } = request.params;
    const current = await settingsFor(tenant, fiscalYear);
    if ((current?.version ?? 0) !== request.body.version) {
      throw new HttpProblem('version-conflict', { current: body(fiscalYear, current) });
    }
    const context = { ...writeContext(request), operation: 'save-scoring-settings' };
    if (!current) {
      const record = newRecord({ id: settingsId(fiscalYear), fiscalYear, scoring: request.body.scoring }, request);
      const result = await store.create(tenant, scoringSettingsKind, record, {
        hash: requestHash(request.body),
        context,
      });
      if (result.outcome === 'created' || result.outcome === 'replayed') {
        return { status: 200, body: body(fiscalYear, result.record as SettingsRecord) };
      }
      throw new HttpProblem('version-conflict', { current: body(fiscalYear, await settingsFor(tenant, fiscalYear)) });
    }
    const next: SettingsRecord = {
      ...current,
      scoring: request.body.scoring,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(tenant, scoringSettingsKind, current, next, context);
    if (result.outcome !== 'updated') {
      throw new HttpProblem('version-conflict', { current: body(fiscalYear, await settingsFor(tenant, fiscalYear)) });
    }
    return { status: 200, body: body(fiscalYear, next) };
  };

  return { get, save, scoringFor };
};
