import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/**
 * How long the SDK may spend on one call, all attempts included. The SDK's own throttling backoff
 * can wait up to 20 s between attempts, which outlasts the 10 s function timeout and turns a
 * throttled write into a 500 from the timeout instead of a clean 503. These bounds keep the worst
 * case (every attempt stalls until its timeout, then the longest waits) near 7.5 s.
 */
export const dynamoDbCallBudget = {
  attempts: 4,
  /** No answer within this long counts as a transient fault; transactions carry a ClientRequestToken, so a retry never writes twice. */
  requestTimeoutMs: 1_500,
  /** The cap on the wait before retry n (1-based): 200, 400, 800 ms with full jitter. */
  backoffCapMs: (retry: number): number => Math.min(100 * 2 ** retry, 1_000),
};

/**
 * The DynamoDB client of this process, made once at module scope. Locally DYNAMODB_ENDPOINT points
 * at DynamoDB Local; in Lambda it is unset and the SDK uses the regional endpoint.
 */
export const createDocumentClient = (endpoint = process.env.DYNAMODB_ENDPOINT): DynamoDBDocumentClient => {
  const client = new DynamoDBClient({
    ...(endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    retryStrategy: new ConfiguredRetryStrategy(
      dynamoDbCallBudget.attempts,
      // Full jitter, so many clients throttled together do not retry in step.
      (retry) => Math.round(Math.random() * dynamoDbCallBudget.backoffCapMs(retry)),
    ),
    requestHandler: {
      requestTimeout: dynamoDbCallBudget.requestTimeoutMs,
      throwOnRequestTimeout: true,
      connectionTimeout: 1_000,
    },
  });
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
};

export const tableName = (): string => {
  const name = process.env.TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set');
  return name;
};
