import { type Role, roles } from '@jixiao/core/roles.ts';
import { idParams, pageOf } from '@jixiao/core/schema-parts.ts';
import type * as v from 'valibot';
import { historyQuery, historyResponse } from '#functions/routes/history-schemas.ts';
import type { Capability, RouteDefinition } from '#functions/routes/route-definition.ts';

/** The five routes every kind of master data has: list, create, read, change, audit trail. */
export const allRoles = roles;
export const admin: readonly Role[] = ['tenant-admin'];

interface MasterData {
  capability: Capability;
  /** Who may list and read; who may create, change and see the audit trail. */
  read: readonly Role[];
  write: readonly Role[];
  history: readonly Role[];
  /** URL segment, e.g. `departments`. */
  collection: string;
  /** Singular name used in operation ids, e.g. `Department`. */
  name: string;
  tag: string;
  record: v.GenericSchema;
  create: v.GenericSchema;
  update: v.GenericSchema;
  query: v.GenericSchema;
}

/** Organisation master data is the tenant admin's alone. */
export const organisationData = { capability: 'organisation', read: admin, write: admin, history: admin } as const;

export const masterDataRoutes = (m: MasterData): RouteDefinition[] => {
  const base = `/api/v1/${m.collection}`;
  const common = { capability: m.capability, tag: m.tag } as const;
  return [
    {
      ...common,
      access: m.read,
      operationId: `list${m.name}s`,
      method: 'GET',
      path: base,
      summary: `List ${m.collection}, a page at a time, with search and filters`,
      query: m.query,
      response: { status: 200, description: 'A page', schema: pageOf(m.record) },
    },
    {
      ...common,
      access: m.write,
      operationId: `create${m.name}`,
      method: 'POST',
      path: base,
      summary: `Create a ${m.name.toLowerCase()} (replaying the same id and body returns the original)`,
      body: m.create,
      idempotentCreate: true,
      response: { status: 201, description: 'Created', schema: m.record },
    },
    {
      ...common,
      access: m.read,
      operationId: `get${m.name}`,
      method: 'GET',
      path: `${base}/{id}`,
      summary: `Read one ${m.name.toLowerCase()}`,
      params: idParams,
      response: { status: 200, description: 'The record', schema: m.record },
    },
    {
      ...common,
      access: m.write,
      operationId: `update${m.name}`,
      method: 'PATCH',
      path: `${base}/{id}`,
      summary: `Change a ${m.name.toLowerCase()}; \`version\` must match the stored one`,
      params: idParams,
      body: m.update,
      response: { status: 200, description: 'The changed record', schema: m.record },
    },
    {
      ...common,
      access: m.history,
      operationId: `get${m.name}History`,
      method: 'GET',
      path: `${base}/{id}/history`,
      summary: `The audit trail of one ${m.name.toLowerCase()}, newest first`,
      params: idParams,
      query: historyQuery,
      response: historyResponse,
    },
  ];
};
