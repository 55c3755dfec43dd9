import type { Localized } from '@jixiao/core/language.ts';
import { deviationReasons, likelihoods, warningColours } from '@jixiao/core/monitoring/monitoring-config.ts';
import { roundScopes, roundStatuses, type Warning } from '@jixiao/core/monitoring/monitoring-report.ts';
import { warningText } from '@jixiao/core/monitoring/monitoring-warnings.ts';
import { percentText } from '@jixiao/core/monitoring/percent-text.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import type { FundSource } from '#lib/monitoring/report-draft.ts';
import { m } from '#lib/paraglide/messages.js';

/**
 * Display names of the monitoring codes, which core keeps as data in both languages, and the
 * warnings' reasons in words (core's `warningText`, the API's own wording); each follows the UI
 * language as it changes.
 */
const localized = (table: Record<string, Localized>, code: string | null | undefined): string =>
  code ? (table[code]?.[i18n.language] ?? code) : '';

export const likelihoodName = (code: string | null | undefined): string => localized(likelihoods, code);
export const reasonName = (code: string): string => localized(deviationReasons, code);
export const colourName = (code: string | null | undefined): string => localized(warningColours, code);
export const roundStatusName = (code: string): string => localized(roundStatuses, code);
export const roundScopeName = (code: string): string => localized(roundScopes, code);

export const warningSentence = (w: Pick<Warning, 'code' | 'params'>): string => warningText(w, i18n.language);

/** A warning colour's chip class: never shown without its name beside it. */
export const colourTone = (code: string | null | undefined): 'ok' | 'back' | 'stop' | 'draft' =>
  code === 'GREEN' ? 'ok' : code === 'YELLOW' ? 'back' : code === 'RED' ? 'stop' : 'draft';

export const sourceName = (source: FundSource): string =>
  source === 'fiscal' ? m.funds_fiscal() : source === 'carryOver' ? m.funds_carry_over() : m.funds_other();

/**
 * A percentage figure of the API as printed everywhere (core's `percentText`: "40.0%", "49.6%",
 * "39.96%" where one decimal would put it across a threshold), or a dash.
 */
export const pct = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${percentText(value)}%`;

/** Time progress with the days it is worked out from, when the report has them ("49.6%（181/365 天）"). */
export const timeProgressLabel = (a: { timeProgressPct: number; elapsedDays?: number; daysInYear?: number }): string =>
  a.elapsedDays === undefined || a.daysInYear === undefined
    ? pct(a.timeProgressPct)
    : m.mon_time_days({ time: pct(a.timeProgressPct), elapsed: a.elapsedDays, days: a.daysInYear });
