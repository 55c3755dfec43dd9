import * as v from 'valibot';
import { assignment } from '#core/fieldwork/assignment.ts';
import { engagement, site } from '#core/fieldwork/engagement.ts';

/**
 * Everything an evaluator's phone needs for one assignment, downloaded in one request and kept in
 * IndexedDB: the assignment, the engagement's framework (indicators with their targets and the
 * department's claims), the interview outline, the questionnaires and the sites to visit.
 */
export const fieldPackage = v.object({
  assignment,
  engagement: v.object({
    id: v.string(),
    version: v.number(),
    kind: engagement.entries.kind,
    title: v.string(),
    state: engagement.entries.state,
    fiscalYear: v.number(),
    projectName: v.nullable(v.string()),
    projectCode: v.nullable(v.string()),
    departmentName: v.string(),
    agencyName: v.nullable(v.string()),
    weights: engagement.entries.weights,
    indicators: engagement.entries.indicators,
    interviewQuestions: engagement.entries.interviewQuestions,
    questionnaires: engagement.entries.questionnaires,
    gpsAccuracyLimitMetres: v.number(),
  }),
  /** The assignment's sites, in the order the lead listed them. */
  sites: v.array(site),
  /** Server time of the download, so the phone can say how old its copy is. */
  downloadedAt: v.string(),
});
export type FieldPackage = v.InferOutput<typeof fieldPackage>;
