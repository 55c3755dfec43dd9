import { type Capability, type RouteDefinition, routes } from '@jixiao/functions/routes.ts';
import {
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface ApiRoutesProps {
  httpApi: IHttpApi;
  functionOf: (capability: Capability) => IFunction;
  authorizer: IHttpRouteAuthorizer;
}

/**
 * Every route of functions/src/routes.ts, and nothing else (docs/architecture.md#the-route-table): the route table is the
 * only place an endpoint may be added.
 */
export class ApiRoutes extends Construct {
  readonly routes: ReadonlyMap<RouteDefinition, HttpRoute>;

  constructor(scope: Construct, id: string, props: ApiRoutesProps) {
    super(scope, id);
    const integrations = new Map<Capability, HttpLambdaIntegration>();
    const integrationOf = (capability: Capability): HttpLambdaIntegration => {
      let integration = integrations.get(capability);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${capability}-integration`, props.functionOf(capability), {
          // One invoke permission for the API instead of one per route: the resource policy of a
          // Lambda is capped at 20 KB and the organisation capability alone has 25 routes.
          scopePermissionToRoute: false,
        });
        integrations.set(capability, integration);
      }
      return integration;
    };

    const made = new Map<RouteDefinition, HttpRoute>();
    for (const route of routes) {
      made.set(
        route,
        new HttpRoute(this, route.operationId, {
          httpApi: props.httpApi,
          routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
          integration: integrationOf(route.capability),
          authorizer: route.access === 'public' ? new HttpNoneAuthorizer() : props.authorizer,
        }),
      );
    }
    this.routes = made;
  }
}
