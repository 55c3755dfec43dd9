import { auditEntry } from '@jixiao/core/audit.ts';
import * as indicator from '@jixiao/core/indicator-library/indicator.ts';
import * as agency from '@jixiao/core/organisation/agency.ts';
import * as department from '@jixiao/core/organisation/department.ts';
import * as financeSection from '@jixiao/core/organisation/finance-section.ts';
import * as unit from '@jixiao/core/organisation/unit.ts';
import * as user from '@jixiao/core/organisation/user.ts';
import { health, me } from '@jixiao/core/platform.ts';
import { type Role, roles } from '@jixiao/core/roles.ts';
import { idParams, pageOf } from '@jixiao/core/schema-parts.ts';
import * as v from 'valibot';

/**
 * The single source of truth for every endpoint (DESIGN.md §4.3). The CDK routes, the local
 * gateway, the OpenAPI document and the rows of the authorization-matrix test all come from here.
 */
export const capabilities = ['platform', 'organisation', 'submission'] as const;
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
  response: { status: number; description: string; schema?: v.GenericSchema };
  /** Creates carry a client-made UUIDv7 `id` that doubles as the idempotency key. */
  idempotentCreate?: true;
  /** A bulk operation whose records get ids derived from their sources: running it again replays. */
  idempotentBulk?: true;
}

export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

const allRoles = roles;
const admin: readonly Role[] = ['tenant-admin'];

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
const organisationData = { capability: 'organisation', read: admin, write: admin, history: admin } as const;

const masterDataRoutes = (m: MasterData): RouteDefinition[] => {
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
      response: { status: 200, description: 'Audit entries', schema: v.object({ items: v.array(auditEntry) }) },
    },
  ];
};

export const routes: readonly RouteDefinition[] = [
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/api/v1/health',
    capability: 'platform',
    tag: 'platform',
    summary: 'Liveness check; needs no token',
    access: 'public',
    response: { status: 200, description: 'Alive', schema: health },
  },
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/api/v1/openapi.json',
    capability: 'platform',
    tag: 'platform',
    summary: 'This API as an OpenAPI 3.1 document',
    access: 'public',
    response: { status: 200, description: 'OpenAPI 3.1 document' },
  },
  {
    operationId: 'getMe',
    method: 'GET',
    path: '/api/v1/me',
    capability: 'platform',
    tag: 'platform',
    summary: 'The signed-in person, their roles and organisation',
    access: allRoles,
    response: { status: 200, description: 'The caller', schema: me },
  },
  ...masterDataRoutes({
    ...organisationData,
    collection: 'finance-sections',
    name: 'FinanceSection',
    tag: 'organisation',
    record: financeSection.financeSection,
    create: financeSection.createFinanceSection,
    update: financeSection.updateFinanceSection,
    query: financeSection.financeSectionQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'departments',
    name: 'Department',
    tag: 'organisation',
    record: department.department,
    create: department.createDepartment,
    update: department.updateDepartment,
    query: department.departmentQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'units',
    name: 'Unit',
    tag: 'organisation',
    record: unit.unit,
    create: unit.createUnit,
    update: unit.updateUnit,
    query: unit.unitQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'agencies',
    name: 'Agency',
    tag: 'organisation',
    record: agency.agency,
    create: agency.createAgency,
    update: agency.updateAgency,
    query: agency.agencyQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'users',
    name: 'User',
    tag: 'organisation',
    record: user.user,
    create: user.createUser,
    update: user.updateUser,
    query: user.userQuery,
  }),
  {
    operationId: 'rollOverIndicators',
    method: 'POST',
    path: '/api/v1/indicators/roll-over',
    capability: 'submission',
    tag: 'indicator-library',
    summary: 'Give every active entry of one fiscal year a version in a later year (running it again adds nothing)',
    access: ['performance-section-reviewer'],
    body: indicator.rollOverIndicators,
    idempotentBulk: true,
    response: {
      status: 200,
      description: 'What was created, already there, or skipped',
      schema: indicator.rollOverReport,
    },
  },
  // The indicator library: everyone searches it; the performance section keeps it.
  ...masterDataRoutes({
    capability: 'submission',
    read: allRoles,
    write: ['performance-section-reviewer'],
    history: ['performance-section-reviewer', 'tenant-admin'],
    collection: 'indicators',
    name: 'Indicator',
    tag: 'indicator-library',
    record: indicator.indicator,
    create: indicator.createIndicator,
    update: indicator.updateIndicator,
    query: indicator.indicatorQuery,
  }),
];

export const routesOf = (capability: Capability): RouteDefinition[] =>
  routes.filter((r) => r.capability === capability);

/** Where each capability's Lambda entry point lives, relative to the repository root. */
export const handlerEntry = (capability: Capability): string => `functions/src/handlers/${capability}.ts`;
