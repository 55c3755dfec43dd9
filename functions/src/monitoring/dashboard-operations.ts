import { beijingDay } from '@jixiao/core/beijing-day.ts';
import type { MonitoringThresholds } from '@jixiao/core/monitoring/monitoring-config.ts';
import { worst } from '@jixiao/core/monitoring/monitoring-config.ts';
import { emptyCounts, plus, type TallyCounts } from '@jixiao/core/monitoring/monitoring-tally.ts';
import { budgetWarnings, executionFigures, timeProgress } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { percentFigure } from '@jixiao/core/monitoring/percent-text.ts';
import { rectificationOverdue } from '@jixiao/core/monitoring/rectification.ts';
import type { Principal } from '@jixiao/core/principal.ts';
import { seesTenant } from '@jixiao/core/scope/project-scope.ts';
import type { Operation, OperationRequest } from '#functions/http/api-event.ts';
import { dispositionIdOf, type StoredDisposition } from '#functions/monitoring/disposition-operations.ts';
import {
  dispositionKind,
  rectificationKind,
  redMarkKind,
  type StoredRectification,
} from '#functions/monitoring/record-kinds.ts';
import type { roundOperations } from '#functions/monitoring/round-operations.ts';
import { type RedMark, reviewsTally, talliesOf } from '#functions/monitoring/tally-writes.ts';
import type { ListFilter, RecordStore } from '#functions/ports/record-store.ts';
import { listPage } from '#functions/records/record-operations.ts';

/** Execution to date over budget as printed (core's one rounding rule); null without a budget. */
const figures = (counts: TallyCounts, dataDate: string, thresholds: MonitoringThresholds) => ({
  ...counts,
  notSubmitted: counts.reports - counts.submitted,
  executionRatePct: executionFigures(counts.budgetFen, counts.executedFen, dataDate, thresholds).executionRatePct,
});

const today = (request: OperationRequest) => beijingDay(request.receivedAt);

/** The red list's first entries on the dashboard; the rest page through the red list. */
const dashboardRedEntries = 50;

/** The red list entry as the dashboard and the red list show it. */
const entryOf = (mark: RedMark) => ({
  reportId: mark.reportId,
  projectCode: mark.projectCode,
  projectName: mark.projectName,
  unitName: mark.unitName,
  departmentId: mark.departmentId,
  departmentName: mark.departmentName,
  executionRatePct: mark.executionRatePct,
  warnings: mark.warnings,
});

/** The red-list filters for the caller: a business section its departments, a department itself. */
const redScope = (p: Principal): ListFilter[] =>
  seesTenant(p)
    ? []
    : p.roles.includes('business-section-reviewer') && p.sectionId
      ? [{ field: 'financeSectionId', op: 'eq', value: p.sectionId }]
      : [{ field: 'departmentId', op: 'eq', value: p.departmentId ?? '-' }];

/**
 * The bureau's view of a round (docs/domain/monitoring.md, "Dashboard"): warning counts by colour per
 * department and series, execution against time progress, the red list and who has not yet
 * reported. Everything comes from the departments' tallies and the red list's queue, kept on
 * write: one read of the round, one item per department and the red list's first page, however
 * many projects there are.
 */
