import { problemCatalogue } from '@jixiao/core/problem.ts';
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { type RouteDefinition, routes } from '#functions/routes.ts';

/** The OpenAPI 3.1 document, derived from the route table so it cannot disagree with the API. */
const schemaOf = (schema: v.GenericSchema, typeMode: 'input' | 'output') => {
  const { $schema: _draft, ...rest } = toJsonSchema(schema, { target: 'draft-2020-12', errorMode: 'ignore', typeMode });
  return rest;
};

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', examples: ['urn:jixiao:problem:validation-failed'] },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'code', 'message'],
        properties: { pointer: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
    current: { description: 'On version conflicts: the current server copy' },
  },
};

const parametersOf = (route: RouteDefinition) => {
  const parameters: Record<string, unknown>[] = [];
  for (const [location, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      parameters.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return parameters;
};

const errorResponses = (route: RouteDefinition) => {
  const codes = new Set<number>([400, 429, 500]);
  if (route.access !== 'public') for (const c of [401, 403]) codes.add(c);
  if (route.params) codes.add(404);
  if (route.body) for (const c of [409, 413, 415, 422]) codes.add(c);
  const problemRef = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  return Object.fromEntries(
    [...codes].sort().map((code) => [
      String(code),
      {
        description: Object.values(problemCatalogue).find((p) => p.status === code)?.title.en ?? `Problem ${code}`,
        content: problemRef,
      },
    ]),
  );
};

export const buildOpenApiDocument = () => {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation: Record<string, unknown> = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      'x-capability': route.capability,
      'x-roles': route.access === 'public' ? [] : [...route.access],
      security: route.access === 'public' ? [] : [{ bearer: [] }],
      parameters: parametersOf(route),
      responses: {
        [String(route.response.status)]: {
          description: route.response.description,
          ...(route.response.schema
            ? { content: { 'application/json': { schema: schemaOf(route.response.schema, 'output') } } }
            : {}),
        },
        ...errorResponses(route),
      },
    };
    if (route.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Jixiao (绩效) API',
      version: '1',
      description:
        'Full-process budget performance management. Errors are RFC 9457 problem+json; creates take a client-made UUIDv7 id and are idempotent; updates carry the version they change.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
    },
    paths,
  };
};
