import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/** The cold-start baseline: a handler that only builds the DynamoDB client and makes one read. */
const db = DynamoDBDocumentClient.from(
  new DynamoDBClient(
    process.env.DYNAMODB_ENDPOINT
      ? {
          endpoint: process.env.DYNAMODB_ENDPOINT,
          region: 'local',
          credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
        }
      : {},
  ),
);

export const handler = async (event: { pathParameters?: { id?: string } }) => {
  const { Item } = await db.send(
    new GetCommand({
      TableName: process.env.TABLE_NAME,
      Key: { pk: `bench#${event.pathParameters?.id}`, sk: '#RECORD' },
    }),
  );
  return { statusCode: 200, body: JSON.stringify(Item ?? null) };
};
