import { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ILayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bundledFunction, evidenceObjectPattern, tableDataActions } from './capability-functions.ts';
import type { FunctionWithLogGroup } from './function-with-log-group.ts';

export interface ExportJobsProps {
  table: ITableV2;
  tableResources: string[];
  evidenceBucket: IBucket;
  powertools: ILayerVersion;
  logRetention: RetentionDays;
  /** The API function that asks for exports: it may invoke this one, and is told its name. */
  requester: FunctionWithLogGroup;
  /** Which of the two job functions this is: what it packs, its handler, and how the requester knows its name. */
  job: JobFunction;
}

export interface JobFunction {
  /** Names its service (`jixiao-<name>`) and its alarms. */
  name: 'export-jobs' | 'archive-jobs';
  entry: string;
  description: string;
  /** The requester's environment variable that holds its name (functions/src/adapters/job-starter-from-env.ts). */
  nameVariable: 'EXPORT_FUNCTION_NAME' | 'ARCHIVE_FUNCTION_NAME';
}

/** Lambda's longest: a year of the district packs in well under it. */
export const exportJobsTimeout = Duration.minutes(15);

/** The exports across departments; the handler (functions/src/handlers/export-jobs.ts) takes `{ tenant, jobId }`. */
export const exportJobFunction: JobFunction = {
  name: 'export-jobs',
  entry: 'functions/src/handlers/export-jobs.ts',
  description: 'Jixiao export jobs: every department’s tables of a round or a year, packed as a ZIP',
  nameVariable: 'EXPORT_FUNCTION_NAME',
};

/** An engagement's archive, the same way (functions/src/handlers/archive-jobs.ts). */
export const archiveJobFunction: JobFunction = {
  name: 'archive-jobs',
  entry: 'functions/src/handlers/archive-jobs.ts',
  description: 'Jixiao archive jobs: a key evaluation’s working papers, conclusion papers and final report as a ZIP',
  nameVariable: 'ARCHIVE_FUNCTION_NAME',
};

/**
 * A job function: the bureau's exports across departments (docs/domain/daily-work.md#exports-across-departments) or an
 * engagement's archive (docs/domain/key-evaluation.md#the-archive), each its own function so neither bundle carries
 * the other's code. Invoked asynchronously by the daily-work API when an export is asked for, with Lambda's longest time (15 minutes: a year of
 * the district packs in well under one). It reads the table and writes the ZIP under the tenant's prefix of the
 * evidence bucket. Lambda does not retry it: the runner records any failure on the job, and a retried event would
 * find the job taken anyway; a run that Lambda stops is reported stalled on the job's page.
 */
export class ExportJobs extends Construct {
  readonly function: FunctionWithLogGroup;

  constructor(scope: Construct, id: string, props: ExportJobsProps) {
    super(scope, id);
    this.function = bundledFunction(this, 'Function', {
      description: props.job.description,
      entry: props.job.entry,
      powertools: props.powertools,
      logRetention: props.logRetention,
      timeout: exportJobsTimeout,
      environment: {
        TABLE_NAME: props.table.tableName,
        EVIDENCE_BUCKET: props.evidenceBucket.bucketName,
        POWERTOOLS_SERVICE_NAME: `jixiao-${props.job.name}`,
      },
    });
    this.function.function.configureAsyncInvoke({ retryAttempts: 0, maxEventAge: Duration.hours(1) });
    this.function.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...tableDataActions], resources: props.tableResources }),
    );
    // Reads back what it wrote (HEAD) and writes the ZIP: objects under the tenant prefixes, nothing else.
    this.function.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject'],
        resources: [props.evidenceBucket.arnForObjects(evidenceObjectPattern)],
      }),
    );
    // The function itself, not `grantInvoke`'s `<arn>:*` as well: the API invokes the unqualified function only.
    props.requester.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [this.function.function.functionArn] }),
    );
    props.requester.function.addEnvironment(props.job.nameVariable, this.function.function.functionName);
  }
}
