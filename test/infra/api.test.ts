import { type Capability, routeKey, routes } from '@jixiao/functions/routes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../infra/cdk/settings.ts';
import { functionIdOf, resourcesOf, type Synthesized, synthJixiao } from './support/jixiao-synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthJixiao();
});
afterAll(() => synth?.dispose());

interface RouteProperties {
  RouteKey: string;
  AuthorizationType: string;
  AuthorizerId?: unknown;
  Target: { 'Fn::Join': [string, [string, { Ref: string }]] };
}

const templateRoutes = (): RouteProperties[] =>
  Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Route')).map(
    (r) => r.Properties as unknown as RouteProperties,
  );

describe('routes', () => {
  it('are exactly the route table: every route once, nothing else', () => {
    const keys = templateRoutes().map((r) => r.RouteKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(routes.map(routeKey).sort());
  });

  it('include no local sign-in, demo or identity-provider route', () => {
    for (const { RouteKey } of templateRoutes()) {
      expect(RouteKey.toLowerCase()).not.toMatch(/local-idp|demo|sign-?in/);
    }
  });

  it('need a JWT unless the route table says public', () => {
    const authorizerId = Object.keys(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Authorizer'))[0];
    const byKey = new Map(templateRoutes().map((r) => [r.RouteKey, r]));
    for (const route of routes) {
      const made = byKey.get(routeKey(route));
      if (route.access === 'public') {
        expect(made?.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(made?.AuthorizerId).toBeUndefined();
      } else {
        expect(made?.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(made?.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
    expect(routes.filter((r) => r.access === 'public').map(routeKey)).toEqual([
      'GET /api/v1/health',
      'GET /api/v1/openapi.json',
    ]);
  });

  it("reach the Lambda of the route's capability", () => {
    const integrations = resourcesOf(synth.template, 'AWS::ApiGatewayV2::Integration');
    const byKey = new Map(templateRoutes().map((r) => [r.RouteKey, r]));
    for (const route of routes) {
      const integrationId = byKey.get(routeKey(route))?.Target['Fn::Join'][1][1].Ref as string;
      const integration = integrations[integrationId]?.Properties;
      expect(integration?.IntegrationType).toBe('AWS_PROXY');
      expect(integration?.PayloadFormatVersion).toBe('2.0');
      expect(integration?.IntegrationUri, routeKey(route)).toEqual({
        'Fn::GetAtt': [functionIdOf(synth.template, route.capability as Capability), 'Arn'],
      });
    }
  });
});

describe('the JWT authorizer', () => {
  it('trusts the user pool as issuer and the PWA client as audience', () => {
    const pool = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPool'))[0];
    const client = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'))[0];
    synth.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: { 'Fn::GetAtt': [pool, 'ProviderURL'] }, Audience: [{ Ref: client }] },
    });
  });
});

describe('the stage', () => {
  it('throttles every route by default', () => {
    synth.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: defaultSettings.throttleRateLimit,
        ThrottlingBurstLimit: defaultSettings.throttleBurstLimit,
      },
    });
  });

  it('writes JSON access logs to a log group with a retention', () => {
    const stage = Object.values(resourcesOf(synth.template, 'AWS::ApiGatewayV2::Stage'))[0]?.Properties;
    const settings = stage?.AccessLogSettings as { DestinationArn: { 'Fn::GetAtt': [string, string] }; Format: string };
    const format = JSON.parse(settings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
    });
    const logGroup = resourcesOf(synth.template, 'AWS::Logs::LogGroup')[settings.DestinationArn['Fn::GetAtt'][0]];
    expect(logGroup?.Properties?.RetentionInDays).toBe(defaultSettings.logRetentionDays);
  });
});
