import { tableDefinition } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { type Capability, capabilities, handlerEntry } from '@jixiao/functions/routes.ts';
import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Charset, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { lambdaBundling } from '../lambda-bundling.ts';
import { FunctionWithLogGroup } from './function-with-log-group.ts';
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
  // Reads and writes records only; its exports are streamed back in the response.
  monitoring: false,
};

/**
 * Item-level reads and writes (transactions are authorised per item through these). Not Scan: no
 * request path may scan (DESIGN.md §4.4), and IAM is where that is enforced. Not streams.
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

export interface CapabilityFunctionsProps {
  table: ITableV2;
  evidenceBucket: IBucket;
  logRetention: RetentionDays;
}

/** One Lambda per capability of the route table (DESIGN.md §2, §4.3). */
export class CapabilityFunctions extends Construct {
  readonly byCapability: ReadonlyMap<Capability, FunctionWithLogGroup>;

  constructor(scope: Construct, id: string, props: CapabilityFunctionsProps) {
    super(scope, id);
    const functions = new Map<Capability, FunctionWithLogGroup>();
    // The table and each index by name, rather than grantReadWriteData's `index/*` wildcard.
    const tableResources = [
      props.table.tableArn,
      ...tableDefinition.globalSecondaryIndexes.map((index) => `${props.table.tableArn}/index/${index.indexName}`),
    ];
    for (const capability of capabilities) {
      const fn = new FunctionWithLogGroup(this, capability, {
        description: `Jixiao ${capability} API`,
        entry: repoPath(handlerEntry(capability)),
        handler: 'handler',
        projectRoot: repoRoot,
        depsLockFilePath: repoPath('package-lock.json'),
        runtime: Runtime.NODEJS_24_X,
        architecture: Architecture.ARM_64,
        memorySize: 1024,
        // API Gateway gives up after 30 s; a request that runs this long is a bug, not a load.
        timeout: Duration.seconds(10),
        retention: props.logRetention,
        environment: {
          TABLE_NAME: props.table.tableName,
          EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
          POWERTOOLS_SERVICE_NAME: `jixiao-${capability}`,
          POWERTOOLS_METRICS_NAMESPACE: 'Jixiao',
          POWERTOOLS_LOG_LEVEL: 'INFO',
          NODE_OPTIONS: '--enable-source-maps',
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
