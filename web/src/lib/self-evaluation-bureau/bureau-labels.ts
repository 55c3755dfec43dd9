import type { Localized } from '@jixiao/core/language.ts';
import { type ScoreRounding, scoreText } from '@jixiao/core/self-evaluation/score-rounding.ts';
import { selfEvaluationRoundStatuses, spotCheckReasons } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { i18n } from '#lib/i18n.svelte.ts';

/**
 * Display names of the self-evaluation codes the bureau's screens show (core keeps them as data in
 * both languages), and scores printed by the round's own rounding rule — the engine's one rule, so a
 * figure reads the same here as on the table and in the export.
 */
const localized = (table: Record<string, Localized>, code: string | null | undefined): string =>
  code ? (table[code]?.[i18n.language] ?? code) : '';

export const roundStatusName = (code: string): string => localized(selfEvaluationRoundStatuses, code);
export const spotCheckReasonName = (code: string): string => localized(spotCheckReasons, code);

/** A score (points) as the round prints it, or a dash. */
export const scoreLabel = (value: number | null | undefined, rounding: ScoreRounding): string =>
  value === null || value === undefined ? '—' : scoreText(value, rounding);

/** A signed gap (reviewed − self) as the round prints it: "+1.50", "−2.00", "0.00". */
export const gapLabel = (value: number | null | undefined, rounding: ScoreRounding): string => {
  if (value === null || value === undefined) return '—';
  const text = scoreText(Math.abs(value), rounding);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
};

/** A fresh seed for the spot-check draw: 16 hex digits, recorded with the draw so anyone can repeat it. */
export const newSeed = (): string =>
  Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
