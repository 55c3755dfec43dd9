import type { ReviewStep } from '@jixiao/core/submission/performance-target.ts';
import { describe, expect, it } from 'vitest';
import { signatoriesFrom, signatureNames } from '#functions/submission/export-operations.ts';

const step = (action: string, by: string, byName: string): ReviewStep => ({
  action,
  from: 'DRAFT',
  to: 'UNIT_SUBMITTED',
  by,
  byName,
  role: 'unit-approver',
  at: '2026-11-20T08:00:00.000Z',
  opinion: '',
  grade: null,
  rowComments: {},
});

describe('signatoriesFrom', () => {
  it('names the newest content write as 填报人 and the newest 送审 as 单位负责人', () => {
    const history = [
      { actor: 'reviewer', operation: 'department-review' },
      { actor: 'approver-2', operation: 'submit' },
      { actor: 'preparer-2', operation: 'save-target' },
      { actor: 'preparer-1', operation: 'save-target' },
      { actor: 'preparer-1', operation: 'create-target' },
    ];
    const target = {
      createdBy: 'preparer-1',
      reviewLog: [
        step('submit', 'approver-1', '甲'),
        step('department-review', 'reviewer', '乙'),
        step('submit', 'approver-2', '丙'),
      ],
    };
    expect(signatoriesFrom(history, target)).toEqual({
      preparerId: 'preparer-2',
      unitHead: { by: 'approver-2', byName: '丙' },
    });
  });

  it('falls back to the creator of the version, and names no head before anyone sent it', () => {
    expect(
      signatoriesFrom([{ actor: 'x', operation: 'final-approve' }, { actor: 'y' }], { createdBy: 'c', reviewLog: [] }),
    ).toEqual({ preparerId: 'c', unitHead: null });
  });
});

describe('signatureNames', () => {
  const names = new Map([
    ['u-1', '刘洋'],
    ['u-2', ' 赵丽 '],
    ['u-blank', ''],
  ]);

  it('takes the user records’ names', () => {
    expect(signatureNames(names, { preparerId: 'u-1', unitHead: { by: 'u-2', byName: 'u-2' } })).toEqual({
      preparerName: '刘洋',
      unitHeadName: '赵丽',
    });
  });

  it('takes the name the approver’s token gave when there is no record, and never shows an id', () => {
    expect(signatureNames(names, { preparerId: 'gone', unitHead: { by: 'gone-2', byName: '陈静' } })).toEqual({
      preparerName: null,
      unitHeadName: '陈静',
    });
    expect(
      signatureNames(names, {
        preparerId: 'u-blank',
        unitHead: { by: 'demo:unit-approver:102001', byName: 'demo:unit-approver:102001' },
      }),
    ).toEqual({ preparerName: null, unitHeadName: null });
    expect(signatureNames(names, { preparerId: 'u-1', unitHead: { by: 'x', byName: '  ' } }).unitHeadName).toBeNull();
  });
});
