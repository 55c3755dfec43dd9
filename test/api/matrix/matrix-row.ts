import { uuidV7 } from '@jixiao/core/ids.ts';
import type { Role } from '@jixiao/core/roles.ts';
import type { RecordKind, RecordStore } from '@jixiao/functions/ports/record-store.ts';
import type { EngagementFixture } from '../../support/fieldwork-fixture.ts';

/**
 * The shapes of the authorization matrix (test/api/authorization-matrix.test.ts), shared with the files under
 * test/api/matrix/ where each feature of issue 13 keeps its rows and the request each of its operations makes.
 */
export type Relation = 'own-department' | 'other-department' | 'other-tenant';

export type Outcomes = readonly [number, number, number];

export interface Row {
  /** Outcomes per relation for the roles named here… */
  roles?: Partial<Record<Role, Outcomes>>;
  /** …and for every other signed-in role (a number: the same for every relation). */
  others?: number | Outcomes;
  anonymous?: number;
  everyone?: number;
}

/** What a feature's request maker knows: the store, the relation's tenant and records, the path with `{id}` filled. */
export interface MatrixContext {
  store: RecordStore;
  operationId: string;
  path: string;
  relation: Relation;
  tenant: string;
  /** The relation's released engagement in fieldwork (test/support/fieldwork-fixture.ts), with its ids. */
  engagement: EngagementFixture | undefined;
  /** The relation's organisation ids (department, project, unit, agency, …). */
  targets: Readonly<Record<string, string>>;
}

export type MatrixRequest = { path: string; body?: unknown } | undefined;

/** A feature's part of the matrix: a row per operation and, where the generic rules cannot make it, its request. */
export interface MatrixPart {
  rows: Record<string, Row>;
  request: (context: MatrixContext) => Promise<MatrixRequest>;
}

/** A version no record has: an allowed, in-scope step at it is refused with 409 and changes nothing. */
export const staleVersion = 999_999;

/**
 * A record written straight through the store in `tenant`, as the matrix's own fixture (the step that makes it belongs
 * to another feature, or is not what the row tests): a new id at version 1 with the matrix as its author. Its id.
 */
export const writeMatrixRecord = async (
  store: RecordStore,
  tenant: string,
  kind: RecordKind,
  fields: Record<string, unknown>,
): Promise<string> => {
  const id = uuidV7();
  const at = new Date().toISOString();
  await store.create(
    tenant,
    kind,
    {
      id,
      version: 1,
      status: 'active',
      createdAt: at,
      updatedAt: at,
      createdBy: 'matrix',
      updatedBy: 'matrix',
      ...fields,
    },
    { hash: id, context: { actor: 'matrix', actorRoles: [], requestId: id, at } },
  );
  return id;
};
