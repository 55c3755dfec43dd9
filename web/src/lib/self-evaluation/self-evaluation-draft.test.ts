import { defaultScoringSettings } from '@jixiao/core/self-evaluation/scoring-settings.ts';
import {
  type KeptMoneyLine,
  type SelfEvaluation,
  saveSelfEvaluation,
} from '@jixiao/core/self-evaluation/self-evaluation.ts';
import { blankEntry, type SelfEvaluationRow } from '@jixiao/core/self-evaluation/self-evaluation-row.ts';
import { exampleRows } from '@jixiao/core/self-evaluation/worked-example.ts';
import { defaultTargetWeights } from '@jixiao/core/submission/target-weights.ts';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  draftOf,
  judged,
  moneyProblems,
  moneyRuleErrors,
  type SelfEvaluationDraft,
  sameDraft,
  saveBody,
  upgradeDraft,
  withDraft,
} from '#lib/self-evaluation/self-evaluation-draft.ts';

type Stored = Pick<
  SelfEvaluation,
  'fiscalYear' | 'goalCompletion' | 'money' | 'rows' | 'claimedTotal' | 'weights' | 'scoring'
>;

const line = (over: Partial<KeptMoneyLine> & Pick<KeptMoneyLine, 'source'>): KeptMoneyLine => ({
  initialBudgetFen: null,
  annualBudgetFen: null,
  executedFen: null,
  origin: 'PROJECT',
  importedExecutedFen: null,
  overrideReason: '',
  ...over,
});

/** The worked example of docs/domain/self-evaluation.md as issued: the approved rows, nothing written yet. */
const issued = (): Stored => ({
  fiscalYear: 2026,
  goalCompletion: '',
  money: [
    line({ source: 'FISCAL', initialBudgetFen: 100_000_000, annualBudgetFen: 100_000_000 }),
    line({ source: 'CARRY_OVER' }),
    line({ source: 'OTHER' }),
  ],
  rows: exampleRows.map((r): SelfEvaluationRow => ({ ...r, ...blankEntry(r.rowId) })),
  claimedTotal: null,
  weights: defaultTargetWeights,
  scoring: defaultScoringSettings,
});

/** The person types the worked example's actuals, tiers and points into the issued table's draft. */
const filledIn = (draft: SelfEvaluationDraft): SelfEvaluationDraft => ({
  ...draft,
  goalCompletion: '全年培训 487 人次',
  money: draft.money.map((m) => (m.source === 'FISCAL' ? { ...m, executed: '92' } : m)),
  rows: draft.rows.map((row) => {
    const example = exampleRows.find((r) => r.rowId === row.rowId)!;
    return {
      ...row,
      actual: example.actual,
      tier: example.tier,
      tierScore: example.tierScore ?? '',
      deviationReasons: example.rowId === 'quantity' ? '两期培训合并' : '',
    };
  }),
});

const money = (draft: SelfEvaluationDraft, source: string, field: 'initial' | 'annual' | 'executed', text: string) => ({
  ...draft,
  money: draft.money.map((m) => (m.source === source ? { ...m, [field]: text } : m)),
});

