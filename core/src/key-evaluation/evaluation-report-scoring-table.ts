import { evaluationLevels, type FrameworkIndicator } from '#core/fieldwork/engagement.ts';
import { evaluationLevel1Codes } from '#core/fieldwork/fieldwork-config.ts';
import type { EngagementScore } from '#core/key-evaluation/engagement-score.ts';
import type { ScoringPaper } from '#core/key-evaluation/scoring-paper.ts';
import { describeScoringPaper } from '#core/key-evaluation/scoring-paper-messages.ts';
import { type ScoreRounding, scoreText } from '#core/self-evaluation/score-rounding.ts';
import { type ReviewGrade, reviewGrades } from '#core/submission/performance-target.ts';

/**
 * The scoring table (评分表) of the report, as the screen, the DOCX and the XLSX all show it
 * (docs/domain/key-evaluation.md#the-report): level 1, level 2, level 3, weight, standard, score, deductions with
 * their reasons; the level subtotals, the total and the grade. Every number is the engine's (engagement-score.ts),
 * printed by the one rounding rule (score-rounding.ts), so "86.50" is the same in all three.
 */
export type Level1 = FrameworkIndicator['level1'];

export interface ScoringTableRow {
  indicatorId: string;
  level2: string;
  name: string;
  weight: number;
  standard: string;
  /** Null when the indicator has no score yet. */
  score: number | null;
  /** The score as printed ("4.50"), or "—" with no score. */
  scoreText: string;
  /** Each deduction with its reason, or how a formula or the survey gave the score, or why there is none. */
  deductions: string[];
}

export interface ScoringTableGroup {
  level1: Level1;
  label: string;
  /** The engagement's weight for the level. */
  weight: number;
  score: number;
  scoreText: string;
  /** The level's rows with equal level-2 names next to each other (their cells are merged). */
  rows: ScoringTableRow[];
}

export interface ScoringTable {
  groups: ScoringTableGroup[];
  weight: number;
  total: number;
  totalText: string;
  complete: boolean;
  grade: ReviewGrade | null;
  /** 优/良/中/差, or 未定 while an indicator is unscored. */
  gradeLabel: string;
  decimals: number;
}

type PaperForTable = Pick<ScoringPaper, 'indicatorId' | 'standard' | 'scoring'>;
type IndicatorForTable = Pick<FrameworkIndicator, 'id' | 'level1' | 'level2' | 'name' | 'points' | 'standard'>;

const howScored = (
  paper: PaperForTable | undefined,
  row: EngagementScore['rows'][number] | undefined,
  indicatorName: string,
): string[] => {
  if (!row || row.score === null) {
    return [describeScoringPaper(row?.reason ?? 'indicator_not_scored', 'zh-CN', { name: indicatorName })];
  }
  const scoring = paper?.scoring;
  if (scoring?.method === 'JUDGEMENT') return scoring.deductions.map((d) => `扣${d.points}分：${d.reason}`);
  if (scoring?.method === 'FORMULA') return [`按公式计算，比率 ${row.rate?.toFixed(2) ?? '—'}%`];
  if (scoring?.method === 'SATISFACTION') return [`满意度 ${row.rate?.toFixed(2) ?? '—'}%（目标 ${scoring.target}%）`];
  return [];
};

export const scoringTable = (
  indicators: readonly IndicatorForTable[],
  papers: readonly PaperForTable[],
  score: EngagementScore,
  rounding: ScoreRounding,
): ScoringTable => {
  const paperOf = new Map(papers.map((p) => [p.indicatorId, p]));
  const rowOf = new Map(score.rows.map((r) => [r.indicatorId, r]));
  const groups = evaluationLevel1Codes.flatMap((level1): ScoringTableGroup[] => {
    const mine = indicators.filter((i) => i.level1 === level1);
    if (mine.length === 0) return [];
    // Level-2 names in the order they first appear, so each name's rows are adjacent and merge into one cell.
    const order = [...new Set(mine.map((i) => i.level2))];
    const sorted = order.flatMap((level2) => mine.filter((i) => i.level2 === level2));
    const subtotal = score.levels.find((l) => l.level1 === level1);
    return [
      {
        level1,
        label: evaluationLevels[level1]['zh-CN'],
        weight: subtotal?.weight ?? 0,
        score: subtotal?.score ?? 0,
        scoreText: scoreText(subtotal?.score ?? 0, rounding),
        rows: sorted.map((indicator): ScoringTableRow => {
          const paper = paperOf.get(indicator.id);
          const row = rowOf.get(indicator.id);
          const value = row?.score ?? null;
          return {
            indicatorId: indicator.id,
            level2: indicator.level2,
            name: indicator.name,
            weight: indicator.points,
            standard: paper?.standard || indicator.standard,
            score: value,
            scoreText: value === null ? '—' : scoreText(value, rounding),
            deductions: howScored(paper, row, indicator.name),
          };
        }),
      },
    ];
  });
  return {
    groups,
    weight: groups.reduce((n, g) => n + g.weight, 0),
    total: score.total,
    totalText: scoreText(score.total, rounding),
    complete: score.complete,
    grade: score.grade,
    gradeLabel: score.grade ? reviewGrades[score.grade]['zh-CN'] : '未定',
    decimals: rounding.decimals,
  };
};
