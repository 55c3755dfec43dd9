import { blankReport, saveEvaluationReport } from '@jixiao/core/key-evaluation/evaluation-report.ts';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { bodyOf, draftOf, level2Spans, sectionsOf } from './report-view.ts';

describe('the report form', () => {
  it('merges each run of equal level-2 names into one cell, as the DOCX and XLSX do', () => {
    const rows = ['立项', '立项', '目标', '资金', '资金', '资金'].map((level2) => ({ level2 }));
    expect(level2Spans(rows)).toEqual([2, 0, 1, 3, 0, 0]);
    expect(level2Spans([])).toEqual([]);
  });

  it('sends the narrative with blank recommendations dropped, and the reason only after the lock', () => {
    const draft = draftOf(blankReport('e'));
    draft.sections.overview = '概况';
    draft.recommendations = ['  建议一 ', '', '   '];
    draft.amendmentReason = '更正';
    const open = bodyOf(draft, 0, false);
    expect(open).toEqual({
      version: 0,
      sections: { ...blankReport('e').sections, overview: '概况' },
      recommendations: ['建议一'],
    });
    expect(v.safeParse(saveEvaluationReport, open).success).toBe(true);
    expect(bodyOf(draft, 3, true)).toMatchObject({ version: 3, amendmentReason: '更正' });
  });

  it('puts each narrative section under its part of the outline', () => {
    expect(sectionsOf(1)).toEqual(['overview', 'targets']);
    expect(sectionsOf(2)).toEqual(['purpose', 'method', 'process']);
    expect(sectionsOf(4)).toEqual([]);
  });
});
