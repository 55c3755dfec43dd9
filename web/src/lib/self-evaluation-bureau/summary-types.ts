import type { RoundSummaryFigures } from '@jixiao/core/self-evaluation/round-summary.ts';
import type { SelfEvaluationRound } from '@jixiao/core/self-evaluation/self-evaluation.ts';

/**
 * What `GET /api/v1/self-evaluation-rounds/{id}/summary` answers (functions/src/routes/self-evaluation-summary-routes.ts,
 * worked out by core/src/self-evaluation/round-summary.ts).
 */
export interface RoundSummary {
  round: { id: string; name: string; fiscalYear: number; deadline: string; roundStatus: string };
  pastDeadline: boolean;
  total: RoundSummaryFigures;
  series: (RoundSummaryFigures & { series: string })[];
  departments: (RoundSummaryFigures & {
    departmentId: string;
    departmentCode: string;
    departmentName: string;
    series: string;
  })[];
  itemsRead: number;
}

/** The spot-check draw as the round records it (functions/src/self-evaluation/spot-check-operations.ts). */
export interface SpotCheckDraw {
  seed: string;
  sharePct: number;
  namedProjectIds: string[];
  bandLimitsFen: number[];
  count: number;
  at: string;
  by: string;
}

export interface DrawnItem {
  selfEvaluationId: string;
  projectId: string;
  reason: 'RANDOM' | 'NAMED';
}

/** A round as read, with the draw the API keeps on it once the performance section has drawn. */
export type RoundWithDraw = SelfEvaluationRound & { spotCheckDraw?: SpotCheckDraw };
