import { existsSync } from 'node:fs';
import { tableDefinition } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { capabilities } from '@jixiao/functions/routes.ts';
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { inlineScriptHashes } from '../security-headers.ts';
import { ApiRoutes } from './api-routes.ts';
import { CapabilityFunctions, functionTimeout } from './capability-functions.ts';
import { DailyWorkJobs, dailyWorkJobsTimeout } from './daily-work-jobs.ts';
import { createEvidenceBucket } from './evidence-bucket.ts';
import { archiveJobFunction, ExportJobs, exportJobFunction, exportJobsTimeout } from './export-jobs.ts';
import { Identity, type WebClient } from './identity.ts';
import { JixiaoHttpApi } from './jixiao-http-api.ts';
import { createJixiaoTable } from './jixiao-table.ts';
import { createLogBucket } from './log-bucket.ts';
import { OperationsAlarms } from './operations-alarms.ts';
import { OperationsDashboard } from './operations-dashboard.ts';
import { OperatorTopic } from './operator-topic.ts';
import { defaultWebBuildDir } from './repo-paths.ts';
import { type JixiaoSettings, readSettings } from './settings.ts';
import { SiteDeployment } from './site-deployment.ts';
import { WebDistribution } from './web-distribution.ts';

export interface JixiaoStackProps extends StackProps {
  /** The built PWA; deployed only if the folder exists. Defaults to web/build. */
  webBuildDir?: string;
}

/** The API path prefix the PWA calls; CloudFront's `/api/*` behaviour forwards it unchanged. */
export const apiBase = '/api/v1';

/**
 * Jixiao in one environment-agnostic stack (docs/architecture.md#shape): no lookups, so `cdk synth` runs
 * offline and without credentials.
 */
export class JixiaoStack extends Stack {
  readonly settings: JixiaoSettings;
  readonly table: TableV2;
  readonly logBucket: Bucket;
  readonly evidenceBucket: Bucket;
  readonly api: JixiaoHttpApi;
  readonly web: WebDistribution;
  readonly identity: Identity;
  readonly webClient: WebClient;
  readonly functions: CapabilityFunctions;
  readonly jobs: DailyWorkJobs;
  readonly exports: ExportJobs;
  readonly archives: ExportJobs;
  readonly routes: ApiRoutes;
  readonly site: SiteDeployment;
  readonly operatorTopic: OperatorTopic;
  readonly alarms: OperationsAlarms;
  readonly dashboard: OperationsDashboard;

  constructor(scope: Construct, id: string, props: JixiaoStackProps = {}) {
    super(scope, id, props);
    this.settings = readSettings(this);
    const webBuildDir = props.webBuildDir ?? defaultWebBuildDir;
    const builtWebDir = existsSync(webBuildDir) ? webBuildDir : undefined;

    this.table = createJixiaoTable(this, 'Table');
    this.logBucket = createLogBucket(this, 'LogBucket', this.settings.logRetention);
    this.api = new JixiaoHttpApi(this, 'Api', this.settings);
    this.identity = new Identity(this, 'Identity', this.settings);
    this.web = new WebDistribution(this, 'Web', {
      apiDomainName: this.api.domainName,
      scriptHashes: builtWebDir ? inlineScriptHashes(builtWebDir) : [],
      // The PWA uploads evidence straight to the bucket with presigned PUTs (virtual-hosted style).
      connectSources: [...this.identity.connectSources, `https://*.s3.${this.region}.${this.urlSuffix}`],
      logBucket: this.logBucket,
      customDomain: this.settings.customDomain,
      webAclArn: this.settings.webAclArn,
    });
    this.webClient = this.identity.addWebClient(this.web.siteUrl);
    this.evidenceBucket = createEvidenceBucket(this, 'EvidenceBucket', {
      siteOrigin: this.web.siteUrl,
      logBucket: this.logBucket,
    });

    this.functions = new CapabilityFunctions(this, 'Functions', {
      table: this.table,
      evidenceBucket: this.evidenceBucket,
      logRetention: this.settings.logRetention,
      userPool: this.identity.userPool,
      powertoolsLayerArn: this.settings.powertoolsLayerArn,
    });
    this.jobs = new DailyWorkJobs(this, 'DailyWorkJobs', {
      table: this.table,
      tableResources: this.functions.tableResources,
      powertools: this.functions.powertools,
      logRetention: this.settings.logRetention,
      mailFrom: this.settings.mailFrom,
    });
    // The two job functions differ only in what they pack (infra/cdk/export-jobs.ts).
    const jobFunction = {
      table: this.table,
      tableResources: this.functions.tableResources,
      evidenceBucket: this.evidenceBucket,
      powertools: this.functions.powertools,
      logRetention: this.settings.logRetention,
      requester: this.functions.get('daily-work'),
    };
    this.exports = new ExportJobs(this, 'ExportJobs', { ...jobFunction, job: exportJobFunction });
    this.archives = new ExportJobs(this, 'ArchiveJobs', { ...jobFunction, job: archiveJobFunction });
    this.routes = new ApiRoutes(this, 'Routes', {
      httpApi: this.api.httpApi,
      functionOf: (capability) => this.functions.get(capability).function,
      authorizer: new HttpJwtAuthorizer('JwtAuthorizer', this.identity.issuer, {
        authorizerName: 'jixiao-jwt',
        jwtAudience: this.webClient.audience,
      }),
    });

    this.operatorTopic = new OperatorTopic(this, 'OperatorTopic', this.settings.operatorTopic);
    const monitored = [
      ...capabilities.map((capability) => ({
        name: capability,
        function: this.functions.get(capability).function,
        timeout: functionTimeout,
      })),
      { name: 'daily-work-jobs', function: this.jobs.function.function, timeout: dailyWorkJobsTimeout },
      { name: 'export-jobs', function: this.exports.function.function, timeout: exportJobsTimeout },
      { name: 'archive-jobs', function: this.archives.function.function, timeout: exportJobsTimeout },
    ];
    this.alarms = new OperationsAlarms(this, 'Alarms', {
      stage: this.api.stage,
      accessLogs: this.api.accessLogs,
      functions: monitored,
      table: this.table,
      indexNames: tableDefinition.globalSecondaryIndexes.map((index) => index.indexName),
      topic: this.operatorTopic.topic,
    });
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      stage: this.api.stage,
      alarms: this.alarms,
      functions: monitored,
      table: this.table,
    });

    this.site = new SiteDeployment(this, 'Site', {
      bucket: this.web.bucket,
      distribution: this.web.distribution,
      buildDir: builtWebDir,
      config: { auth: this.webClient.auth, apiBase },
      logRetention: this.settings.logRetention,
    });

    new CfnOutput(this, 'SiteUrl', { value: this.web.siteUrl, description: 'The PWA' });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API (also at <SiteUrl>/api/)' });
    if (this.identity.userPool) {
      new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    }
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.webClient.auth.clientId,
      description: 'The PWA client id (the JWT audience)',
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EvidenceBucketName', { value: this.evidenceBucket.bucketName });
    new CfnOutput(this, 'OperatorTopicArn', {
      value: this.operatorTopic.topic.topicArn,
      description: 'Where the operations alarms go',
    });
    new CfnOutput(this, 'DashboardName', { value: this.dashboard.dashboard.dashboardName });
  }
}
