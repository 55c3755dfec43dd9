import type { FieldError } from '@jixiao/core/problem.ts';
import { anyId, text, version } from '@jixiao/core/schema-parts.ts';
import { reviewGradeCodes } from '@jixiao/core/submission/performance-target.ts';
import { type ReviewerRole, reviewerRoles } from '@jixiao/core/submission/review-workflow.ts';
import { describe, fieldErrors } from '@jixiao/core/validation.ts';
import * as v from 'valibot';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** The most records one bulk decision takes; more is refused whole (400), never cut (docs/domain/submission.md#bulk-review). */
export const bulkReviewLimit = 50;

const bulkItems = v.pipe(
  v.array(v.strictObject({ id: anyId, version })),
  v.minLength(1),
  v.maxLength(bulkReviewLimit),
  // The same record twice would be decided once and then fail on its own new version: refused instead.
  v.check((items) => new Set(items.map((i) => i.id)).size === items.length, 'duplicate_id'),
);

const bulkEntries = {
  decision: v.picklist(['approve', 'return']),
  opinion: v.optional(text(0, 1000), ''),
  /** Only needed by a caller holding several reviewer roles: which step they take. */
  role: v.optional(v.picklist(reviewerRoles)),
  items: bulkItems,
};

/** Monitoring reports and self-evaluations: one opinion for many records, 1–50 of them. */
export const bulkReviewRequest = v.pipe(
  v.strictObject(bulkEntries),
  // A return says why: with one opinion for all, the opinion is the reason (as for a single return).
  v.forward(
    v.check((d) => d.decision === 'approve' || d.opinion.trim().length > 0, 'return_needs_reason'),
    ['opinion'],
  ),
);

/** Targets: the same, and for the final review one grade that every approved version gets. */
export const bulkTargetReviewRequest = v.pipe(
  v.strictObject({ ...bulkEntries, grade: v.optional(v.picklist(reviewGradeCodes)) }),
  // A return says why: with one opinion for all, the opinion is the reason (as for a single return).
  v.forward(
    v.check((d) => d.decision === 'approve' || d.opinion.trim().length > 0, 'return_needs_reason'),
    ['opinion'],
  ),
);
export type BulkReviewRequest = v.InferOutput<typeof bulkTargetReviewRequest>;

export const bulkOutcomes = [
  'done',
  'version-conflict',
  'invalid-transition',
  'not-found',
  'forbidden',
  'rules-not-met',
] as const;
export type BulkOutcome = (typeof bulkOutcomes)[number];

export const bulkReviewResponse = (record: v.GenericSchema) =>
  v.object({
    /** The step taken on every item (the caller's reviewer role). */
    role: v.picklist(reviewerRoles),
    /** One per item, in the order sent. */
    results: v.array(
      v.object({
        id: v.string(),
        outcome: v.picklist(bulkOutcomes),
        /** The record after the step; on a conflict or a state that refuses it, as it now stands. */
        record: v.optional(record),
        errors: v.optional(v.array(v.object({ pointer: v.string(), code: v.string(), message: v.string() }))),
      }),
    ),
    totals: v.record(v.picklist(bulkOutcomes), v.number()),
  });

/** The single-step operations of one kind of record, one per reviewer role. */
export type ReviewSteps = Record<ReviewerRole, Operation>;

/**
 * The store as a bulk decision writes through it: every write exactly as the single step makes it,
 * its audit entry naming the operation `bulk-…` so the trail tells a bulk decision from a single one.
 */
const bulkAudited = (store: RecordStore): RecordStore =>
  new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'transact') {
        const transact: RecordStore['transact'] = (tenant, writes, context) =>
          target.transact(tenant, writes, { ...context, operation: `bulk-${context.operation ?? 'review'}` });
        return transact;
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });

const refused = (code: string, pointer: string, request: OperationRequest): HttpProblem =>
  new HttpProblem('validation-failed', {
    errors: [{ pointer, code, message: describe(code, request.language) }],
  });

/** The step the caller takes: their one reviewer role, or the one they name among several. */
const stepRole = (request: OperationRequest<unknown, unknown, BulkReviewRequest>): ReviewerRole => {
  const held = reviewerRoles.filter((r) => request.principal.roles.includes(r));
  const named = request.body.role;
  if (named) {
    if (!held.includes(named)) throw new HttpProblem('forbidden');
    return named;
  }
  if (held.length === 1) return held[0] as ReviewerRole;
  if (held.length === 0) throw new HttpProblem('forbidden');
  throw refused('required', '/role', request);
};

/**
 * One decision, with one opinion, on many records (issue 12, docs/domain/submission.md#bulk-review).
 * Each item goes through the single step's own operation, built over the same store: the same core
 * `step`, guards and transaction with its queues, tallies and project. One transaction per item, one
 * after another, so one failure neither undoes nor blocks the rest; each item is answered in the order
 * sent. An item's own refusal is its outcome; anything else (a fault) fails the request as usual.
 *
 * `singleBody` names the single step's body schema for each role: the body every item gets is checked
 * against it once, so a bulk decision is refused (400) exactly where a single one would be.
 */
export const bulkReview =
  (
    store: RecordStore,
    stepsOver: (store: RecordStore) => ReviewSteps,
    singleBody: (role: ReviewerRole) => v.GenericSchema,
  ): Operation =>
  async (request: OperationRequest<unknown, unknown, BulkReviewRequest>) => {
    const role = stepRole(request);
    const { decision, opinion, grade, items } = request.body;
    // The body every item gets, as the single step's schema reads it (with its defaults).
    const checked = v.safeParse(singleBody(role), {
      version: items[0]?.version ?? 1,
      decision,
      opinion,
      ...(grade !== undefined ? { grade } : {}),
    });
    if (!checked.success) {
      throw new HttpProblem('validation-failed', { errors: fieldErrors(checked.issues, request.language) });
    }
    const bodyOf = (itemVersion: number) => ({ ...(checked.output as object), version: itemVersion });
    const single = stepsOver(bulkAudited(store))[role];
    const results: {
      id: string;
      outcome: BulkOutcome;
      record?: unknown;
      errors?: FieldError[];
    }[] = [];
    for (const [index, item] of items.entries()) {
      try {
        const answer = await single({
          ...request,
          // Each item is its own write: its audit entries get their own request id (the tally a
          // department's items share keeps one entry per item).
          requestId: `${request.requestId}#${index + 1}`,
          params: { id: item.id },
          query: {},
          body: bodyOf(item.version),
        });
        results.push({ id: item.id, outcome: 'done', record: answer.body });
      } catch (error) {
        if (!(error instanceof HttpProblem) || !(bulkOutcomes as readonly string[]).includes(error.code)) throw error;
        results.push({
          id: item.id,
          outcome: error.code as BulkOutcome,
          ...(error.current !== undefined ? { record: error.current } : {}),
          ...(error.errors ? { errors: error.errors } : {}),
        });
      }
    }
    const totals = Object.fromEntries(
      bulkOutcomes.map((o) => [o, results.filter((r) => r.outcome === o).length]),
    ) as Record<BulkOutcome, number>;
    return { status: 200, body: { role, results, totals } };
  };
