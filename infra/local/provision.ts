import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from '@jixiao/functions/adapters/dynamodb/table-definition.ts';

/** Creates the table from the shared definition when it is missing; an existing table is left alone. */
export const ensureTable = async (db: DynamoDBDocumentClient, tableName: string): Promise<'created' | 'existed'> => {
  try {
    await db.send(new DescribeTableCommand({ TableName: tableName }));
    return 'existed';
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException) && (error as Error).name !== 'ResourceNotFoundException')
      throw error;
  }
  await db.send(new CreateTableCommand(createTableInput(tableName)));
  return 'created';
};

/** The evidence bucket, with the CORS rule the phones' presigned uploads need. */
export const ensureBucket = async (s3: S3Client, bucket: string): Promise<'created' | 'existed'> => {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return 'existed';
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedMethods: ['POST', 'PUT', 'GET'],
              AllowedOrigins: ['*'],
              AllowedHeaders: ['*'],
              MaxAgeSeconds: 3000,
            },
          ],
        },
      }),
    );
    return 'created';
  }
};
