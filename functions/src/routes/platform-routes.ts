import { health, me } from '@jixiao/core/platform.ts';
import { allRoles } from '#functions/routes/master-data-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** Health, the OpenAPI document, the caller. */
export const platformRoutes: RouteDefinition[] = [
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
];
