import type { FieldError } from '@jixiao/core/problem.ts';
import type { PerformanceTarget, ReviewStep } from '@jixiao/core/submission/performance-target.ts';

/** The library entry a row came from, as `GET /targets/{id}` reports it beside the version. */
export interface LibraryReference {
  code: string;
  name: string;
  operator: string;
  referenceValue: string;
  unit: string;
  scoringStandard: string;
  spendingStandardCap: number | null;
}

/**
 * A target version as the API answers for one version: with the rules it breaks now, what
 * reviewers should look at (a departure from the year's weights with its reason, money as an
 * output), and its library references.
 */
export type TargetWithChecks = PerformanceTarget & {
  checks: FieldError[];
  warnings: FieldError[];
  libraryReferences: Record<string, LibraryReference>;
};

/**
 * The last step, when it sent the version (or a monitoring report) back: its opinion and row
 * comments stand until it is sent again.
 */
export const openReturn = (target: { reviewLog: readonly ReviewStep[] }) => {
  // A return stays open through the unit's own sending taken back (撤回): its comments still apply.
  let end = target.reviewLog.length;
  while (
    end >= 2 &&
    target.reviewLog[end - 1]!.action === 'unit-withdraw' &&
    target.reviewLog[end - 2]!.action === 'submit'
  ) {
    end -= 2;
  }
  const last = target.reviewLog[end - 1];
  return last?.to === 'RETURNED' ? last : undefined;
};

/** The warnings on one row (money as an output), as its messages. */
export const rowWarnings = (warnings: readonly FieldError[], index: number): string[] =>
  warnings.filter((w) => w.pointer.startsWith(`/rows/${index}/`)).map((w) => w.message);

/** The warnings about the version as a whole (a departure from the year's weights, with its reason). */
export const versionWarnings = (warnings: readonly FieldError[]): FieldError[] =>
  warnings.filter((w) => !w.pointer.startsWith('/rows/'));