export const dashboardOperations = (store: RecordStore, rounds: ReturnType<typeof roundOperations>) => {
  /** One page of the round's red list, read from its queue: only the projects red now, by department and code. */
  const redPage = async (request: OperationRequest, roundId: string, page: { limit: number; cursor?: string }) => {
    const found = await listPage<RedMark>(
      store,
      request.principal.tenant,
      redMarkKind,
      {
        limit: page.limit,
        cursor: page.cursor,
        queue: { name: `RED#${roundId}` },
        filters: redScope(request.principal),
      },
      request.language,
    );
    return { items: found.items.map(entryOf), ...(found.nextCursor ? { nextCursor: found.nextCursor } : {}) };
  };

  /**
   * The red list a page at a time (at most 100 entries, `pageQuery`), each project with the bureau's disposition and, where
   * it ordered a rectification, where that stands (docs/domain/monitoring.md, "Red list"). The list itself is the red queue
   * as the dashboard reads it; the decisions are two batch gets of known ids: a report's disposition id is derived from
   * the report's, and a rectification's is named by its disposition. No scan, and nothing written.
   */
  const redList: Operation = async (request: OperationRequest<{ id: string }, { limit: number; cursor?: string }>) => {
    const round = await rounds.visibleRound(request, request.params.id);
    const tenant = request.principal.tenant;
    const page = await redPage(request, round.id, { limit: Number(request.query.limit), cursor: request.query.cursor });
    const dispositions = await store.getMany<StoredDisposition>(
      tenant,
      dispositionKind,
      page.items.map((e) => dispositionIdOf(e.reportId)),
    );
    const rectificationIds = dispositions.flatMap((d) => (d.rectificationId ? [d.rectificationId] : []));
    const rectifications = rectificationIds.length
      ? await store.getMany<StoredRectification>(tenant, rectificationKind, rectificationIds)
      : [];
    const dispositionOf = new Map(dispositions.map((d) => [d.reportId, d]));
    const rectificationOf = new Map(rectifications.map((r) => [r.id, r]));
    const items = page.items.map((e) => {
      const d = dispositionOf.get(e.reportId);
      const r = d?.rectificationId ? rectificationOf.get(d.rectificationId) : undefined;
      return {
        ...e,
        disposition: d ? { id: d.id, decision: d.decision, state: d.state, dueDate: d.dueDate } : null,
        rectification: r
          ? {
              id: r.id,
              state: r.state,
              dueDate: r.dueDate,
              round: r.round,
              overdue: rectificationOverdue(r, today(request)),
            }
          : null,
      };
    });
    return { status: 200, body: { ...page, items } };
  };

  const dashboard: Operation = async (request: OperationRequest<{ id: string }>) => {
    const round = await rounds.visibleRound(request, request.params.id);
    const tallies = await talliesOf(store, request.principal.tenant, round.id);
    const visible = tallies.filter((t) => reviewsTally(request.principal, t));

    const bySeries = new Map<string, TallyCounts>();
    for (const t of visible)
      bySeries.set(t.departmentSeries, plus(bySeries.get(t.departmentSeries) ?? emptyCounts(), t));
    const total = visible.reduce<TallyCounts>((sum, t) => plus(sum, t), emptyCounts());
    const red = await redPage(request, round.id, { limit: dashboardRedEntries });
    const today = beijingDay(request.receivedAt);
    /**
     * A department's own light: the budget-execution warning applied to what its reported
     * projects have spent together, with the reasons in the same words as a project's.
     */
    const departmentColour = (t: TallyCounts) => {
      const warnings = budgetWarnings(t.budgetFen, t.executedFen, round.dataDate, round.thresholds);
      return { colour: t.budgetFen > 0 ? worst(warnings.map((w) => w.colour)) : null, warnings };
    };
    return {
      status: 200,
      body: {
        round: {
          id: round.id,
          name: round.name,
          fiscalYear: round.fiscalYear,
          dataDate: round.dataDate,
          deadline: round.deadline,
          roundStatus: round.roundStatus,
        },
        timeProgressPct: percentFigure(timeProgress(round.dataDate).share),
        pastDeadline: today > round.deadline,
        total: figures(total, round.dataDate, round.thresholds),
        series: [...bySeries].map(([series, counts]) => ({
          series,
          ...figures(counts, round.dataDate, round.thresholds),
        })),
        departments: visible.map((t) => ({
          ...departmentColour(t),
          departmentId: t.departmentId,
          departmentCode: t.departmentCode,
          departmentName: t.departmentName,
          series: t.departmentSeries,
          ...figures(t, round.dataDate, round.thresholds),
        })),
        /** The first entries of the red list; `redMore` when the red list has more. */
        red: red.items,
        redMore: red.nextCursor !== undefined,
        /**
         * The round, one tally per department and the red list's first page (and one more, to know
         * whether there are more): what this answer cost to read for the performance section. For a
         * section or a department the red list's page is filtered, so it may read a little more.
         */
        itemsRead: 1 + tallies.length + red.items.length + (red.nextCursor ? 1 : 0),
      },
    };
  };
  return { dashboard, redList };
};
