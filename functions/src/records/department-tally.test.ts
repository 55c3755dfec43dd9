import { describe, expect, it } from 'vitest';
import type { RecordKind } from '#functions/ports/record-store.ts';
import { tallyIncrementWrite } from '#functions/records/department-tally.ts';

const kind = { name: 'test-tally' } as unknown as RecordKind;

describe('a tally increment', () => {
  it('writes only the counts that moved, nested ones by their dotted path', () => {
    expect(
      tallyIncrementWrite(kind, 't1', { reports: 2, late: 0, byStatus: { DRAFT: -1, SUBMITTED: 1, APPROVED: 0 } }),
    ).toEqual({ kind, id: 't1', add: { reports: 2, 'byStatus.DRAFT': -1, 'byStatus.SUBMITTED': 1 } });
  });

  it('is nothing at all when no count moved, so a save that changes no count leaves the tally alone', () => {
    expect(tallyIncrementWrite(kind, 't1', { reports: 0, byStatus: { DRAFT: 0 } })).toBeUndefined();
  });
});
