import { tableDefinition } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { openApiFileName } from '@jixiao/functions/platform/openapi-file.ts';
import { type Capability, capabilities, handlerEntry } from '@jixiao/functions/routes.ts';
import { Duration } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, type ILayerVersion, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { lambdaBundling } from '../lambda-bundling.ts';
import { FunctionWithLogGroup } from './function-with-log-group.ts';
import { powertoolsLayer } from './powertools-layer.ts';
import { repoPath, repoRoot } from './repo-paths.ts';

/**
 * Which capabilities sign evidence uploads and downloads. A Record, so that adding a capability
 * to the route table does not compile until someone decides whether it may touch the bucket.
 */
/** Evidence objects are keyed `T/{tenant}/{record type}/{record id}/{file id}`. */
export const evidenceObjectPattern = 'T/*';

export const evidenceAccess: Record<Capability, boolean> = {
  platform: false,
  organisation: false,
  // Signs uploads and downloads of ex-ante assessment attachments, and checks they arrived.
  submission: true,
  // Signs photo uploads under an evaluator's assignment prefix, reads them back to verify and
  // to pack the working papers, and writes the working-papers ZIP.
  fieldwork: true,
  // Signs uploads and downloads of a rectification's evidence files and checks they arrived; its
  // exports are streamed back in the response.
  monitoring: true,
  // Signs uploads and downloads of the evidence attached to self-evaluation rows and checks they arrived.
  'self-evaluation': true,
  // Signs uploads and downloads of the evidence files of the department sheet's indicators and checks they arrived.
  'department-evaluation': true,
  // Files come in the request body and are read there; nothing is signed.
  imports: false,
  // Signs the download of an export's ZIP, which the export jobs' function wrote (infra/cdk/export-jobs.ts).
  'daily-work': true,
  // Checks the evidence a scoring paper links against the engagement's photos in the bucket.
  'key-evaluation': true,
  // Writes the report's DOCX and its scoring table's XLSX to the bucket and signs their download.
  'evaluation-report': true,
  // Reads and writes records only.
  'results-application': false,
  // Reads and writes records only.
  'department-assessment': false,
};

/**
 * Item-level reads and writes (transactions are authorised per item through these). Not Scan: no
 * request path may scan (docs/architecture.md#one-table), and IAM is where that is enforced. Not streams.
 */
export const tableDataActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/**
 * Which capabilities administer sign-in accounts: the organisation Lambda mirrors a user created,
 * deactivated or given new roles on the admin page into the Cognito user pool.
 */
export const identityAdministration: Record<Capability, boolean> = {
  platform: false,
  organisation: true,
  submission: false,
  fieldwork: false,
  monitoring: false,
  'self-evaluation': false,
  'department-evaluation': false,
  imports: false,
  'daily-work': false,
  'key-evaluation': false,
  'evaluation-report': false,
  'results-application': false,
  'department-assessment': false,
};

/**
 * Exactly what the identity adapter (functions/src/adapters/cognito/cognito-identity-directory.ts)
 * calls on the user pool: no user deletion, no pool settings, no listing of users. The infra test
 * compares this list with the commands the adapter sends, so a call added there without its grant
 * fails the build instead of every sync failing with AccessDenied in the cloud.
 */
export const userPoolAdminActions = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminDeleteUserAttributes',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

/** API Gateway gives up after 30 s; a request that runs this long is a bug, not a load. */
export const functionTimeout = Duration.seconds(10);

export interface CapabilityFunctionsProps {
  table: ITableV2;
  evidenceBucket: IBucket;
  logRetention: RetentionDays;
  /** The Cognito user pool; undefined when another OIDC provider signs people in (no accounts to keep). */
  userPool?: IUserPool;
  /** The `powertoolsLayerArn` context value; undefined means the public layer of the pinned version. */
  powertoolsLayerArn?: string | undefined;
}

/**
 * A function as every Jixiao function is built: Node 24 on ARM, bundled by esbuild as `npm run bench` measures it
 * (infra/lambda-bundling.ts), traced, with the Powertools layer and its own log group. The API's capabilities and the
 * daily work's scheduled jobs (infra/cdk/daily-work-jobs.ts) are all made here.
 */
