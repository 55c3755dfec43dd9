import type { EngagementProgress } from '#lib/engagements/fieldwork-views.ts';

/**
 * What is still open in an engagement's fieldwork, read from its progress: asked before the lead
 * closes fieldwork or the bureau releases the evidence, so neither happens in one tap with sites
 * unvisited, photos still on their way or evaluators who have sent nothing.
 */
export interface OpenFieldwork {
  /** Assigned sites without a site visit yet, with whose they are. */
  unvisitedSites: { site: string; evaluator: string }[];
  /** Sites of the approved sample that nobody was assigned. */
  unassignedSites: number;
  /** Photos declared by records that have not reached the bucket (a phone may still be sending). */
  photosOnTheWay: number;
  /** Evaluators with an assignment and no record at all. */
  silentEvaluators: string[];
  /** True when nothing above is open. */
  complete: boolean;
}

export const openFieldwork = (progress: EngagementProgress): OpenFieldwork => {
  const unvisitedSites = progress.assignments.flatMap((a) =>
    a.sites.filter((s) => !s.visited).map((s) => ({ site: s.name, evaluator: a.evaluatorName })),
  );
  const assigned = new Set(progress.assignments.flatMap((a) => a.sites.map((s) => s.siteId)));
  const unassignedSites = Math.max(0, progress.sitesInPlan - assigned.size);
  const photosOnTheWay = Math.max(0, progress.photosDeclared - progress.photosReceived);
  const silentEvaluators = progress.assignments
    .filter((a) => a.siteVisits + a.interviews + a.symposia + a.surveyResponses === 0)
    .map((a) => a.evaluatorName);
  return {
    unvisitedSites,
    unassignedSites,
    photosOnTheWay,
    silentEvaluators,
    complete:
      unvisitedSites.length === 0 && unassignedSites === 0 && photosOnTheWay === 0 && silentEvaluators.length === 0,
  };
};
