import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  completeScoringSettings,
  defaultScoringSettings,
  scoringSettings,
  spotCheckBandLimitsFen,
} from '#core/self-evaluation/scoring-settings.ts';

describe('scoring settings', () => {
  it('takes the default of a setting a year saved before it existed, and keeps what the year saved', () => {
    const { spotCheckBandLimitsWan: _new, ...saved } = { ...defaultScoringSettings, partialMinPct: 50 };
    const complete = completeScoringSettings(saved);
    expect(complete.partialMinPct).toBe(50);
    expect(complete.spotCheckBandLimitsWan).toEqual([100, 500]);
  });

  it('cuts the spot-check amount bands in fen from 万元, and one band when none is set', () => {
    expect(spotCheckBandLimitsFen({ spotCheckBandLimitsWan: [100, 500] })).toEqual([1_000_000_00, 5_000_000_00]);
    expect(spotCheckBandLimitsFen({ spotCheckBandLimitsWan: [] })).toEqual([]);
    expect(spotCheckBandLimitsFen({})).toEqual([1_000_000_00, 5_000_000_00]);
  });

  it('refuses amount bands that do not rise band by band', () => {
    const falling = v.safeParse(scoringSettings, { ...defaultScoringSettings, spotCheckBandLimitsWan: [500, 100] });
    expect(falling.issues?.map((i) => i.message)).toEqual(['bands_increasing']);
    const equal = v.safeParse(scoringSettings, { ...defaultScoringSettings, spotCheckBandLimitsWan: [100, 100] });
    expect(equal.success).toBe(false);
    expect(v.safeParse(scoringSettings, { ...defaultScoringSettings, spotCheckBandLimitsWan: [] }).success).toBe(true);
  });
});
