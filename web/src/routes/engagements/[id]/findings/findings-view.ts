import type { EngagementState } from '@jixiao/core/fieldwork/engagement.ts';
import type { Finding } from '@jixiao/core/key-evaluation/finding.ts';
import type { FindingAnswer, OpinionExchange } from '@jixiao/core/key-evaluation/opinion-exchange.ts';

/** What GET /engagements/{id}/findings answers (functions/src/routes/finding-routes.ts). */
export interface FindingsSummary {
  engagementState: EngagementState;
  findings: Finding[];
  exchange: OpinionExchange | null;
  answers: FindingAnswer[];
  limit: number;
}