describe('amounts: the 万元 people type, the fen the API keeps', () => {
  it('shows stored fen as 万元 with every significant decimal and no grouping, blank for none', () => {
    const draft = draftOf({
      ...issued(),
      money: [
        line({ source: 'FISCAL', initialBudgetFen: 100_000_000, annualBudgetFen: 1_234_567_890_123, executedFen: 1 }),
        line({ source: 'CARRY_OVER', initialBudgetFen: 0, annualBudgetFen: 92_000_012, executedFen: 50_000 }),
      ],
    });
    expect(draft.money).toEqual([
      { source: 'FISCAL', initial: '100', annual: '1234567.890123', executed: '0.000001', overrideReason: '' },
      { source: 'CARRY_OVER', initial: '0', annual: '92.000012', executed: '0.05', overrideReason: '' },
    ]);
  });

  it.each([
    ['92', 92_000_000],
    ['0.000001', 1],
    ['92.000012', 92_000_012],
    ['1,234.567891', 1_234_567_891],
    ['1，234.5', 1_234_500_000],
    ['１２,３４５.６７８９０１', 12_345_678_901],
    ['  300.00  ', 300_000_000],
    ['.5', 500_000],
    ['10,000,000', 10_000_000_000_000],
  ])('sends %s 万元 as exactly %i fen', (typed, fen) => {
    const body = saveBody(money(draftOf(issued()), 'FISCAL', 'executed', typed), 7);
    expect(body?.money?.[0]?.executedFen).toBe(fen);
  });

  it.each([
    ['12.3456789', 'decimals'],
    ['0.0000001', 'decimals'],
    ['abc', 'format'],
    ['-5', 'format'],
    ['1.2.3', 'format'],
    ['5万', 'format'],
    ['.', 'format'],
    ['10000000.000001', 'too_large'],
    ['123456789', 'too_large'],
  ])('refuses %s 万元 (%s), names the field, and sends nothing', (typed, reason) => {
    const draft = money(money(draftOf(issued()), 'OTHER', 'annual', typed), 'FISCAL', 'executed', '92');
    expect(moneyProblems(draft)).toEqual([{ pointer: '/money/2/annualBudgetFen', reason }]);
    expect(saveBody(draft, 7)).toBeNull();
  });

  it('names every unreadable amount at its own pointer, and a blank one is not filled in rather than wrong', () => {
    let draft = draftOf(issued());
    draft = money(draft, 'FISCAL', 'initial', 'x');
    draft = money(draft, 'CARRY_OVER', 'executed', '1.1234567');
    draft = money(draft, 'OTHER', 'annual', '   ');
    expect(moneyProblems(draft)).toEqual([
      { pointer: '/money/0/initialBudgetFen', reason: 'format' },
      { pointer: '/money/1/executedFen', reason: 'decimals' },
    ]);
    const cleared = money(draftOf(issued()), 'FISCAL', 'initial', '');
    expect(saveBody(cleared, 1)?.money?.[0]?.initialBudgetFen).toBeNull();
  });
});

describe('what the form sends', () => {
  it('is the table as edited, at the version it was read, in the shape the API takes', () => {
    const edited = filledIn(draftOf(issued()));
    edited.rows[2] = { ...edited.rows[2]!, tierScore: ' 10.5 ', claimedScore: '11' };
    edited.claimedTotal = ' 91 ';
    const body = saveBody(edited, 4)!;
    expect(v.safeParse(saveSelfEvaluation, body).success).toBe(true);
    expect(body).toMatchObject({ version: 4, goalCompletion: '全年培训 487 人次', claimedTotal: '91' });
    expect(body.money).toEqual([
      {
        source: 'FISCAL',
        initialBudgetFen: 100_000_000,
        annualBudgetFen: 100_000_000,
        executedFen: 92_000_000,
        overrideReason: '',
      },
      { source: 'CARRY_OVER', initialBudgetFen: null, annualBudgetFen: null, executedFen: null, overrideReason: '' },
      { source: 'OTHER', initialBudgetFen: null, annualBudgetFen: null, executedFen: null, overrideReason: '' },
    ]);
    expect(body.rows?.map((r) => r.rowId)).toEqual(exampleRows.map((r) => r.rowId));
    expect(body.rows?.[2]).toMatchObject({
      actual: '部分活动延期',
      tier: 'PARTIAL',
      tierScore: '10.5',
      claimedScore: '11',
    });
    // Points left blank are "none", not zero.
    expect(body.rows?.[0]).toMatchObject({ tierScore: null, deduction: null, claimedScore: null });
  });

  it('reads back from the stored copy as the same draft the person sent (nothing lost, nothing added)', () => {
    const edited = filledIn(draftOf(issued()));
    edited.money = edited.money.map((m) => (m.source === 'CARRY_OVER' ? { ...m, annual: '1,234.567891' } : m));
    const body = saveBody(edited, 4)!;
    // The server keeps what it is sent: the saved copy is the issued one with the body's figures and entries.
    const stored = withDraft(issued(), edited);
    expect(
      stored.money.map(({ initialBudgetFen, annualBudgetFen, executedFen }) => [
        initialBudgetFen,
        annualBudgetFen,
        executedFen,
      ]),
    ).toEqual(body.money!.map((m) => [m.initialBudgetFen, m.annualBudgetFen, m.executedFen]));
    const entryKeys = Object.keys(blankEntry('r'));
    expect(stored.rows.map((r) => Object.fromEntries(entryKeys.map((k) => [k, r[k as keyof typeof r]])))).toEqual(
      body.rows,
    );
    const reread = draftOf(stored);
    expect(sameDraft(reread, edited)).toBe(true);
    expect(reread.money[1]!.annual).toBe('1234.567891');
    expect(saveBody(reread, 5)).toEqual({ ...body, version: 5 });
  });

  it('compares amounts as amounts and everything else as typed', () => {
    const draft = money(draftOf(issued()), 'FISCAL', 'executed', '1234.5');
    expect(sameDraft(draft, money(draft, 'FISCAL', 'executed', '1,234.500000'))).toBe(true);
    expect(sameDraft(draft, money(draft, 'FISCAL', 'executed', '１２３４.５'))).toBe(true);
    expect(sameDraft(draft, money(draft, 'FISCAL', 'executed', '1234.500001'))).toBe(false);
    expect(sameDraft(draft, money(draft, 'FISCAL', 'executed', ''))).toBe(false);
    expect(sameDraft(money(draft, 'OTHER', 'annual', 'abc'), money(draft, 'OTHER', 'annual', ' abc '))).toBe(true);
    expect(sameDraft(money(draft, 'OTHER', 'annual', 'abc'), money(draft, 'OTHER', 'annual', 'abd'))).toBe(false);
    expect(sameDraft(draft, { ...draft, goalCompletion: '完成' })).toBe(false);
    expect(sameDraft(draft, { ...draft, claimedTotal: ' ' })).toBe(true);
    const row = (over: Partial<SelfEvaluationDraft['rows'][number]>) => ({
      ...draft,
      rows: draft.rows.map((r, i) => (i === 0 ? { ...r, ...over } : r)),
    });
    expect(sameDraft(draft, row({ actual: '487' }))).toBe(false);
    expect(sameDraft(draft, row({ tierScore: ' ' }))).toBe(true);
    expect(sameDraft(row({ tierScore: '10' }), row({ tierScore: ' 10 ' }))).toBe(true);
    expect(sameDraft(draft, row({ notApplicable: true }))).toBe(false);
    // The same fields in another order (as a draft read back from the device may list them) are the same draft.
    const reordered = { ...draft, rows: draft.rows.map((r) => Object.fromEntries(Object.entries(r).reverse())) };
    expect(sameDraft(draft, reordered as SelfEvaluationDraft)).toBe(true);
  });
});

