import { blankPaper, paperEvidence, saveScoringPaper } from '@jixiao/core/key-evaluation/scoring-paper.ts';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { bodyOf, documentsChanged, draftOf, toggled, withFormula } from './paper-draft.ts';

const indicator = (name: string, level2 = '资金管理') => ({
  id: '0190a000-0000-7000-8000-000000000001',
  name,
  level2,
  standard: '标准',
});
const blank = (name: string) => ({ ...blankPaper('e', indicator(name)), updatedAt: '' });

describe('the paper form', () => {
  it('starts a new paper on the formula its name suggests, with that formula’s default rule', () => {
    const draft = draftOf(blank('预算执行率'), indicator('预算执行率'));
    expect(draft).toMatchObject({
      method: 'FORMULA',
      formula: 'BUDGET_EXECUTION',
      ruleKind: 'THRESHOLD',
      fullAt: '95',
      perPercent: '0.2',
    });
    expect(draftOf(blank('小区居民满意度'), indicator('小区居民满意度', '满意度')).method).toBe('SATISFACTION');
    expect(draftOf(blank('立项依据充分性'), indicator('立项依据充分性')).method).toBe('NONE');
  });

  it('picking a formula takes its rule; the body is what the API validates, the reason only when locked', () => {
    let draft = withFormula(draftOf(blank('预算执行率'), indicator('预算执行率')), 'OUTPUT_COMPLETION');
    expect(draft.ruleKind).toBe('PROPORTIONAL');
    draft = { ...draft, numerator: ' 90 ', denominator: '100', recordIds: toggled([], 'r', true) };
    const body = bodyOf(draft, 0, false);
    expect(body.scoring).toEqual({
      method: 'FORMULA',
      formula: 'OUTPUT_COMPLETION',
      numerator: '90',
      denominator: '100',
      rule: { kind: 'PROPORTIONAL' },
    });
    expect('amendmentReason' in body).toBe(false);
    expect(v.safeParse(saveScoringPaper, { ...body, evidence: { ...body.evidence, recordIds: [] } }).success).toBe(
      true,
    );
    expect(bodyOf({ ...draft, amendmentReason: '更正' }, 3, true)).toMatchObject({
      version: 3,
      amendmentReason: '更正',
    });
  });

  it('ticks and unticks links in order, once each', () => {
    expect(toggled(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', true)).toEqual(['a', 'b']);
    expect(toggled(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it('keeps the paper’s documents, sends them whole, and tells an added or removed one from the saved list', () => {
    const document = {
      id: '0190a000-0000-7000-8000-0000000000d1',
      key: 'T/t/scoring-paper/p/0190a000-0000-7000-8000-0000000000d1',
      name: '支出明细账.pdf',
      contentType: 'application/pdf' as const,
      sizeBytes: 1200,
      sha256: 'a'.repeat(64),
    };
    // A paper saved before documents existed has none, and its form sends an empty list.
    const old = blank('预算执行率');
    const { documents: _none, ...withoutDocuments } = old.evidence;
    const legacy = { ...old, evidence: withoutDocuments };
    const draft = draftOf(legacy, indicator('预算执行率'));
    expect(draft.documents).toEqual([]);
    expect(documentsChanged(draft, legacy)).toBe(false);
    const added = { ...draft, documents: [document] };
    expect(documentsChanged(added, legacy)).toBe(true);
    expect(bodyOf(added, 0, false).evidence.documents).toEqual([document]);
    expect(v.safeParse(paperEvidence, bodyOf(added, 0, false).evidence).success).toBe(true);
    const saved = { ...old, evidence: { ...old.evidence, documents: [document] } };
    expect(draftOf(saved, indicator('预算执行率')).documents).toEqual([document]);
    expect(documentsChanged({ documents: [] }, saved)).toBe(true);
  });
});
