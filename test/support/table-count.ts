import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '@jixiao/functions/adapters/dynamodb/document-client.ts';

/** How many items the table holds (a Scan, fine in a test; request code never scans). */
export const countItems = async (endpoint: string, tableName: string): Promise<number> => {
  const db = createDocumentClient(endpoint);
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new ScanCommand({
        TableName: tableName,
        Select: 'COUNT',
        ...(start ? { ExclusiveStartKey: start as never } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  db.destroy();
  return count;
};
