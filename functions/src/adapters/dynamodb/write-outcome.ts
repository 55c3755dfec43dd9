import type { HandlerExecutionContext } from '@smithy/types';

/** Calls that change the table: after a lost answer, these may have been carried out. */
const writeCommand = /^(TransactWriteItems|PutItem|UpdateItem|DeleteItem|BatchWriteItem)Command$/;

/**
 * Failures of one attempt after which the request may have reached DynamoDB and been carried out:
 * no answer in time, or the connection cut while waiting. A refused connection (ECONNREFUSED)
 * never sent anything, and a throttling answer or a cancelled transaction is DynamoDB saying no.
 */
const answerLost = (error: unknown): boolean => {
  const e = error as { name?: string; code?: string; message?: string };
  return (
    e?.name === 'TimeoutError' ||
    e?.name === 'AbortError' ||
    ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e?.code ?? '') ||
    ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(e?.name ?? '') ||
    /socket hang up/i.test(e?.message ?? '')
  );
};

const lost = Symbol('jixiao.answerLost');
type Marked = HandlerExecutionContext & { [lost]?: boolean };

/**
 * Runs inside the SDK's retries (the deserialize step), once per attempt, and remembers when an
 * attempt of a write lost its answer: a later attempt's throttling then does not make the whole
 * call "nothing was written".
 */
export const markLostAnswers = {
  middleware:
    (next: (args: unknown) => Promise<unknown>, context: HandlerExecutionContext) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (error) {
        if (answerLost(error)) (context as Marked)[lost] = true;
        throw error;
      }
    },
  options: { step: 'deserialize', name: 'jixiaoLostAnswers', override: true },
} as const;

/** Whether the failed call was a write that one of its attempts may have carried out. */
export const outcomeUnknown = (context: HandlerExecutionContext, error: unknown): boolean =>
  writeCommand.test(context.commandName ?? '') && ((context as Marked)[lost] === true || answerLost(error));
