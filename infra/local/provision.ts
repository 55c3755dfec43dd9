import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';
import { evidenceBucketCors } from '#infra/evidence-bucket-definition.ts';

/** Creates the table from the shared definition when it is missing; an existing table is left alone. */
export const ensureTable = async (db: DynamoDBDocumentClient, tableName: string): Promise<'created' | 'existed'> => {
  try {
    await db.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException')
      throw error;
  }
  try {
    await db.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    // On a loaded machine the SDK may time out and retry a create that already went through: the
    // retry then meets the table it made. Anything else is a real failure.
    if ((error as Error).name !== 'ResourceInUseException') throw error;
  }
  return 'created';
};

/** The evidence bucket, created when missing, with the same CORS rule as in the cloud (for this origin). */
export const ensureBucket = async (
  s3: S3Client,
  bucket: string,
  siteOrigin: string,
): Promise<'created' | 'existed'> => {
  let outcome: 'created' | 'existed' = 'existed';
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    outcome = 'created';
  }
  // Applied on every start: the local origin's port may have changed since the bucket was made.
  const rule = evidenceBucketCors(siteOrigin);
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: rule.allowedOrigins,
            AllowedMethods: [...rule.allowedMethods],
            AllowedHeaders: rule.allowedHeaders,
            ExposeHeaders: rule.exposedHeaders,
            MaxAgeSeconds: rule.maxAgeSeconds,
          },
        ],
      },
    }),
  );
  return outcome;
};
