import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, type IBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

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
    cors: [
      {
        allowedOrigins: [props.siteOrigin],
        // POST for presigned POST policies, PUT for presigned PUTs, GET/HEAD to read back.
        allowedMethods: [HttpMethods.POST, HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
        allowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
        exposedHeaders: ['etag', 'x-amz-version-id', 'x-amz-checksum-sha256'],
        maxAge: 3600,
      },
    ],
    lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
