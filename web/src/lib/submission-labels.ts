import type { Localized } from '@jixiao/core/language.ts';
import { assessorTypes, exAnteConclusions, exAnteDimensions } from '@jixiao/core/submission/ex-ante-assessment.ts';
import { reviewGrades, targetStatuses } from '@jixiao/core/submission/performance-target.ts';
import { type ProjectStage, projectCategories } from '@jixiao/core/submission/project.ts';
import type { TargetAction } from '@jixiao/core/submission/review-workflow.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { m } from '#lib/paraglide/messages.js';

/**
 * Display names for projects, targets and their review (kept apart from labels.ts so the first
 * route does not load them). Names core keeps as data in both languages come from core; the rest
 * are messages.
 */
const localized = (table: Record<string, Localized>, code: string | null | undefined): string =>
  code ? (table[code]?.[i18n.language] ?? code) : '';

export const categoryName = (code: string): string => localized(projectCategories, code);
export const targetStatusName = (code: string | null | undefined): string => localized(targetStatuses, code);
export const gradeName = (code: string | null | undefined): string => localized(reviewGrades, code);
export const dimensionName = (code: string): string => localized(exAnteDimensions, code);
export const conclusionName = (code: string | null | undefined): string => localized(exAnteConclusions, code);
export const assessorTypeName = (code: string): string => localized(assessorTypes, code);

export const stageName = (stage: string): string => {
  const labels: Record<ProjectStage, () => string> = {
    PROPOSED: m.stage_proposed,
    IN_REVIEW: m.stage_in_review,
    IN_LIBRARY: m.stage_in_library,
    BUDGETED: m.stage_budgeted,
    REJECTED: m.stage_rejected,
  };
  return labels[stage as ProjectStage]?.() ?? stage;
};

export const natureName = (nature: string): string =>
  nature === 'NEW' ? m.nature_new() : nature === 'CONTINUING' ? m.nature_continuing() : nature;

export const recurrenceName = (recurrence: string): string =>
  recurrence === 'ONE_OFF'
    ? m.recurrence_one_off()
    : recurrence === 'RECURRING'
      ? m.recurrence_recurring()
      : recurrence;

export const periodName = (period: string): string =>
  period === 'MEDIUM_TERM' ? m.period_medium_term() : m.period_annual();

/** What a review step did, for the timeline. */
export const actionName = (action: string): string => {
  const labels: Record<TargetAction, () => string> = {
    submit: m.action_submit,
    'department-approve': m.action_department_approve,
    'department-return': m.action_department_return,
    'first-approve': m.action_first_approve,
    'first-return': m.action_first_return,
    'final-approve': m.action_final_approve,
    'final-return': m.action_final_return,
    'final-reject': m.action_final_reject,
    'cancel-approval': m.action_cancel_approval,
    'unit-withdraw': m.action_unit_withdraw,
    'department-withdraw': m.action_department_withdraw,
    'first-withdraw': m.action_first_withdraw,
  };
  return labels[action as TargetAction]?.() ?? action;
};

/** A chip's colour for a review state: done, waiting on someone, back with the unit, stopped. */
export const statusTone = (status: string | null | undefined): 'ok' | 'wait' | 'back' | 'stop' | 'draft' => {
  switch (status) {
    case 'FINAL_APPROVED':
      return 'ok';
    case 'UNIT_SUBMITTED':
    case 'DEPT_APPROVED':
    case 'FIRST_REVIEWED':
      return 'wait';
    case 'RETURNED':
      return 'back';
    case 'REJECTED':
      return 'stop';
    default:
      return 'draft';
  }
};

export const stageTone = (stage: string): 'ok' | 'wait' | 'stop' | 'draft' =>
  stage === 'IN_LIBRARY' || stage === 'BUDGETED'
    ? 'ok'
    : stage === 'IN_REVIEW'
      ? 'wait'
      : stage === 'REJECTED'
        ? 'stop'
        : 'draft';

/** Where an ex-ante assessment stands (being written, with the performance section, done), and its chip's colour. */
export const exAnteStateName = (state: string): string =>
  state === 'CONCLUDED'
    ? m.ex_ante_concluded()
    : state === 'SUBMITTED'
      ? m.ex_ante_submitted()
      : m.ex_ante_in_progress();
export const exAnteStateTone = (state: string): 'ok' | 'wait' | 'draft' =>
  state === 'CONCLUDED' ? 'ok' : state === 'SUBMITTED' ? 'wait' : 'draft';

/** Whole days since an ISO time, never negative. */
export const daysSince = (iso: string, now = Date.now()): number =>
  Math.max(0, Math.floor((now - Date.parse(iso)) / 86_400_000));

/** A date and time as people here read it: 2026-11-20 14:05. */
export const formatDateTime = (iso: string): string => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
