import type { FieldError, ProblemCode } from '@jixiao/core/problem.ts';

/** Thrown by operations to answer with a problem+json; anything else thrown becomes a 500. */
export class HttpProblem extends Error {
  readonly code: ProblemCode;
  readonly errors: FieldError[] | undefined;
  readonly current: unknown;
  readonly detail: string | undefined;

  constructor(code: ProblemCode, options: { errors?: FieldError[]; current?: unknown; detail?: string } = {}) {
    super(code);
    this.code = code;
    this.errors = options.errors;
    this.current = options.current;
    this.detail = options.detail;
  }
}
