import { describe, expect, it } from 'vitest';
import type { TargetRow } from '#core/submission/performance-target.ts';
import { diffTargets } from '#core/submission/target-diff.ts';
import { newTargetRow } from '#core/submission/target-row.ts';

const row = (rowId: string, overrides: Partial<TargetRow> = {}): TargetRow =>
  newTargetRow(rowId, { name: '培训人次', value: '100', unit: '人次', weight: 20, ...overrides });

describe('comparing two target versions', () => {
  it('finds goal changes and rows added, removed and changed, matching rows by id', () => {
    const before = { annualGoal: '旧目标', mediumTermGoal: '', rows: [row('a'), row('b'), row('c')] };
    const after = {
      annualGoal: '新目标',
      mediumTermGoal: '',
      rows: [row('a'), row('c', { value: '120', name: '培训人次（调整）' }), row('d')],
    };
    const diff = diffTargets(before, after);
    expect(diff.identical).toBe(false);
    expect(diff.goals).toEqual([{ field: 'annualGoal', before: '旧目标', after: '新目标' }]);
    expect(diff.rows.map((r) => `${r.kind}:${r.row.rowId}`)).toEqual(['same:a', 'changed:c', 'added:d', 'removed:b']);
    const changed = diff.rows[1]!;
    expect(changed.kind === 'changed' && changed.changes).toEqual([
      { field: 'name', before: '培训人次', after: '培训人次（调整）' },
      { field: 'value', before: '100', after: '120' },
    ]);
  });

  it('calls two equal versions identical', () => {
    const t = { annualGoal: '目标', mediumTermGoal: '', satisfactionExemptReason: null, rows: [row('a')] };
    expect(diffTargets(t, { ...t, satisfactionExemptReason: undefined }).identical).toBe(true);
  });
});