export const bundledFunction = (
  scope: Construct,
  id: string,
  props: {
    description: string;
    /** The handler's file, relative to the repository root. */
    entry: string;
    powertools: ILayerVersion;
    logRetention: RetentionDays;
    environment: Record<string, string>;
    timeout?: Duration;
    /** Shell commands run once the bundle is in `outputDir` (files that ship beside it). */
    afterBundling?: (outputDir: string) => string[];
  },
): FunctionWithLogGroup =>
  new FunctionWithLogGroup(scope, id, {
    description: props.description,
    entry: repoPath(props.entry),
    handler: 'handler',
    projectRoot: repoRoot,
    depsLockFilePath: repoPath('package-lock.json'),
    runtime: Runtime.NODEJS_24_X,
    architecture: Architecture.ARM_64,
    memorySize: 1024,
    timeout: props.timeout ?? functionTimeout,
    // X-Ray: Lambda records each invocation; the Powertools Tracer adds the handler and SDK calls.
    tracing: Tracing.ACTIVE,
    layers: [props.powertools],
    retention: props.logRetention,
    environment: {
      POWERTOOLS_METRICS_NAMESPACE: 'Jixiao',
      POWERTOOLS_LOG_LEVEL: 'INFO',
      // A thrown refusal (4xx) flags the handler's subsegment as an error, not a fault with its message.
      POWERTOOLS_TRACER_CAPTURE_ERROR: 'false',
      // Responses carry personal data (names, phone numbers): never copied into traces.
      POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      NODE_OPTIONS: '--enable-source-maps',
      ...props.environment,
    },
    // infra/lambda-bundling.ts is shared with `npm run bench`, so it measures what is deployed.
    bundling: {
      format: lambdaBundling.format === 'esm' ? OutputFormat.ESM : OutputFormat.CJS,
      target: lambdaBundling.target,
      mainFields: [...lambdaBundling.mainFields],
      minify: lambdaBundling.minify,
      banner: lambdaBundling.banner,
      // Lambda's credentials come from the environment only: the rest of the default chain
      // (SSO, INI files, IMDS, STS) is swapped out for functions/src/adapters/aws/lambda-credentials.ts.
      externalModules: [...lambdaBundling.external],
      esbuildArgs: Object.fromEntries(
        Object.entries(lambdaBundling.alias).map(([module, replacement]) => [`--alias:${module}`, replacement]),
      ),
      sourceMap: true,
      // DEFAULT writes the map beside the bundle *and* the sourceMappingURL comment that
      // --enable-source-maps follows; EXTERNAL would drop the comment and the mapping with it.
      sourceMapMode: SourceMapMode.DEFAULT,
      sourcesContent: false,
      // Problem titles are Chinese: UTF-8 keeps them 3 bytes a character instead of 6 (\uXXXX).
      charset: Charset.UTF8,
      // The SDK version is pinned by our lock file, not by whatever the runtime ships.
      bundleAwsSDK: true,
      // There is no Docker engine where this is built; esbuild is a local devDependency.
      forceDockerBundling: false,
      ...(props.afterBundling
        ? {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (_inputDir: string, outputDir: string) => props.afterBundling!(outputDir),
            },
          }
        : {}),
    },
  });

/**
 * The platform function serves the OpenAPI document built from the route table when it is bundled, written beside
 * the bundle by the Node that runs this app (docs/decisions.md#19-the-openapi-document-is-built-with-the-bundle).
 */
const writeOpenApi = (outputDir: string): string[] => [
  `"${process.execPath}" "${repoPath('functions/scripts/write-openapi.ts')}" "${outputDir}/${openApiFileName}"`,
];

/** One Lambda per capability of the route table (docs/architecture.md#the-route-table). */
export class CapabilityFunctions extends Construct {
  readonly byCapability: ReadonlyMap<Capability, FunctionWithLogGroup>;
  /** The Powertools layer every function runs with; the scheduled jobs' function takes it too. */
  readonly powertools: ILayerVersion;
  /** The table and each of its indexes by name: what a function's data grant names. */
  readonly tableResources: string[];

  constructor(scope: Construct, id: string, props: CapabilityFunctionsProps) {
    super(scope, id);
    const functions = new Map<Capability, FunctionWithLogGroup>();
    // The table and each index by name, rather than grantReadWriteData's `index/*` wildcard.
    const tableResources = [
      props.table.tableArn,
      ...tableDefinition.globalSecondaryIndexes.map((index) => `${props.table.tableArn}/index/${index.indexName}`),
    ];
    // Logger, Metrics and Tracer are not in the bundles (infra/lambda-bundling.ts): every function runs with this layer.
    const powertools = powertoolsLayer(this, 'PowertoolsLayer', props.powertoolsLayerArn);
    this.powertools = powertools;
    this.tableResources = tableResources;
    for (const capability of capabilities) {
      const fn = bundledFunction(this, capability, {
        description: `Jixiao ${capability} API`,
        entry: handlerEntry(capability),
        powertools,
        logRetention: props.logRetention,
        ...(capability === 'platform' ? { afterBundling: writeOpenApi } : {}),
        environment: {
          TABLE_NAME: props.table.tableName,
          EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
          POWERTOOLS_SERVICE_NAME: `jixiao-${capability}`,
          ...(props.userPool && identityAdministration[capability] ? { USER_POOL_ID: props.userPool.userPoolId } : {}),
        },
      });
      fn.role.addToPrincipalPolicy(new PolicyStatement({ actions: [...tableDataActions], resources: tableResources }));
      if (evidenceAccess[capability]) {
        // Presigned requests carry the signer's rights: read and write objects under the tenant
        // prefixes, nothing else (no listing, no deleting, no bucket settings).
        fn.role.addToPrincipalPolicy(
          new PolicyStatement({
            actions: ['s3:GetObject', 's3:PutObject'],
            resources: [props.evidenceBucket.arnForObjects(evidenceObjectPattern)],
          }),
        );
      }
      if (props.userPool && identityAdministration[capability]) {
        fn.role.addToPrincipalPolicy(
          new PolicyStatement({ actions: [...userPoolAdminActions], resources: [props.userPool.userPoolArn] }),
        );
      }
      functions.set(capability, fn);
    }
    this.byCapability = functions;
  }

  get(capability: Capability): FunctionWithLogGroup {
    const fn = this.byCapability.get(capability);
    if (!fn) throw new Error(`No function for capability ${capability}`);
    return fn;
  }
}
