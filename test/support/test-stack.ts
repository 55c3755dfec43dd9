import { randomUUID } from 'node:crypto';
import { userKind } from '@jixiao/functions/organisation/record-kinds.ts';
import { demoId, demoTenant } from '@jixiao/infra/local/demo-data.ts';
import type { TokenPerson } from '@jixiao/infra/local/identity-provider.ts';
import { type LocalStack, startLocalStack } from '@jixiao/infra/local/stack.ts';
import { inject } from 'vitest';

export interface TestStack extends LocalStack {
  /** A signed token for a demo user by username. */
  tokenFor(username: string): Promise<string>;
  /** A signed token for anyone, e.g. a person of another tenant. */
  tokenForPerson(person: TokenPerson): Promise<string>;
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, not JSON-encoded. */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the API answered
  body: any;
}

/** A local stack on a fresh table of the shared DynamoDB Local, with the demo loaded. */
export const startTestStack = async (
  options: {
    seed?: boolean;
    /** The demo's self-evaluation round of 2026: off, since API tests open their own round of that year. */
    selfEvaluationDemo?: boolean;
    webRoot?: string;
    dynamoEndpoint?: string;
    tableName?: string;
    /** The scheduled jobs on a timer (off unless asked). */
    jobs?: { outboxFile: string; everyMs: number };
  } = {},
): Promise<TestStack> => {
  const stack = await startLocalStack({
    ...(options.jobs ? { jobs: options.jobs } : {}),
    dynamoEndpoint: options.dynamoEndpoint ?? inject('dynamoEndpoint'),
    tableName: options.tableName ?? `test-${randomUUID()}`,
    seed: options.seed ?? true,
    selfEvaluationDemo: options.selfEvaluationDemo ?? false,
    webRoot: options.webRoot ?? '/nonexistent',
  });
  const tokenForPerson = async (person: TokenPerson) => (await stack.identityProvider.issueIdToken(person)).idToken;
  const tokenFor = async (username: string) => {
    const user = await stack.store.get(demoTenant.id, userKind, demoId(`user:${username}`));
    if (!user) throw new Error(`no demo user ${username}`);
    return tokenForPerson({
      id: user.id,
      displayName: String(user.displayName),
      tenant: demoTenant.id,
      roles: user.roles as string[],
      departmentId: user.departmentId as string | undefined,
      unitId: user.unitId as string | undefined,
      agencyId: user.agencyId as string | undefined,
      sectionId: user.financeSectionId as string | undefined,
    });
  };
  const call = async (method: string, path: string, options: CallOptions = {}): Promise<CallResult> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${stack.url}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  return { ...stack, tokenFor, tokenForPerson, call };
};
