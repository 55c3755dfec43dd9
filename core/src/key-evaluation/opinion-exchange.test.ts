import { describe, expect, it } from 'vitest';
import { evidenceProblems } from '#core/key-evaluation/finding.ts';
import { describeFinding } from '#core/key-evaluation/finding-messages.ts';
import {
  closesLate,
  exchangeProblems,
  type FindingAnswer,
  submitProblems,
} from '#core/key-evaluation/opinion-exchange.ts';

const answer = (findingId: string, position: FindingAnswer['position'], explanation = '', handled = false) => ({
  findingId,
  position,
  explanation,
  handling: handled ? { decision: 'UPHELD' as const, reason: '依据充分', at: '', by: '', byName: '' } : null,
});

describe('submitProblems', () => {
  const findings = [
    { id: 'f1', withdrawn: false },
    { id: 'f2', withdrawn: false },
    { id: 'f3', withdrawn: true },
  ];

  it('asks an answer of every finding still standing, and an explanation unless the department agrees', () => {
    expect(submitProblems(findings, [answer('f1', 'DISAGREE')])).toEqual([
      { pointer: '/findings/f1', code: 'answer_explanation_required' },
      { pointer: '/findings/f2', code: 'answer_missing' },
    ]);
    expect(submitProblems(findings, [answer('f1', 'AGREE'), answer('f2', 'PARTLY_AGREE', '资金已拨付')])).toEqual([]);
  });
});

describe('exchangeProblems', () => {
  const sent = { dueDate: '2026-12-10', submittedAt: null };

  it('waits for the answers until the due date, then closes only with a note saying they did not come', () => {
    expect(exchangeProblems(sent, [], '2026-12-10', '逾期')).toEqual([{ pointer: '', code: 'answers_not_submitted' }]);
    expect(exchangeProblems(sent, [], '2026-12-11', ' ')).toEqual([
      { pointer: '/lateNote', code: 'late_note_required' },
    ]);
    expect(exchangeProblems(sent, [], '2026-12-11', '部门逾期未反馈，视为无异议')).toEqual([]);
    expect(closesLate(sent, '2026-12-11')).toBe(true);
    expect(closesLate(sent, '2026-12-10')).toBe(false);
  });

  it('once submitted, asks the handling of every answer', () => {
    const submitted = { ...sent, submittedAt: '2026-12-09T02:00:00.000Z' };
    expect(
      exchangeProblems(
        submitted,
        [answer('f1', 'AGREE', '', true), answer('f2', 'DISAGREE', '已整改')],
        '2026-12-09',
        undefined,
      ),
    ).toEqual([{ pointer: '/findings/f2', code: 'handling_missing' }]);
    expect(exchangeProblems(submitted, [answer('f1', 'AGREE', '', true)], '2026-12-20', undefined)).toEqual([]);
    expect(closesLate(submitted, '2026-12-20')).toBe(false);
  });
});

describe('evidenceProblems', () => {
  it("names each link that is not the engagement's", () => {
    const known = { fieldRecordIds: new Set(['r1']), photoIds: new Set(['p1']), indicatorIds: new Set(['i1']) };
    expect(evidenceProblems({ fieldRecordIds: ['r1', 'rX'], photoIds: ['pX'], indicatorIds: ['i1'] }, known)).toEqual([
      { pointer: '/evidence/fieldRecordIds/1', code: 'evidence_not_in_engagement' },
      { pointer: '/evidence/photoIds/0', code: 'evidence_not_in_engagement' },
    ]);
  });
});

describe('describeFinding', () => {
  it('speaks both languages and falls back to the shared catalogue', () => {
    expect(describeFinding('late_note_required', 'zh-CN')).toContain('逾期');
    expect(describeFinding('handling_missing', 'en')).toBe('Record how this answer was handled');
    expect(describeFinding('required', 'en')).not.toBe('');
  });
});
