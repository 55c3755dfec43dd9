import type { FrameworkIndicator } from '#core/fieldwork/engagement.ts';
import type { ScoringTable } from '#core/key-evaluation/evaluation-report-scoring-table.ts';
import { type Finding, findingCategories } from '#core/key-evaluation/finding.ts';
import type { ScoringPaper } from '#core/key-evaluation/scoring-paper.ts';

/**
 * What the report takes from the papers rather than from its writer (docs/domain/key-evaluation.md#the-report): the
 * scoring table, the analysis per indicator by level 1, the problems and their suggestions from the issue summary,
 * and the account check's sampling statement. Built afresh each time the report is read or generated; an empty
 * input gives a part that says so (尚无…) rather than a missing part.
 */
export interface IndicatorAnalysis {
  indicatorId: string;
  level2: string;
  name: string;
  weight: number;
  scoreText: string;
  /** 核查情况 from the paper. */
  verification: string;
  deductions: string[];
  /** 原因分析 from the paper. */
  cause: string;
}

export interface LevelAnalysis {
  level1: FrameworkIndicator['level1'];
  label: string;
  weight: number;
  scoreText: string;
  indicators: IndicatorAnalysis[];
}

export interface ReportProblem {
  findingId: string;
  title: string;
  category: string;
  facts: string;
  /** "12,345.00 元", a quantity in words, or empty. */
  amount: string;
  basis: string;
  responsibleParty: string;
  suggestion: string;
}

export interface ReportFilled {
  scoringTable: ScoringTable;
  analysis: LevelAnalysis[];
  problems: ReportProblem[];
  /** The account check's method as the report states it; null when no sample was drawn. */
  sampling: string | null;
}

type PaperForAnalysis = Pick<ScoringPaper, 'indicatorId' | 'verification' | 'causeAnalysis'>;
type FindingForReport = Pick<
  Finding,
  | 'id'
  | 'title'
  | 'category'
  | 'facts'
  | 'amount'
  | 'quantity'
  | 'basis'
  | 'responsibleParty'
  | 'suggestion'
  | 'withdrawn'
>;

/** 元 with thousands separators and two decimals, as the issue summary's amounts are printed. */
export const yuan = (amount: number): string =>
  `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;

export const reportFilled = (input: {
  scoringTable: ScoringTable;
  papers: readonly PaperForAnalysis[];
  findings: readonly FindingForReport[];
  sampling: string | null;
}): ReportFilled => {
  const paperOf = new Map(input.papers.map((p) => [p.indicatorId, p]));
  const analysis = input.scoringTable.groups.map(
    (g): LevelAnalysis => ({
      level1: g.level1,
      label: g.label,
      weight: g.weight,
      scoreText: g.scoreText,
      indicators: g.rows.map((row) => ({
        indicatorId: row.indicatorId,
        level2: row.level2,
        name: row.name,
        weight: row.weight,
        scoreText: row.scoreText,
        verification: paperOf.get(row.indicatorId)?.verification ?? '',
        deductions: row.deductions,
        cause: paperOf.get(row.indicatorId)?.causeAnalysis ?? '',
      })),
    }),
  );
  // A finding withdrawn after the department's answer stays in the summary but is out of the report.
  const problems = input.findings
    .filter((f) => !f.withdrawn)
    .map(
      (f): ReportProblem => ({
        findingId: f.id,
        title: f.title,
        category: findingCategories[f.category]['zh-CN'],
        facts: f.facts,
        amount: f.amount !== null ? yuan(f.amount) : f.quantity,
        basis: f.basis,
        responsibleParty: f.responsibleParty,
        suggestion: f.suggestion,
      }),
    );
  return { scoringTable: input.scoringTable, analysis, problems, sampling: input.sampling };
};
