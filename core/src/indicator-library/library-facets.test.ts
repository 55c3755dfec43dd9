import { describe, expect, it } from 'vitest';
import {
  sectorCodes,
  sectorFunctionalClasses,
  sectorOfFunctionalClass,
} from '#core/indicator-library/library-facets.ts';

describe('the sector of a project by its functional classification', () => {
  it('finds education for the demo school projects (类 205 and its 款)', () => {
    expect(sectorOfFunctionalClass('205')).toBe('EDUCATION');
    expect(sectorOfFunctionalClass('20502')).toBe('EDUCATION');
    expect(sectorOfFunctionalClass('20599')).toBe('EDUCATION');
  });

  it('matches a 款 only under its own 类 and none for a class no sector claims', () => {
    expect(sectorOfFunctionalClass('21103')).toBe('POLLUTION_PREVENTION');
    expect(sectorOfFunctionalClass('211')).toBeNull();
    expect(sectorOfFunctionalClass('20104')).toBeNull();
    expect(sectorOfFunctionalClass('')).toBeNull();
    expect(sectorOfFunctionalClass(undefined)).toBeNull();
  });

  it('names a classification for every sector', () => {
    for (const sector of sectorCodes) expect(sectorFunctionalClasses[sector].length).toBeGreaterThan(0);
  });
});