describe('the table as typed, scored by core as the API will', () => {
  it('scores the worked example 90.87, 优, as soon as it is typed, and asks for what rule 7 needs', () => {
    const saved = issued();
    const { sheet, checks, claims } = judged(withDraft(saved, filledIn(draftOf(saved))), 'zh-CN', '请说明原因');
    expect(sheet).toMatchObject({ total: 90.87, grade: 'EXCELLENT', complete: true });
    expect(sheet.execution.score).toBe(9.2);
    expect(checks.map((c) => `${c.pointer} ${c.code}`)).toEqual([
      '/rows/0/improvementMeasures improvement_measures_required',
      '/rows/2/deviationReasons deviation_reasons_required',
      '/rows/2/improvementMeasures improvement_measures_required',
      '/rows/4/deviationReasons deviation_reasons_required',
      '/rows/4/improvementMeasures improvement_measures_required',
      '/rows/5/deviationReasons deviation_reasons_required',
      '/rows/5/improvementMeasures improvement_measures_required',
    ]);
    expect(claims).toEqual([]);
  });

  it('flags a claimed total that departs from the formula', () => {
    const saved = issued();
    const { claims } = judged(
      withDraft(saved, { ...filledIn(draftOf(saved)), claimedTotal: '95' }),
      'en',
      'Give the reason',
    );
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ claimed: 95, computed: 90.87 });
  });

  it('scores an unreadable amount as not filled in, never as a guess', () => {
    const saved = issued();
    const typed = withDraft(saved, money(filledIn(draftOf(saved)), 'FISCAL', 'executed', '9,2.1.'));
    expect(typed.money[0]!.executedFen).toBeNull();
    expect(judged(typed, 'zh-CN', '').sheet.execution.score).not.toBe(9.2);
  });

  it('keeps the stored rows and sources: a row or source the table does not have is not added', () => {
    const saved = issued();
    const draft = filledIn(draftOf(saved));
    const typed = withDraft(saved, {
      ...draft,
      rows: [...draft.rows, { ...draft.rows[0]!, rowId: 'gone', actual: '1' }],
      money: draft.money.filter((m) => m.source !== 'OTHER'),
    });
    expect(typed.rows.map((r) => r.rowId)).toEqual(exampleRows.map((r) => r.rowId));
    expect(typed.rows[0]).toMatchObject({ name: '培训人次', weight: 15, actual: '487' });
    expect(typed.money.map((m) => m.source)).toEqual(['FISCAL', 'CARRY_OVER', 'OTHER']);
  });
});

