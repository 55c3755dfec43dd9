import { roles } from '@jixiao/core/roles.ts';
import { dashboardRoles, engagementRoles, exAnteRoles, projectReaderRoles } from '@jixiao/core/scope/role-groups.ts';
import { describe, expect, it } from 'vitest';
import { dailyWorkOperations } from '#functions/daily-work/daily-work-operations.ts';
import { departmentAssessmentOperations } from '#functions/department-assessment/department-assessment-operations.ts';
import { departmentEvaluationOperations } from '#functions/department-evaluation/department-evaluation-operations.ts';
import { departmentFiguresImportOperations } from '#functions/department-evaluation/figures-import-operations.ts';
import { fieldworkOperations } from '#functions/fieldwork/fieldwork-operations.ts';
import { evaluationReportOperations } from '#functions/key-evaluation/evaluation-report-operations.ts';
import { keyEvaluationOperations } from '#functions/key-evaluation/key-evaluation-operations.ts';
import { monitoringOperations } from '#functions/monitoring/monitoring-operations.ts';
import { organisationOperations } from '#functions/organisation/organisation-operations.ts';
import { platformOperations } from '#functions/platform/platform-operations.ts';
import type { EvidenceStore } from '#functions/ports/evidence-store.ts';
import type { JobStarter } from '#functions/ports/job-starter.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';
import { resultsApplicationOperations } from '#functions/results-application/results-application-operations.ts';
import { capabilities, routeKey, routes, routesOf } from '#functions/routes.ts';
import { importsOperations } from '#functions/self-evaluation/imports-operations.ts';
import { selfEvaluationOperations } from '#functions/self-evaluation/self-evaluation-operations.ts';
import { submissionOperations } from '#functions/submission/submission-operations.ts';

const unusedStore = {} as RecordStore;
const unusedEvidence = {} as EvidenceStore;
const operationsOf = {
  platform: platformOperations(unusedStore, () => ({})),
  organisation: organisationOperations(unusedStore),
  submission: submissionOperations(unusedStore, unusedEvidence),
  fieldwork: fieldworkOperations(unusedStore, unusedEvidence),
  monitoring: monitoringOperations(unusedStore, unusedEvidence),
  'self-evaluation': selfEvaluationOperations(unusedStore, unusedEvidence),
  'department-evaluation': {
    ...departmentEvaluationOperations(unusedStore, unusedEvidence),
    ...departmentFiguresImportOperations(departmentEvaluationOperations(unusedStore, unusedEvidence)),
  },
  imports: importsOperations(unusedStore),
  'daily-work': dailyWorkOperations(unusedStore, unusedEvidence, {} as JobStarter),
  'key-evaluation': keyEvaluationOperations(unusedStore, unusedEvidence),
  'evaluation-report': evaluationReportOperations(unusedStore, unusedEvidence),
  'results-application': resultsApplicationOperations(unusedStore),
  'department-assessment': departmentAssessmentOperations(unusedStore),
};

describe('route table', () => {
  it('has unique operation ids and unique method + path pairs', () => {
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
  });

  it('gives every capability an operation for each of its routes, and no extra ones', () => {
    for (const capability of capabilities) {
      expect(Object.keys(operationsOf[capability]).sort()).toEqual(
        routesOf(capability)
          .map((r) => r.operationId)
          .sort(),
      );
    }
  });

  it('keeps every path under /api/v1, in API Gateway syntax, with known roles', () => {
    for (const route of routes) {
      expect(route.path).toMatch(/^\/api\/v1\/(?:[a-z0-9./-]|\{[a-z][a-zA-Z]*\})+$/);
      if (route.access !== 'public') for (const role of route.access) expect(roles).toContain(role);
      if (route.method === 'POST')
        expect(route.idempotentCreate || route.idempotentBulk || route.versionedAction || route.readOnly).toBe(true);
      if (route.method === 'POST' || route.method === 'PATCH') expect(route.body).toBeDefined();
    }
  });

  it('leaves only health and the OpenAPI document public', () => {
    expect(routes.filter((r) => r.access === 'public').map((r) => r.operationId)).toEqual(['getHealth', 'getOpenApi']);
  });
});

describe('the web app offers each screen to the groups the API serves', () => {
  // The screens guard themselves with core's role groups (web/src/lib/*-access.ts re-export them);
  // the reads they make must let in exactly those groups, or a screen opens onto a 404.
  const accessOf = (method: string, path: string) =>
    new Set(routes.find((r) => r.method === method && r.path === path)?.access ?? []);
  const screens: [string, readonly string[], string][] = [
    ['projects', projectReaderRoles, '/api/v1/projects'],
    ['monitoring rounds', projectReaderRoles, '/api/v1/monitoring-rounds'],
    ['rectifications', projectReaderRoles, '/api/v1/rectifications'],
    ['monitoring dashboard', dashboardRoles, '/api/v1/monitoring-rounds/{id}/dashboard'],
    ['key evaluations', engagementRoles, '/api/v1/engagements'],
  ];
  it.each(screens)('%s', (_, group, path) => {
    expect(accessOf('GET', path)).toEqual(new Set(group));
  });

  it('the ex-ante list serves every group its screen is offered to', () => {
    const served = accessOf('GET', '/api/v1/ex-ante-assessments');
    for (const role of exAnteRoles) expect(served.has(role), role).toBe(true);
  });
});
