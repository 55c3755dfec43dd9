import type { FieldError } from '@jixiao/core/problem.ts';
import {
  configOf,
  defaultSettingsValues,
  type SettingsValues,
  type SubmissionSettings,
  submissionSettingsErrors,
} from '@jixiao/core/submission/submission-settings.ts';
import { type TargetWeights, weightSettingsErrors } from '@jixiao/core/submission/target-weights.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { newRecord, writeContext } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';
import { weightSettingsKind } from '#functions/submission/record-kinds.ts';

/**
 * Records saved before the threshold and the grades were settings hold only the weights: the
 * missing parts are the defaults, until the year's settings are saved again.
 */
type SettingsRecord = StoredRecord & { fiscalYear: number } & Partial<SettingsValues> & { weights: TargetWeights };

/** The one record of a year's submission settings (a self-evaluation round copies its weights when it opens). */
export const weightSettingsId = (fiscalYear: number) => derivedId(`target-weight-settings:${fiscalYear}`);

const valuesOf = (record: SettingsRecord | undefined): SettingsValues => ({
  weights: record?.weights ?? defaultSettingsValues.weights,
  exAnteThresholdFen: record?.exAnteThresholdFen ?? defaultSettingsValues.exAnteThresholdFen,
  passingGrades: record?.passingGrades ?? defaultSettingsValues.passingGrades,
});

const settingsBody = (fiscalYear: number, record: SettingsRecord | undefined): SubmissionSettings => ({
  fiscalYear,
  ...valuesOf(record),
  version: record?.version ?? 0,
});

const weightsBody = (fiscalYear: number, record: SettingsRecord | undefined) => ({
  fiscalYear,
  weights: valuesOf(record).weights,
  version: record?.version ?? 0,
});

/**
 * The submission settings of a year, kept by the performance section (docs/domain/submission.md,
 * "Settings of the year"): the target weights, the ex-ante threshold and the passing grades, one
 * record per tenant and year, the defaults until it saves its own. Every check made afterwards
 * (targets, a project's ex-ante flag, the budget gate) uses the settings of its fiscal year.
 * `/target-weights/{year}` reads and writes the weights of the same record, as it always has.
 */
export const weightOperations = (store: RecordStore) => {
  const stored = (tenant: string, fiscalYear: number) =>
    store.get<SettingsRecord>(tenant, weightSettingsKind, weightSettingsId(fiscalYear));

  /** The configuration a project or target of this year is checked with. */
  const configFor = async (tenant: string, fiscalYear: number) => configOf(valuesOf(await stored(tenant, fiscalYear)));

  /** Writes the settings as `change` makes them from the stored ones, at the version the caller read. */
  const write = async (
    request: OperationRequest<{ fiscalYear: number }, unknown, { version: number }>,
    operation: string,
    change: (current: SettingsValues) => SettingsValues,
    errorsOf: (next: SettingsValues) => FieldError[],
  ): Promise<SettingsRecord> => {
    const tenant = request.principal.tenant;
    const { fiscalYear } = request.params;
    const current = await stored(tenant, fiscalYear);
    const values = change(valuesOf(current));
    const errors = errorsOf(values);
    if (errors.length > 0) throw new HttpProblem('validation-failed', { errors });
    if ((current?.version ?? 0) !== request.body.version) {
      throw new HttpProblem('version-conflict', { current: current ?? null });
    }
    const context = { ...writeContext(request), operation };
    if (!current) {
      const record: SettingsRecord = {
        ...newRecord({ id: weightSettingsId(fiscalYear) }, request),
        fiscalYear,
        ...values,
      };
      const result = await store.create<SettingsRecord>(tenant, weightSettingsKind, record, {
        hash: requestHash(request.body),
        context,
      });
      if (result.outcome === 'created' || result.outcome === 'replayed') return result.record;
      throw new HttpProblem('version-conflict', { current: await stored(tenant, fiscalYear) });
    }
    const next: SettingsRecord = {
      ...current,
      ...values,
      version: current.version + 1,
      updatedAt: request.receivedAt,
      updatedBy: request.principal.userId,
    };
    const result = await store.update(tenant, weightSettingsKind, current, next, context);
    if (result.outcome !== 'updated') {
      throw new HttpProblem('version-conflict', { current: await stored(tenant, fiscalYear) });
    }
    return next;
  };

  const get: Operation = async (request: OperationRequest<{ fiscalYear: number }>) => {
    const { fiscalYear } = request.params;
    return { status: 200, body: weightsBody(fiscalYear, await stored(request.principal.tenant, fiscalYear)) };
  };

  /** The weights alone; the threshold and the grades stay as they are. */
  const save: Operation = async (
    request: OperationRequest<{ fiscalYear: number }, unknown, { version: number; weights: TargetWeights }>,
  ) => {
    const record = await write(
      request,
      'save-target-weights',
      (current) => ({ ...current, weights: request.body.weights }),
      (next) => weightSettingsErrors(next.weights, request.language),
    );
    return { status: 200, body: weightsBody(request.params.fiscalYear, record) };
  };

  const getSettings: Operation = async (request: OperationRequest<{ fiscalYear: number }>) => {
    const { fiscalYear } = request.params;
    return { status: 200, body: settingsBody(fiscalYear, await stored(request.principal.tenant, fiscalYear)) };
  };

  const saveSettings: Operation = async (
    request: OperationRequest<{ fiscalYear: number }, unknown, { version: number } & SettingsValues>,
  ) => {
    const { version: _version, ...values } = request.body;
    const record = await write(
      request,
      'save-submission-settings',
      () => values,
      (next) => submissionSettingsErrors(next, request.language),
    );
    return { status: 200, body: settingsBody(request.params.fiscalYear, record) };
  };

  return { get, save, getSettings, saveSettings, configFor };
};
