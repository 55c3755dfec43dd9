import type { HandlerExecutionContext } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import { markLostAnswers, outcomeUnknown } from '#functions/adapters/dynamodb/write-outcome.ts';

const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const throttled = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });

/** One attempt through the marking middleware, failing with `error`. */
const attempt = async (context: HandlerExecutionContext, error: Error) => {
  const handler = markLostAnswers.middleware(async () => {
    throw error;
  }, context);
  await expect(handler({})).rejects.toBe(error);
};

describe('a write whose outcome is unknown', () => {
  it('is a write that timed out or lost its connection', () => {
    for (const commandName of ['TransactWriteItemsCommand', 'PutItemCommand', 'UpdateItemCommand']) {
      expect(outcomeUnknown({ commandName }, timeout)).toBe(true);
      expect(outcomeUnknown({ commandName }, reset)).toBe(true);
    }
  });

  it('is not a read, a refused connection or a throttled write', () => {
    expect(outcomeUnknown({ commandName: 'GetItemCommand' }, timeout)).toBe(false);
    expect(outcomeUnknown({ commandName: 'QueryCommand' }, reset)).toBe(false);
    expect(outcomeUnknown({ commandName: 'TransactWriteItemsCommand' }, refused)).toBe(false);
    expect(outcomeUnknown({ commandName: 'TransactWriteItemsCommand' }, throttled)).toBe(false);
  });

  it('stays unknown when an earlier attempt lost its answer and the last was throttled', async () => {
    const context: HandlerExecutionContext = { commandName: 'TransactWriteItemsCommand' };
    await attempt(context, timeout);
    await attempt(context, throttled);
    expect(outcomeUnknown(context, throttled)).toBe(true);
    const clean: HandlerExecutionContext = { commandName: 'TransactWriteItemsCommand' };
    await attempt(clean, throttled);
    expect(outcomeUnknown(clean, throttled)).toBe(false);
  });
});
