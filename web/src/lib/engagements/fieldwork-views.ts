import type { IndicatorEvidence } from '@jixiao/core/fieldwork/indicator-evidence.ts';
import type { QuestionnaireSummary, SurveySummary } from '@jixiao/core/fieldwork/survey-summary.ts';

/**
 * The shapes of the fieldwork views (`GET /engagements/{id}/progress` and `/evidence`), which the
 * route table declares only as objects: written here once for the screens that read them.
 */
export interface AssignmentProgress {
  assignmentId: string;
  evaluatorId: string;
  evaluatorName: string;
  dueDate: string | null;
  sites: { siteId: string; name: string; visited: boolean }[];
  siteVisits: number;
  interviews: number;
  symposia: number;
  surveyResponses: number;
  photosDeclared: number;
  photosReceived: number;
  positionFlags: number;
  lastReceivedAt: string | null;
}

export interface EngagementProgress {
  engagementId: string;
  state: string;
  sitesInPlan: number;
  sitesVisited: number;
  records: number;
  photosDeclared: number;
  photosReceived: number;
  assignments: AssignmentProgress[];
}

export interface EngagementEvidence {
  engagementId: string;
  indicators: IndicatorEvidence[];
  survey: SurveySummary;
}

export type { QuestionnaireSummary };