describe('rule 9: an imported 全年执行数 changed by the unit needs a reason', () => {
  const imported = (): Stored => ({
    ...issued(),
    money: [
      line({
        source: 'FISCAL',
        annualBudgetFen: 100_000_000,
        executedFen: 92_000_000,
        origin: 'TREASURY',
        importedExecutedFen: 92_000_000,
      }),
      line({ source: 'OTHER', executedFen: 5_000_000 }),
    ],
  });
  const errors = (draft: SelfEvaluationDraft) => moneyRuleErrors(withDraft(imported(), draft).money, '请说明原因');

  it('asks for it once the typed figure departs from the imported one, beside the reason field', () => {
    const draft = draftOf(imported());
    expect(errors(draft)).toEqual([]);
    expect(errors(money(draft, 'FISCAL', 'executed', '92.000000'))).toEqual([]);
    expect(errors(money(draft, 'FISCAL', 'executed', '93'))).toEqual([
      { pointer: '/money/0/overrideReason', code: 'execution_override_reason', message: '请说明原因' },
    ]);
    expect(errors(money(draft, 'FISCAL', 'executed', ''))).toHaveLength(1);
    const explained = money(draft, 'FISCAL', 'executed', '93');
    explained.money[0]!.overrideReason = '   ';
    expect(errors(explained)).toHaveLength(1);
    explained.money[0]!.overrideReason = '国库数据漏记一笔退款';
    expect(errors(explained)).toEqual([]);
  });

  it('asks nothing of a figure that was never imported', () => {
    expect(errors(money(draftOf(imported()), 'OTHER', 'executed', '6'))).toEqual([]);
  });

  it('is part of what the form judges', () => {
    const typed = withDraft(imported(), money(draftOf(imported()), 'FISCAL', 'executed', '93'));
    expect(judged(typed, 'zh-CN', '请说明原因').checks[0]).toMatchObject({ pointer: '/money/0/overrideReason' });
  });
});

describe('a draft read back from the device', () => {
  it('is the draft that was kept', () => {
    const draft = filledIn(draftOf(issued()));
    const upgraded = upgradeDraft(JSON.parse(JSON.stringify(draft)));
    expect(upgraded).toEqual(draft);
    expect(sameDraft(upgraded!, draft)).toBe(true);
  });

  it('keeps only the draft’s own fields, so what it sends is a body the API takes', () => {
    const draft = filledIn(draftOf(issued()));
    const padded = {
      ...draft,
      extra: 1,
      money: draft.money.map((m) => ({ ...m, origin: 'TREASURY' })),
      rows: draft.rows.map((r) => ({ ...r, name: '培训人次', weight: 15 })),
    };
    const upgraded = upgradeDraft(JSON.parse(JSON.stringify(padded)))!;
    expect(upgraded).toEqual(draft);
    expect(v.safeParse(saveSelfEvaluation, saveBody(upgraded, 3)).success).toBe(true);
  });

  it.each([
    ['nothing', null],
    ['a string', 'draft'],
    ['an array', []],
    ['a monitoring check-in draft', { unit: 'wan', executed: { fiscal: '1' }, lines: [] }],
    ['a draft without its claimed total', { goalCompletion: '', money: [], rows: [] }],
    [
      'a draft whose money line lost its amounts',
      { goalCompletion: '', money: [{ source: 'FISCAL', initial: '1' }], rows: [], claimedTotal: '' },
    ],
    ['a draft whose money line is not one', { goalCompletion: '', money: [null], rows: [], claimedTotal: '' }],
    [
      'a draft whose row lost its points',
      { goalCompletion: '', money: [], rows: [{ ...blankEntry('r1'), tierScore: undefined }], claimedTotal: '' },
    ],
    ['a draft whose row is not one', { goalCompletion: '', money: [], rows: ['r1'], claimedTotal: '' }],
  ])('is refused when it is %s', (_what, value) => {
    expect(upgradeDraft(JSON.parse(JSON.stringify(value)))).toBeNull();
  });
});
