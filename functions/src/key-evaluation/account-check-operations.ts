import { createHash, randomBytes } from 'node:crypto';
import {
  checkProblems,
  maxDraws,
  maxImportFileBytes,
  maxPayments,
  type PaymentCheck,
  type PaymentContent,
} from '@jixiao/core/key-evaluation/account-check.ts';
import {
  type ImportResult,
  type ImportRowError,
  readPaymentRows,
} from '@jixiao/core/key-evaluation/account-check-import.ts';
import { describeAccountCheck } from '@jixiao/core/key-evaluation/account-check-messages.ts';
import {
  drawAccountSample,
  methodText,
  populationKey,
  type SampleReason,
} from '@jixiao/core/key-evaluation/account-check-sample.ts';
import { accountCheckTotals } from '@jixiao/core/key-evaluation/account-check-totals.ts';
import { paperStateOf } from '@jixiao/core/key-evaluation/paper-state.ts';
import type { FieldError } from '@jixiao/core/problem.ts';
import { bureauSees, departmentSees, isPerformanceSection, leadsAgencyOf } from '@jixiao/core/scope/fieldwork-scope.ts';
import { decodeText } from '@jixiao/core/self-evaluation/execution-figures/decode-text.ts';
import { parseCsv } from '@jixiao/core/self-evaluation/execution-figures/parse-csv.ts';
import { sheetRows } from '@jixiao/core/self-evaluation/execution-figures/read-file.ts';
import { engagementKind, type StoredEngagement } from '#functions/fieldwork/record-kinds.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import { defaultXlsxLimits, readXlsx } from '#functions/import/xlsx/read-xlsx.ts';
import { XlsxReadError } from '#functions/import/xlsx/xlsx-error.ts';
import {
  type AccountCheckDraw,
  type AccountCheckImport,
  accountCheckKind,
  accountPaymentKind,
  type StoredAccountCheck,
  type StoredPayment,
} from '#functions/key-evaluation/account-check-kind.ts';
import { findingKind, type StoredFinding } from '#functions/key-evaluation/finding-kind.ts';
import { paperLocks } from '#functions/key-evaluation/paper-lock.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { RecordStore, TransactionWrite } from '#functions/ports/record-store.ts';
import { derivedId } from '#functions/records/derived-id.ts';
import { listAll } from '#functions/records/list-all.ts';
import { newRecord } from '#functions/records/record-operations.ts';
import { requestHash } from '#functions/records/request-hash.ts';

/**
 * Payments one transaction of an import creates. DynamoDB takes 100 items a transaction and a create needs three (the
 * record, its audit entry, its idempotency key): 30 payments (90), the paper lock (2), an amendment record (3) and the
 * account check itself (2) fit.
 */
export const paymentsPerTransaction = 30;
/** Errors one refusal lists (a file of 5,000 bad rows would answer past Lambda's 6 MB); the detail gives the count. */
export const maxListedErrors = 500;
/** Imports kept on the account check (each up to 5,000 payments, so the list never reaches this in practice). */
const maxImports = 200;

const paperType = 'account-check';

type Content = PaymentContent & { amendmentReason?: string };

const contentOf = (body: Content): PaymentContent => ({
  paymentDate: body.paymentDate,
  payee: body.payee,
  amountFen: body.amountFen,
  reference: body.reference,
  quotaIssueDate: body.quotaIssueDate,
  milestone: body.milestone,
  budgetLine: body.budgetLine,
  budgetAmountFen: body.budgetAmountFen,
});

const problem = (request: OperationRequest, errors: { pointer: string; code: string }[], extra = {}) =>
  new HttpProblem('rules-not-met', {
    errors: errors.map((e): FieldError => ({ ...e, message: describeAccountCheck(e.code, request.language, extra) })),
  });

/**
 * The account check (账务核查 / 资金支付核验) of a key evaluation (docs/domain/key-evaluation.md#the-account-check).
 * The commissioned agency's lead writes; the bureau reads (the performance section may amend after the final
 * report); the agency's evaluators read; the evaluated department reads nothing before the final report. Every write
 * goes through the engagement's paper lock.
 */
