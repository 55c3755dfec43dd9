import { uuidV7 } from '@jixiao/core/ids.ts';
import { departmentEvaluationKind } from '@jixiao/functions/department-evaluation/record-kinds.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { routes } from '@jixiao/functions/routes.ts';
import { operationRunner } from '@jixiao/infra/local/record-loader.ts';

/**
 * The department overall self-evaluations the authorization matrix acts on (test/api/authorization-matrix.test.ts):
 * a draft of 2026 for the own department, another department and a department of another tenant, made through the
 * API's own operation; and the request each of its routes makes for a relation.
 */
const made = new Map<string, { id: string; tenant: string; departmentId: string }>();

/** A version no record has: an allowed, in-scope step at it is refused with 409 and changes nothing. */
const staleVersion = 999_999;

export const seedDepartmentEvaluations = async (
  store: RecordStore,
  relations: readonly (readonly [relation: string, tenant: string, departmentId: string])[],
): Promise<void> => {
  for (const [relation, tenant, departmentId] of relations) {
    const answer = await operationRunner(store, tenant)(
      'createDepartmentEvaluation',
      { userId: 'matrix:perf', roles: ['performance-section-reviewer'] },
      { body: { fiscalYear: 2026, departmentId } },
    );
    if (answer.status !== 201 && answer.status !== 200) throw new Error(`department evaluation: ${answer.status}`);
    made.set(relation, { id: String(answer.body.id), tenant, departmentId });
  }
};

/** The path and body of a department-evaluation route for a relation; undefined for every other route. */
export const departmentEvaluationRequest = async (
  store: RecordStore,
  operationId: string,
  relation: string,
): Promise<{ path: string; body?: unknown } | undefined> => {
  const route = routes.find((r) => r.operationId === operationId);
  const seeded = made.get(relation);
  if (!route?.path.startsWith('/api/v1/department-evaluations') || !seeded) return undefined;
  // An evidence file id no file has: not found to every reader (the API test downloads a listed one).
  const path = route.path.replace('{id}', seeded.id).replace('{attachmentId}', uuidV7());
  switch (operationId) {
    case 'createDepartmentEvaluation':
      return { path, body: { fiscalYear: 2026, departmentId: seeded.departmentId } };
    case 'listDepartmentEvaluations':
      return { path: `${path}?fiscalYear=2026` };
    case 'saveDepartmentEvaluation': {
      const current = await store.get(seeded.tenant, departmentEvaluationKind, seeded.id);
      return { path, body: { version: current?.version ?? 1, figures: { authorisedPosts: 50 } } };
    }
    case 'submitDepartmentEvaluation':
      return { path, body: { version: staleVersion } };
    case 'departmentReviewDepartmentEvaluation':
    case 'firstReviewDepartmentEvaluation':
    case 'finalReviewDepartmentEvaluation':
      return { path, body: { version: staleVersion, decision: 'approve' } };
    // Evidence files of an indicator (department-evaluation-attachments.test.ts): asked at a stale version, and a
    // judgement indicator's list saved empty at the current one.
    case 'uploadDepartmentEvaluationEvidence':
      return {
        path,
        body: {
          version: staleVersion,
          code: 'ASSETS_SAFE',
          id: uuidV7(),
          name: '佐证.pdf',
          contentType: 'application/pdf',
          sizeBytes: 10,
          sha256: 'a'.repeat(64),
        },
      };
    case 'saveDepartmentEvaluationEntryAttachments': {
      const current = await store.get(seeded.tenant, departmentEvaluationKind, seeded.id);
      return { path, body: { version: current?.version ?? 1, code: 'ASSETS_SAFE', attachments: [] } };
    }
    // The figures imported from a file (department-evaluation-figures-import.test.ts): a good file at a stale version,
    // its figure one no save here makes (a file of the figures already held changes nothing, 200).
    case 'importDepartmentFigures':
      return {
        path,
        body: {
          version: staleVersion,
          fileName: '部门数据.csv',
          contentBase64: Buffer.from('编制数,51').toString('base64'),
        },
      };
    default:
      return { path };
  }
};
