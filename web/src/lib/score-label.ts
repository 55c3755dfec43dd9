import { type ScoreRounding, scoreText } from '@jixiao/core/self-evaluation/score-rounding.ts';

/**
 * A score (points) as the year's one rounding rule prints it (core's scoreText: "96.60", or "97" with
 * whole points), or a dash before it is scored — so a figure reads the same on every screen as in the
 * API and the XLSX (docs/domain/self-evaluation.md, "Scoring").
 */
export const scoreLabel = (value: number | null | undefined, rounding: ScoreRounding): string =>
  value === null || value === undefined ? '—' : scoreText(value, rounding);
