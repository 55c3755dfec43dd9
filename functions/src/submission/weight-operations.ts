import { withWeights } from '@jixiao/core/submission/submission-config.ts';
import {
  defaultTargetWeights,
  type TargetWeights,
  weightSettingsErrors,
} from '@jixiao/core/submission/target-weights.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { weightSettingsKind } from '#functions/submission/record-kinds.ts';

type SettingsRecord = StoredRecord & { fiscalYear: number; weights: TargetWeights };

const settingsId = (fiscalYear: number) => derivedId(`target-weight-settings:${fiscalYear}`);

/**
 * The year's target weights, kept by the performance section (docs/domain/submission.md,
 * "Weights"): the defaults until it saves its own. Targets are checked against the weights of
 * their fiscal year, so a change applies to every check made afterwards, drafts and reviews alike.
 */
export const weightOperations = (store: RecordStore) => {
  const stored = (tenant: string, fiscalYear: number) =>
    store.get<SettingsRecord>(tenant, weightSettingsKind, settingsId(fiscalYear));

  /** The configuration a target of this year is checked with. */
  const configFor = async (tenant: string, fiscalYear: number) =>
    withWeights((await stored(tenant, fiscalYear))?.weights ?? defaultTargetWeights);

  const get: Operation = async (request: OperationRequest<{ fiscalYear: number }>) => {
    const { fiscalYear } = request.params;
    const record = await stored(request.principal.tenant, fiscalYear);
    return {
      status: 200,
      body: { fiscalYear, weights: record?.weights ?? defaultTargetWeights, version: record?.version ?? 0 },
    };
  };

  const save: Operation = async (
    request: OperationRequest<{ fiscalYear: number }, unknown, { version: number; weights: TargetWeights }>,
  ) => {
    const tenant = request.principal.tenant;
    const { fiscalYear } = request.params;
    const errors = weightSettingsErrors(request.body.weights, request.language);
    if (errors.length > 0) throw new HttpProblem('validation-failed', { errors });
    const current = await stored(tenant, fiscalYear);
    if ((current?.version ?? 0) !== request.body.version) {
      throw new HttpProblem('version-conflict', { current: current ?? null });
    }
    const context = { ...writeContext(request), operation: 'save-target-weights' };
    if (!current) {
      const record = newRecord({ id: settingsId(fiscalYear), fiscalYear, weights: request.body.weights }, request);
      const result = await store.create(tenant, weightSettingsKind, record, {
        hash: requestHash(request.body),
        context,
      });
      if (result.outcome === 'created' || result.outcome === 'replayed') {
        return { status: 200, body: { fiscalYear, weights: result.record.weights, version: result.record.version } };
      }
      throw new HttpProblem('version-conflict', { current: await stored(tenant, fiscalYear) });
    }
    const next: SettingsRecord = {
      ...current,
      weights: request.body.weights,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(tenant, weightSettingsKind, current, next, context);
    if (result.outcome !== 'updated') {
      throw new HttpProblem('version-conflict', { current: await stored(tenant, fiscalYear) });
    }
    return { status: 200, body: { fiscalYear, weights: next.weights, version: next.version } };
  };

  return { get, save, configFor };
};
