import { describe, expect, it } from 'vitest';
import type { AssignmentProgress, EngagementProgress } from '#lib/engagements/fieldwork-views.ts';
import { openFieldwork } from '#lib/engagements/open-fieldwork.ts';

const assignment = (over: Partial<AssignmentProgress>): AssignmentProgress => ({
  assignmentId: 'a',
  evaluatorId: 'e',
  evaluatorName: '孙强',
  dueDate: null,
  sites: [],
  siteVisits: 0,
  interviews: 0,
  symposia: 0,
  surveyResponses: 0,
  photosDeclared: 0,
  photosReceived: 0,
  positionFlags: 0,
  lastReceivedAt: null,
  ...over,
});

const progress = (over: Partial<EngagementProgress>): EngagementProgress => ({
  engagementId: 'x',
  state: 'FIELDWORK',
  sitesInPlan: 0,
  sitesVisited: 0,
  records: 0,
  photosDeclared: 0,
  photosReceived: 0,
  assignments: [],
  ...over,
});

describe('openFieldwork', () => {
  it('lists unvisited sites with their evaluator, unassigned sites, photos on their way and silent evaluators', () => {
    const open = openFieldwork(
      progress({
        sitesInPlan: 4,
        photosDeclared: 7,
        photosReceived: 5,
        assignments: [
          assignment({
            evaluatorName: '孙强',
            sites: [
              { siteId: 's1', name: '成林道小区', visited: true },
              { siteId: 's2', name: '丽新园', visited: false },
            ],
            siteVisits: 1,
          }),
          assignment({
            assignmentId: 'b',
            evaluatorName: '周敏',
            sites: [{ siteId: 's3', name: '万新里', visited: false }],
          }),
        ],
      }),
    );
    expect(open).toEqual({
      unvisitedSites: [
        { site: '丽新园', evaluator: '孙强' },
        { site: '万新里', evaluator: '周敏' },
      ],
      unassignedSites: 1,
      photosOnTheWay: 2,
      silentEvaluators: ['周敏'],
      complete: false,
    });
  });

  it('is complete only when every sampled site is assigned and visited and every photo has arrived', () => {
    const done = progress({
      sitesInPlan: 1,
      photosDeclared: 2,
      photosReceived: 2,
      assignments: [assignment({ sites: [{ siteId: 's1', name: '成林道小区', visited: true }], siteVisits: 1 })],
    });
    expect(openFieldwork(done).complete).toBe(true);
    expect(openFieldwork({ ...done, photosReceived: 1 }).complete).toBe(false);
    expect(openFieldwork({ ...done, sitesInPlan: 2 }).complete).toBe(false);
    // An evaluator who only ran questionnaires has sent something.
    const surveys = { ...done, assignments: [assignment({ sites: [], surveyResponses: 3 })], sitesInPlan: 0 };
    expect(openFieldwork(surveys)).toMatchObject({ silentEvaluators: [], complete: true });
  });
});