export const accountCheckOperations = (store: RecordStore, _evidence: EvidenceStore): Operations => {
  const locks = paperLocks(store);

  /**
   * The engagement the caller may read, or 404 (another's engagement is not shown to exist). The evaluated
   * department reads once the papers are locked by the final report (the lock's state is the papers' own).
   */
  const engagementOf = async (request: OperationRequest, id: string): Promise<StoredEngagement> => {
    const p = request.principal;
    const e = await store.get<StoredEngagement>(p.tenant, engagementKind, id);
    if (!e) throw new HttpProblem('not-found');
    if (bureauSees(p, e) || leadsAgencyOf(p, e)) return e;
    if (p.roles.includes('evaluator') && p.agencyId !== undefined && p.agencyId === e.agencyId) return e;
    if (departmentSees(p, e) && (await papersLocked(p.tenant, e))) return e;
    throw new HttpProblem('not-found');
  };

  const papersLocked = async (tenant: string, e: StoredEngagement) =>
    paperStateOf((await locks.read(tenant, e.id))?.state ?? e.state) === 'locked';

  /**
   * Who writes: the agency's lead; the performance section only as an amendment after the final report (the lock
   * itself checks the reason and the state). Asked inside the lock's write, where the amendment is known.
   */
  /** The same, asked before a file is read or anything is counted, so a caller who may not write learns that first. */
  const mayStart = async (request: OperationRequest, e: StoredEngagement) => {
    const p = request.principal;
    if (leadsAgencyOf(p, e)) return;
    if (isPerformanceSection(p) && (await papersLocked(p.tenant, e))) return;
    throw new HttpProblem('forbidden');
  };

  const mayWrite = (request: OperationRequest, e: StoredEngagement, amendment: unknown) => {
    const p = request.principal;
    if (leadsAgencyOf(p, e)) return;
    if (isPerformanceSection(p) && amendment) return;
    throw new HttpProblem('forbidden');
  };

  const paymentOf = async (request: OperationRequest, id: string) => {
    const payment = await store.get<StoredPayment>(request.principal.tenant, accountPaymentKind, id);
    if (!payment) throw new HttpProblem('not-found');
    const engagement = await engagementOf(request, payment.engagementId);
    return { payment, engagement };
  };

  const paymentsOf = (tenant: string, engagementId: string) =>
    listAll<StoredPayment>(store, tenant, accountPaymentKind, { ownerId: engagementId }, maxPayments);

  const accountCheckOf = (tenant: string, engagementId: string) =>
    store.get<StoredAccountCheck>(tenant, accountCheckKind, engagementId);

  /** The sample in force: the latest draw's, and whether the list is still the one it was drawn from. */
  const sampleOf = (check: StoredAccountCheck | undefined, payments: readonly StoredPayment[]) => {
    const draw = check?.draws.at(-1);
    if (!draw) return { draw: undefined, current: false, reasons: new Map<string, SampleReason>() };
    const { reasons } = drawAccountSample(payments, draw);
    return { draw, current: draw.populationKey === populationKey(payments), reasons };
  };

  const accountCheckWrite = (
    request: OperationRequest,
    engagement: StoredEngagement,
    current: StoredAccountCheck | undefined,
    change: Partial<StoredAccountCheck>,
  ): TransactionWrite => {
    if (current) {
      const after = {
        ...current,
        ...change,
        version: current.version + 1,
        updatedAt: request.receivedAt,
        updatedBy: request.principal.userId,
      };
      return { kind: accountCheckKind, before: current, after };
    }
    const create = {
      ...newRecord({ id: engagement.id }, request),
      engagementId: engagement.id,
      draws: [],
      imports: [],
      ...change,
    } as StoredAccountCheck;
    return {
      kind: accountCheckKind,
      create,
      hash: requestHash({ accountCheck: engagement.id, at: request.requestId }),
    };
  };

  // ------------------------------------------------------------------------------------------------ read

  const get: Operation = async (request: OperationRequest<{ id: string }>) => {
    const tenant = request.principal.tenant;
    const engagement = await engagementOf(request, request.params.id);
    const [check, payments, lock] = await Promise.all([
      accountCheckOf(tenant, engagement.id),
      paymentsOf(tenant, engagement.id),
      locks.read(tenant, engagement.id),
    ]);
    const sample = sampleOf(check, payments);
    const ordered = [...payments].sort(
      (a, b) =>
        a.paymentDate.localeCompare(b.paymentDate) ||
        (a.line ?? 0) - (b.line ?? 0) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    const items = ordered.map((p) => ({ ...p, sampleReason: sample.reasons.get(p.id) ?? null }));
    const totals = accountCheckTotals(
      items.map((p) => ({
        amountFen: p.amountFen,
        sampled: p.sampleReason !== null,
        abnormal: p.check?.abnormal === true,
        checked: p.check !== null,
      })),
    );
    const draw = sample.draw;
    return {
      status: 200,
      body: {
        engagementId: engagement.id,
        paperState: paperStateOf(lock?.state ?? engagement.state),
        version: check?.version ?? null,
        amendment: check?.amendment ?? null,
        sample: draw
          ? {
              ...draw,
              current: sample.current,
              method: { 'zh-CN': methodText(draw, draw.random), en: methodText(draw, draw.random, 'en') },
            }
          : null,
        draws: [...(check?.draws ?? [])].reverse(),
        imports: [...(check?.imports ?? [])].reverse(),
        totals,
        items,
        limits: { maxPayments, maxImportFileBytes, paymentsPerTransaction },
      },
    };
  };

  // ---------------------------------------------------------------------------------------------- payments

  const createPayment: Operation = async (request: OperationRequest<unknown, unknown, Content & { id: string }>) => {
    const { body } = request;
    const engagementId = (request.params as { id: string }).id;
    const tenant = request.principal.tenant;
    const engagement = await engagementOf(request, engagementId);
    await mayStart(request, engagement);
    const existing = await store.get<StoredPayment>(tenant, accountPaymentKind, body.id);
    if (existing && existing.engagementId !== engagement.id) throw new HttpProblem('idempotency-conflict');
    const [written] = await locks.write(
      request,
      engagement,
      async ({ amendment }) => {
        mayWrite(request, engagement, amendment);
        if (!existing) {
          const count = (await paymentsOf(tenant, engagement.id)).length;
          if (count + 1 > maxPayments)
            throw problem(request, [{ pointer: '', code: 'account_check_too_many_payments' }], {
              limit: maxPayments,
              count: count + 1,
            });
        }
        const payment = {
          ...newRecord({ id: body.id }, request),
          ...contentOf(body),
          engagementId: engagement.id,
          importId: null,
          line: null,
          check: null,
          checkedAt: null,
          checkedByName: null,
          ...(amendment ? { amendment } : {}),
        } as StoredPayment;
        return [{ kind: accountPaymentKind, create: payment, hash: requestHash(body) }];
      },
      { amendmentReason: body.amendmentReason, paperType },
    );
    return { status: 201, body: written };
  };

  const updatePayment: Operation = async (
    request: OperationRequest<{ id: string }, unknown, Content & { version: number }>,
  ) => {
    const { payment, engagement } = await paymentOf(request, request.params.id);
    await mayStart(request, engagement);
    const { body } = request;
    const [written] = await locks.write(
      request,
      engagement,
      ({ amendment }) => {
        mayWrite(request, engagement, amendment);
        if (payment.version !== body.version) throw new HttpProblem('version-conflict', { current: payment });
        const after = {
          ...payment,
          ...contentOf(body),
          version: payment.version + 1,
          updatedAt: request.receivedAt,
          updatedBy: request.principal.userId,
        };
        return [{ kind: accountPaymentKind, before: payment, after }];
      },
      { amendmentReason: body.amendmentReason, paperType },
    );
    return { status: 200, body: written };
  };

  /** The findings a check links to that are not rows of this engagement's issue summary (问题汇总表). */
  const unknownFindings = async (request: OperationRequest, engagement: StoredEngagement, ids: string[]) => {
    const found = await Promise.all(
      ids.map((id) => store.get<StoredFinding>(request.principal.tenant, findingKind, id)),
    );
    return ids.filter((_, i) => found[i]?.engagementId !== engagement.id);
  };

  const checkPayment: Operation = async (
    request: OperationRequest<{ id: string }, unknown, PaymentCheck & { version: number; amendmentReason?: string }>,
  ) => {
    const { payment, engagement } = await paymentOf(request, request.params.id);
    await mayStart(request, engagement);
    const { version, amendmentReason, ...check } = request.body;
    const tenant = request.principal.tenant;
    const [written] = await locks.write(
      request,
      engagement,
      async ({ amendment }) => {
        mayWrite(request, engagement, amendment);
        if (payment.version !== version) throw new HttpProblem('version-conflict', { current: payment });
        // A payment out of the sample (or a sample out of date) is not checked at all: that is said first.
        const [accountCheck, payments] = await Promise.all([
          accountCheckOf(tenant, engagement.id),
          paymentsOf(tenant, engagement.id),
        ]);
        const sample = sampleOf(accountCheck, payments);
        if (!sample.current || !sample.reasons.has(payment.id))
          throw problem(request, [{ pointer: '', code: 'account_check_not_sampled' }]);
        const problems = checkProblems(check);
        if (problems.length > 0) throw problem(request, problems);
        if ((await unknownFindings(request, engagement, check.findingIds)).length > 0)
          throw problem(request, [{ pointer: '/findingIds', code: 'account_check_finding_unknown' }]);
        const p = request.principal;
        const after = {
          ...payment,
          check: { ...check, explanation: check.explanation.trim() },
          checkedAt: request.receivedAt,
          checkedByName: p.displayName ?? p.userId,
          version: payment.version + 1,
          updatedAt: request.receivedAt,
          updatedBy: p.userId,
        };
        return [{ kind: accountPaymentKind, before: payment, after }];
      },
      { amendmentReason, paperType },
    );
    return { status: 200, body: written };
  };

  // ------------------------------------------------------------------------------------------------ sample

  const draw: Operation = async (
    request: OperationRequest<
      { id: string },
      unknown,
      { version: number | null; thresholdFen: number; sharePct: number; seed?: string; amendmentReason?: string }
    >,
  ) => {
    const { body } = request;
    const tenant = request.principal.tenant;
    const engagement = await engagementOf(request, request.params.id);
    await mayStart(request, engagement);
    const seed = body.seed ?? randomBytes(4).toString('hex');
    const [written] = await locks.write(
      request,
      engagement,
      async ({ amendment }) => {
        mayWrite(request, engagement, amendment);
        const [current, payments] = await Promise.all([
          accountCheckOf(tenant, engagement.id),
          paymentsOf(tenant, engagement.id),
        ]);
        if ((current?.version ?? null) !== body.version) throw new HttpProblem('version-conflict', { current });
        if (payments.length === 0) throw problem(request, [{ pointer: '', code: 'account_check_no_payments' }]);
        const parameters = { seed, thresholdFen: body.thresholdFen, sharePct: body.sharePct };
        const sample = drawAccountSample(payments, parameters);
        const p = request.principal;
        const entry: AccountCheckDraw = {
          ...parameters,
          populationKey: populationKey(payments),
          populationCount: payments.length,
          aboveThreshold: sample.aboveThreshold,
          random: sample.random,
          at: request.receivedAt,
          by: p.userId,
          byName: p.displayName ?? p.userId,
        };
        const draws = [...(current?.draws ?? []), entry].slice(-maxDraws);
        return [accountCheckWrite(request, engagement, current, { draws })];
      },
      { amendmentReason: body.amendmentReason, paperType },
    );
    return { status: 200, body: written };
  };

  // ------------------------------------------------------------------------------------------------ import

  const readFile = (bytes: Buffer): ImportResult & { format: 'CSV' | 'XLSX' } => {
    const fileError = (code: string, detail: Record<string, unknown> = {}): ImportRowError => ({
      line: null,
      column: null,
      code,
      message: {
        'zh-CN': describeAccountCheck(code, 'zh-CN', detail),
        en: describeAccountCheck(code, 'en', detail),
      },
    });
    if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x504b0304) {
      try {
        const grid = readXlsx(bytes, { ...defaultXlsxLimits, maxFileBytes: maxImportFileBytes });
        // The first visible sheet with the header (a title or notes sheet before it is passed over).
        let first: ImportResult | undefined;
        for (const sheet of grid.sheets.filter((s) => !s.hidden)) {
          const result = readPaymentRows(sheetRows(sheet));
          if (!result.errors.some((e) => e.code === 'import_header_not_found')) return { ...result, format: 'XLSX' };
          first ??= result;
        }
        return { ...(first ?? readPaymentRows([])), format: 'XLSX' };
      } catch (error) {
        if (!(error instanceof XlsxReadError)) throw error;
        const failed = fileError('import_xlsx', { zh: error.detail['zh-CN'], en: error.detail.en });
        return { payments: [], errors: [failed], totalLines: [], format: 'XLSX' };
      }
    }
    const decoded = decodeText(bytes);
    if (!decoded.ok) return { payments: [], errors: [fileError('import_not_text')], totalLines: [], format: 'CSV' };
    const csv = parseCsv(decoded.text);
    if (!csv.ok)
      return { payments: [], errors: [fileError('import_csv', { line: csv.line })], totalLines: [], format: 'CSV' };
    return { ...readPaymentRows(csv.rows), format: 'CSV' };
  };

  /**
   * A payment list (CSV or XLSX, base64, at most 2 MiB) into the engagement: all or nothing as read — one bad row
   * and nothing is written, every bad row named. Written in transactions of at most 30 payments; each payment's id
   * is derived from the import's id and its line, so an import cut short and sent again goes on where it stopped
   * and a finished one replays (200), never duplicating a payment.
   */
  const importPayments: Operation = async (
    request: OperationRequest<
      { id: string },
      unknown,
      { id: string; fileName: string; contentBase64: string; amendmentReason?: string }
    >,
  ) => {
    const { body } = request;
    const tenant = request.principal.tenant;
    const language = request.language;
    const engagement = await engagementOf(request, request.params.id);
    await mayStart(request, engagement);
    const bytes =
      body.contentBase64.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(body.contentBase64)
        ? Buffer.from(body.contentBase64, 'base64')
        : undefined;
    if (!bytes || bytes.length > maxImportFileBytes || bytes.length === 0) {
      const code = bytes && bytes.length > 0 ? 'account_check_file_too_large' : 'account_check_base64';
      throw new HttpProblem('validation-failed', {
        errors: [
          {
            pointer: '/contentBase64',
            code,
            message: describeAccountCheck(code, language, { limit: maxImportFileBytes / 1024 / 1024 }),
          },
        ],
      });
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const before = await accountCheckOf(tenant, engagement.id);
    const done = before?.imports.find((i) => i.id === body.id);
    if (done) {
      if (done.sha256 !== sha256) throw new HttpProblem('idempotency-conflict');
      return { status: 200, body: { ...done, replayed: true } };
    }
    const result = readFile(bytes);
    if (result.errors.length > 0) {
      const listed = result.errors.slice(0, maxListedErrors);
      throw new HttpProblem('rules-not-met', {
        detail: describeAccountCheck('account_check_file_errors', language, {
          count: result.errors.length,
          listed: listed.length,
        }),
        errors: listed.map(
          (e): FieldError => ({
            pointer: e.line === null ? '/contentBase64' : `/contentBase64/${e.line}`,
            code: e.code,
            message: e.message[language],
          }),
        ),
      });
    }
    const existing = await paymentsOf(tenant, engagement.id);
    const have = new Set(existing.map((p) => p.id));
    const rows = result.payments.map((row) => ({ id: derivedId(`account-check:${body.id}:${row.line}`), row }));
    const missing = rows.filter((r) => !have.has(r.id));
    const count = existing.length + missing.length;
    if (count > maxPayments)
      throw problem(request, [{ pointer: '/contentBase64', code: 'account_check_too_many_payments' }], {
        limit: maxPayments,
        count,
      });
    const entry: AccountCheckImport = {
      id: body.id,
      fileName: body.fileName,
      format: result.format,
      sha256,
      rowCount: rows.length,
      totalLines: result.totalLines,
      at: request.receivedAt,
      by: request.principal.userId,
    };
    const batches: (typeof missing)[] = [];
    for (let i = 0; i < missing.length; i += paymentsPerTransaction)
      batches.push(missing.slice(i, i + paymentsPerTransaction));
    if (batches.length === 0) batches.push([]);
    for (const [index, batch] of batches.entries()) {
      const last = index === batches.length - 1;
      await locks.write(
        request,
        engagement,
        async ({ amendment }) => {
          mayWrite(request, engagement, amendment);
          const writes: TransactionWrite[] = batch.map(({ id, row }) => {
            const { line, ...content } = row;
            const payment = {
              ...newRecord({ id }, request),
              ...content,
              engagementId: engagement.id,
              importId: body.id,
              line,
              check: null,
              checkedAt: null,
              checkedByName: null,
              ...(amendment ? { amendment } : {}),
            } as StoredPayment;
            return { kind: accountPaymentKind, create: payment, hash: requestHash({ import: body.id, line }) };
          });
          if (last) {
            const current = await accountCheckOf(tenant, engagement.id);
            if (current?.imports.some((i) => i.id === body.id)) return writes;
            const imports = [...(current?.imports ?? []), entry].slice(-maxImports);
            writes.push(accountCheckWrite(request, engagement, current, { imports }));
          }
          return writes;
        },
        { amendmentReason: body.amendmentReason, paperType },
      );
    }
    return { status: 201, body: { ...entry, created: missing.length, replayed: false } };
  };

  return {
    getAccountCheck: get,
    importAccountPayments: importPayments,
    createAccountPayment: createPayment,
    updateAccountPayment: updatePayment,
    checkAccountPayment: checkPayment,
    drawAccountSample: draw,
  };
};
