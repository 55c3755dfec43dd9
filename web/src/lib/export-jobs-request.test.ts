import { describe, expect, it } from 'vitest';
import { requestOf } from '#lib/export-jobs-request.ts';

describe('asking for an export again', () => {
  it('asks for the same thing as the job did, whatever its kind', () => {
    const job = { fiscalYear: 2026, roundId: null, engagementId: null };
    expect(requestOf({ ...job, kind: 'year' })).toEqual({ kind: 'year', fiscalYear: 2026 });
    expect(requestOf({ ...job, kind: 'monitoring-round', roundId: 'r1' })).toEqual({
      kind: 'monitoring-round',
      roundId: 'r1',
    });
    expect(requestOf({ ...job, kind: 'self-evaluation-round', roundId: 'r2' })).toEqual({
      kind: 'self-evaluation-round',
      roundId: 'r2',
    });
    expect(requestOf({ ...job, kind: 'working-papers', engagementId: 'e1' })).toEqual({
      kind: 'working-papers',
      engagementId: 'e1',
    });
  });
});
