import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** Where S3 server access logs and CloudFront access logs go. */
export const createLogBucket = (scope: Construct, id: string, retention: RetentionDays): Bucket =>
  new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    // CloudFront standard logs can only be delivered with SSE-S3 and through an object ACL.
    encryption: BucketEncryption.S3_MANAGED,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    enforceSSL: true,
    lifecycleRules:
      retention === RetentionDays.INFINITE
        ? [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }]
        : [{ expiration: Duration.days(retention), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
