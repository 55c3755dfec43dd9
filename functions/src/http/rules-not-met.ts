import type { FieldError } from '@jixiao/core/problem.ts';
import { describe } from '@jixiao/core/validation.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';

/** Field errors of core rules in the request's language, as a 422. */
export const rulesNotMet = (errors: readonly FieldError[], request: OperationRequest) =>
  new HttpProblem('rules-not-met', {
    errors: errors.map((e) => ({ ...e, message: describe(e.code, request.language) })),
  });
