import type { Role } from '@jixiao/core/roles.ts';
import type * as v from 'valibot';

/**
 * What a route is. The route table (routes.ts) lists every endpoint once (docs/architecture.md#the-route-table); the CDK
 * routes, the local gateway, the OpenAPI document and the authorization-matrix rows come from it.
 * Each capability's routes live in their own file, so a Lambda loads only its own schemas.
 */
export const capabilities = [
  'platform',
  'organisation',
  'submission',
  'fieldwork',
  'monitoring',
  'self-evaluation',
  'department-evaluation',
  'imports',
  'daily-work',
  'key-evaluation',
  'evaluation-report',
  'results-application',
  'department-assessment',
] as const;
export type Capability = (typeof capabilities)[number];
export type Method = 'GET' | 'POST' | 'PATCH';

export interface RouteDefinition {
  operationId: string;
  method: Method;
  /** API Gateway path syntax: `/api/v1/departments/{id}`. */
  path: string;
  capability: Capability;
  tag: string;
  summary: string;
  /** `public` needs no token; otherwise the roles that may call it. */
  access: 'public' | readonly Role[];
  params?: v.GenericSchema;
  query?: v.GenericSchema;
  body?: v.GenericSchema;
  /** A larger body cap than the usual 64 KiB, for a body the schema lets grow past it (e.g. 2,000 key project ids). */
  maxBodyBytes?: number;
  response: { status: number; description: string; schema?: v.GenericSchema };
  /** Creates carry a client-made UUIDv7 `id` that doubles as the idempotency key. */
  idempotentCreate?: true;
  /** A bulk operation whose records get ids derived from their sources: running it again replays. */
  idempotentBulk?: true;
  /** A POST that writes nothing (its input is too large for a query string): repeating it answers the same. */
  readOnly?: true;
  /**
   * A step taken on a record at the `version` in the body: repeating it finds a newer version and
   * gets 409, so a retried request never acts twice.
   */
  versionedAction?: true;
}

export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** Where each capability's Lambda entry point lives, relative to the repository root. */
export const handlerEntry = (capability: Capability): string => `functions/src/handlers/${capability}.ts`;
