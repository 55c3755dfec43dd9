import { type FrameworkLevel, indicatorFrameworks } from '@jixiao/core/indicator-library/framework.ts';
import { type IndicatorOperator, operatorSymbols, type valueBases } from '@jixiao/core/indicator-library/indicator.ts';
import { commonCategories, sectors } from '@jixiao/core/indicator-library/library-facets.ts';
import type { Localized } from '@jixiao/core/language.ts';
import { i18n } from '#lib/i18n.svelte.ts';
import { m } from '#lib/paraglide/messages.js';

/**
 * Display names for the indicator library (kept apart from labels.ts so the first route does not
 * load them). Level names, categories and sectors are data in core, in both languages; the rest
 * are messages.
 */
const frameworkLevels: readonly FrameworkLevel[] = indicatorFrameworks['mof-2020'];

export const level1Label = (code: string): string =>
  frameworkLevels.find((l) => l.code === code)?.name[i18n.language] ?? code;

export const level2Label = (code: string): string =>
  frameworkLevels.flatMap((l) => l.children).find((c) => c.code === code)?.name[i18n.language] ?? code;

/** The level-2 codes under a level-1 (all of them when none is chosen), for a select that follows it. */
export const level2Options = (level1: string): string[] =>
  (level1 ? frameworkLevels.filter((l) => l.code === level1) : frameworkLevels).flatMap((l) =>
    l.children.map((c) => c.code),
  );

export const categoryLabel = (code: string): string =>
  (commonCategories as Record<string, Localized>)[code]?.[i18n.language] ?? code;

export const sectorLabel = (code: string): string =>
  (sectors as Record<string, Localized>)[code]?.[i18n.language] ?? code;

export const scopeLabel = (scope: string): string =>
  scope === 'COMMON' ? m.library_scope_common() : scope === 'SECTOR' ? m.library_scope_sector() : scope;

export const valueBasisLabel = (basis: string): string => {
  const labels: Record<(typeof valueBases)[number], () => string> = {
    PLAN: m.value_basis_plan,
    INDUSTRY: m.value_basis_industry,
    HISTORICAL: m.value_basis_historical,
    SPENDING_STANDARD: m.value_basis_spending_standard,
    OTHER: m.value_basis_other,
  };
  return labels[basis as (typeof valueBases)[number]]?.() ?? basis;
};

/** `≥`, `≤` … for quantitative entries; the word "qualitative" in the UI language otherwise. */
export const operatorSymbol = (operator: string): string =>
  operator === 'QUALITATIVE' ? m.operator_qualitative() : (operatorSymbols[operator as IndicatorOperator] ?? operator);

/** A select option: the symbol and what it means. */
export const operatorLabel = (operator: string): string => {
  const labels: Record<IndicatorOperator, () => string> = {
    GTE: m.operator_gte,
    LTE: m.operator_lte,
    EQ: m.operator_eq,
    GT: m.operator_gt,
    LT: m.operator_lt,
    QUALITATIVE: m.operator_qualitative,
  };
  const label = labels[operator as IndicatorOperator]?.() ?? operator;
  return operator === 'QUALITATIVE' ? label : `${operatorSymbol(operator)} ${label}`;
};
