import type { MoneyLine, SelfEvaluationRow } from '#core/self-evaluation/self-evaluation-row.ts';
import { blankEntry } from '#core/self-evaluation/self-evaluation-row.ts';

/**
 * The worked example of docs/domain/self-evaluation.md ("Scoring"): a project of 100 万元 that spent
 * 92, six indicator rows, which score 90.87, 优. Tests of the engine and of what builds on it start from it.
 */
export const exampleRow = (over: Partial<SelfEvaluationRow> & Pick<SelfEvaluationRow, 'rowId'>): SelfEvaluationRow => ({
  ...blankEntry(over.rowId),
  level1: 'OUTPUT',
  level2: 'QUANTITY',
  name: over.rowId,
  operator: 'GTE',
  targetValue: '',
  unit: '',
  weight: 0,
  scoringStandard: '',
  ...over,
});

/** 100 万元 budget, 92 万元 spent, all of it the year's appropriation (fen). */
export const exampleMoney: MoneyLine[] = [
  { source: 'FISCAL', initialBudgetFen: 100_000_000, annualBudgetFen: 100_000_000, executedFen: 92_000_000 },
];

export const exampleRows: SelfEvaluationRow[] = [
  exampleRow({ rowId: 'quantity', name: '培训人次', targetValue: '500', unit: '人次', weight: 15, actual: '487' }),
  exampleRow({
    rowId: 'quality',
    level2: 'QUALITY',
    name: '合格率',
    targetValue: '95',
    unit: '%',
    weight: 15,
    actual: '97%',
  }),
  exampleRow({
    rowId: 'timeliness',
    level2: 'TIMELINESS',
    name: '完成及时性',
    operator: 'QUALITATIVE',
    targetValue: '按期完成',
    weight: 15,
    actual: '部分活动延期',
    tier: 'PARTIAL',
    tierScore: '10.5',
  }),
  exampleRow({
    rowId: 'cost',
    level2: 'COST',
    name: '项目成本',
    operator: 'LTE',
    targetValue: '100',
    unit: '万元',
    weight: 5,
    actual: '92',
  }),
  exampleRow({
    rowId: 'social',
    level1: 'BENEFIT',
    level2: 'SOCIAL',
    name: '社会效益',
    operator: 'QUALITATIVE',
    targetValue: '明显提升',
    weight: 30,
    actual: '明显提升',
    tier: 'ACHIEVED',
    tierScore: '27',
  }),
  exampleRow({
    rowId: 'satisfaction',
    level1: 'SATISFACTION',
    level2: 'SERVICE_RECIPIENT',
    name: '受益群众满意度',
    targetValue: '≥90%',
    unit: '%',
    weight: 10,
    actual: '86%',
  }),
];
