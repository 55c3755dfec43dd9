import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import { drawSpotCheck } from '@jixiao/core/self-evaluation/self-evaluation.ts';
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { gapLabel, newSeed, roundStatusName, spotCheckReasonName } from '#lib/self-evaluation-bureau/bureau-labels.ts';

// The UI language is a rune in the app; here a plain object the tests switch.
const language = vi.hoisted(() => ({ language: 'zh-CN' as 'zh-CN' | 'en' }));
vi.mock('#lib/i18n.svelte.ts', () => ({ i18n: language }));

const hundredths = defaultScoringSettings.rounding;
const whole = { decimals: 0, mode: 'FLOOR', rateFirst: false } as const;

afterEach(() => {
  language.language = 'zh-CN';
});

describe('the bureau’s self-evaluation labels', () => {
  it('signs a gap (reviewed − self) with a real minus, and none when there is no gap', () => {
    expect(gapLabel(1.5, hundredths)).toBe('+1.50');
    expect(gapLabel(-2, hundredths)).toBe('−2.00');
    expect(gapLabel(0, hundredths)).toBe('0.00');
    expect(gapLabel(-3, whole)).toBe('−3');
    expect(gapLabel(null, hundredths)).toBe('—');
    expect(gapLabel(undefined, whole)).toBe('—');
  });

  it('names round statuses and spot-check reasons in the UI language, and an unknown code as it is', () => {
    expect(roundStatusName('ISSUED')).toBe('已下发');
    expect(spotCheckReasonName('NAMED')).toBe('指定抽查');
    language.language = 'en';
    expect(roundStatusName('OPENING')).toBe('Being issued');
    expect(spotCheckReasonName('RANDOM')).toBe('Drawn at random');
    expect(roundStatusName('ARCHIVED')).toBe('ARCHIVED');
    expect(roundStatusName('')).toBe('');
  });

  it('makes a fresh draw seed the API records: 16 hex digits, a new one each time', () => {
    const seeds = Array.from({ length: 50 }, newSeed);
    for (const seed of seeds) {
      expect(seed).toMatch(/^[0-9a-f]{16}$/);
      expect(v.safeParse(drawSpotCheck, { version: 1, sharePct: 10, seed }).success).toBe(true);
    }
    expect(new Set(seeds).size).toBe(seeds.length);
  });
});
