import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { evidenceBucketCors } from '../evidence-bucket-definition.ts';

export interface EvidenceBucketProps {
  /** The PWA's origin: photos and documents are uploaded from the browser with presigned requests. */
  siteOrigin: string;
  logBucket: IBucket;
}

/** Evidence files (photos, scans, questionnaires) of evaluations: the record of what was verified. */
export const createEvidenceBucket = (scope: Construct, id: string, props: EvidenceBucketProps): Bucket =>
  new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    // An overwritten or deleted photo is still evidence.
    versioned: true,
    serverAccessLogsBucket: props.logBucket,
    serverAccessLogsPrefix: 'evidence-bucket/',
    cors: [cdkCors(evidenceBucketCors(props.siteOrigin))],
    lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });

const cdkCors = (rule: ReturnType<typeof evidenceBucketCors>) => ({
  allowedOrigins: rule.allowedOrigins,
  allowedMethods: rule.allowedMethods.map((m) => HttpMethods[m]),
  allowedHeaders: rule.allowedHeaders,
  exposedHeaders: rule.exposedHeaders,
  maxAge: rule.maxAgeSeconds,
});
