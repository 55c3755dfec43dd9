import { describe, expect, it } from 'vitest';
import { stateTone } from '#lib/engagements/engagement-access.ts';

describe('stateTone', () => {
  it('colours the states from first to last', () => {
    expect(['SELECTED', 'AGENCY_CONTRACTED', 'FIELDWORK', 'PRELIM_FINDINGS'].map((s) => stateTone(s as never))).toEqual(
      ['draft', 'wait', 'back', 'ok'],
    );
  });
});
