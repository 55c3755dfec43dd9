import type { ReviewProblem } from '@jixiao/core/review/review-engine.ts';
import { HttpProblem } from '#functions/http/http-problem.ts';

/**
 * The review engine's refusal as the API answers it (docs/architecture.md#review-engine): a conflict or a
 * state that does not allow the step carries the record as it now stands, so the client can show it.
 */
export const reviewRefusal = (problem: ReviewProblem, current: unknown): HttpProblem => {
  switch (problem.type) {
    case 'forbidden':
      return new HttpProblem('forbidden');
    case 'version-conflict':
    case 'invalid-transition':
      return new HttpProblem(problem.type, { current });
    case 'validation-failed':
    case 'rules-not-met':
      return new HttpProblem(problem.type, { errors: [...problem.errors] });
  }
};
