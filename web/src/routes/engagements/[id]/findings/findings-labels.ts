import { findingCategories } from '@jixiao/core/key-evaluation/finding.ts';
import { answerPositions, handlingDecisions } from '@jixiao/core/key-evaluation/opinion-exchange.ts';
import type { Localized } from '@jixiao/core/language.ts';
import { i18n } from '#lib/i18n.svelte.ts';

/** Display names of the summary's and the exchange's codes, kept by core in both languages. */
const localized = (table: Record<string, Localized>, code: string | null | undefined): string =>
  code ? (table[code]?.[i18n.language] ?? code) : '';

export const findingCategoryName = (code: string): string => localized(findingCategories, code);
export const positionName = (code: string): string => localized(answerPositions, code);
export const decisionName = (code: string): string => localized(handlingDecisions, code);
