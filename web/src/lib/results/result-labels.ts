import { type ResultSource, resultSources } from '@jixiao/core/results-application/result-application.ts';
import { type ResultMeasure, resultMeasures } from '@jixiao/core/results-application/result-measure.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { formatWan } from '#lib/money.ts';
import { m } from '#lib/paraglide/messages.js';

/** Names core keeps in both languages (measures, sources), in the person's language. */
export const measureName = (code: string | null | undefined): string =>
  code ? (resultMeasures[code as ResultMeasure]?.[i18n.language] ?? code) : '';
export const sourceLabel = (code: string): string => resultSources[code as ResultSource]?.[i18n.language] ?? code;

/** A measure with its terms: "压减（比例） 10%", "压减（定额） 50万元". */
export const measureText = (r: { measure: string; pct?: number | null; amountFen?: number | null }): string =>
  r.measure === 'REDUCE_PCT' && r.pct != null
    ? `${measureName(r.measure)} ${r.pct}%`
    : r.measure === 'REDUCE_AMOUNT' && r.amountFen != null
      ? `${measureName(r.measure)} ${m.amount_wan({ amount: formatWan(r.amountFen) })}`
      : measureName(r.measure);
