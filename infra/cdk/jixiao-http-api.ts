import { Fn, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { JixiaoSettings } from './settings.ts';

/** One JSON object a request, so Logs Insights can query fields without parsing. */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    method: '$context.httpMethod',
    path: '$context.path',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    // The token's subject only (an opaque id), never the token or other claims.
    subject: '$context.authorizer.claims.sub',
  }),
);

/**
 * The HTTP API and its one stage, with throttling and access logs. Routes are added by
 * ApiRoutes from the route table.
 */
export class JixiaoHttpApi extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  /** `abc123.execute-api.region.amazonaws.com`, for CloudFront's origin. */
  readonly domainName: string;

  constructor(scope: Construct, id: string, settings: JixiaoSettings) {
    super(scope, id);
    // The stage is made below so that throttling and access logs are part of it from the start.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: 'jixiao',
      description: 'Jixiao budget performance API (routes from functions/src/routes.ts)',
      createDefaultStage: false,
    });
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: settings.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: settings.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(this.accessLogs), format: accessLogFormat },
    });
    this.domainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
  }

  get url(): string {
    return `${this.httpApi.apiEndpoint}/`;
  }
}
