import {
  claimSources,
  engagementKinds,
  engagementStates,
  evaluationLevels,
  respondentGroups,
  samplingMethods,
} from '@jixiao/core/fieldwork/engagement.ts';
import {
  checkMethods,
  fieldRecordTypes,
  intervieweeCategories,
  verdicts,
} from '@jixiao/core/fieldwork/field-record.ts';
import type { Localized } from '@jixiao/core/language.ts';
import { i18n } from '#lib/i18n.svelte.ts';

/**
 * Display names of the fieldwork codes, which core keeps as data in both languages; each follows
 * the UI language as it changes.
 */
const localized = (table: Record<string, Localized>, code: string | null | undefined): string =>
  code ? (table[code]?.[i18n.language] ?? code) : '';

export const stateName = (code: string): string => localized(engagementStates, code);
export const kindName = (code: string): string => localized(engagementKinds, code);
export const levelName = (code: string): string => localized(evaluationLevels, code);
/**
 * A level's name on one engagement: a department's overall-spending engagement names its levels as its framework does
 * (投入/过程/产出/效果, docs/domain/key-evaluation.md#department-overall-evaluation); otherwise 决策/过程/产出/效益.
 */
export const engagementLevelName = (
  e: { levelNames?: Partial<Record<string, Localized>> | undefined } | null | undefined,
  code: string,
): string => e?.levelNames?.[code]?.[i18n.language] || levelName(code);
export const samplingName = (code: string): string => localized(samplingMethods, code);
export const groupName = (code: string): string => localized(respondentGroups, code);
export const verdictName = (code: string | null): string => localized(verdicts, code);
export const methodName = (code: string): string => localized(checkMethods, code);
export const categoryName = (code: string): string => localized(intervieweeCategories, code);
export const recordTypeName = (code: string): string => localized(fieldRecordTypes, code);
export const claimSourceName = (code: string): string => localized(claimSources, code);

export const verdictCodes = Object.keys(verdicts) as (keyof typeof verdicts)[];
export const recordTypeCodes = Object.keys(fieldRecordTypes) as (keyof typeof fieldRecordTypes)[];
export const samplingCodes = Object.keys(samplingMethods) as (keyof typeof samplingMethods)[];
export const groupCodes = Object.keys(respondentGroups) as (keyof typeof respondentGroups)[];

/** Verdict chip colours: confirmed is fine, partly a warning, not confirmed a stop, unverifiable grey. */
export const verdictTone = (code: string | null): string =>
  code === 'CONFIRMED' ? 'ok' : code === 'PARTLY' ? 'back' : code === 'NOT_CONFIRMED' ? 'stop' : 'muted';
