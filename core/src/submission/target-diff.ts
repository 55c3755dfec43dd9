import type { TargetRow } from '#core/submission/performance-target.ts';

/**
 * What changed between two versions of a project's targets (目标调整). Rows keep their `rowId`
 * across versions, so a row is matched to itself even after it is renamed or moved.
 */
export const comparedRowFields = [
  'period',
  'level1',
  'level2',
  'name',
  'operator',
  'value',
  'unit',
  'weight',
  'explanation',
  'scoringStandard',
  'valueBasis',
  'lastYearActual',
  'dataSource',
  'core',
] as const satisfies readonly (keyof TargetRow)[];
export type ComparedRowField = (typeof comparedRowFields)[number];

export interface FieldChange<F extends string = string> {
  field: F;
  before: unknown;
  after: unknown;
}

export type RowDiff =
  | { kind: 'added'; row: TargetRow }
  | { kind: 'removed'; row: TargetRow }
  | { kind: 'changed'; row: TargetRow; changes: FieldChange<ComparedRowField>[] }
  | { kind: 'same'; row: TargetRow };

export interface TargetDiff {
  goals: FieldChange<'annualGoal' | 'mediumTermGoal' | 'satisfactionExemptReason'>[];
  rows: RowDiff[];
  /** True when nothing differs. */
  identical: boolean;
}

interface Comparable {
  annualGoal: string;
  mediumTermGoal: string;
  satisfactionExemptReason?: string | null | undefined;
  rows: readonly TargetRow[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const diffTargets = (before: Comparable, after: Comparable): TargetDiff => {
  const goals: TargetDiff['goals'] = [];
  for (const field of ['annualGoal', 'mediumTermGoal', 'satisfactionExemptReason'] as const) {
    if (!same(before[field], after[field])) goals.push({ field, before: before[field], after: after[field] });
  }
  const earlier = new Map(before.rows.map((r) => [r.rowId, r]));
  const later = new Set(after.rows.map((r) => r.rowId));
  const rows: RowDiff[] = after.rows.map((row): RowDiff => {
    const old = earlier.get(row.rowId);
    if (!old) return { kind: 'added', row };
    const changes = comparedRowFields
      .filter((f) => !same(old[f], row[f]))
      .map((field) => ({ field, before: old[field], after: row[field] }));
    return changes.length ? { kind: 'changed', row, changes } : { kind: 'same', row };
  });
  for (const row of before.rows) if (!later.has(row.rowId)) rows.push({ kind: 'removed', row });
  return { goals, rows, identical: goals.length === 0 && rows.every((r) => r.kind === 'same') };
};
