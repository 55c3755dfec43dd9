import { startDynamoDbLocal } from '@jixiao/infra/local/dynamodb-local.ts';
import type { TestProject } from 'vitest/node';

/** One in-memory DynamoDB Local for the whole run; each test file uses its own table in it. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoDbLocal();
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
