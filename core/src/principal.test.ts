import { describe, expect, it } from 'vitest';
import { parseListClaim, principalAsRecorded, principalFromClaims } from '#core/principal.ts';
import type { Role } from '#core/roles.ts';

describe('parseListClaim', () => {
  it.each([
    ['[tenant-admin observer]', ['tenant-admin', 'observer']],
    ['[tenant-admin]', ['tenant-admin']],
    ['[]', []],
    ['["tenant-admin","observer"]', ['tenant-admin', 'observer']],
    ['tenant-admin, observer', ['tenant-admin', 'observer']],
    ['tenant-admin', ['tenant-admin']],
    ['', []],
  ])('reads the string form %j', (input, expected) => {
    expect(parseListClaim(input)).toEqual(expected);
  });

  it('reads a real array and drops non-strings', () => {
    expect(parseListClaim(['a', 1, null, 'b', ''])).toEqual(['a', 'b']);
  });

  it('gives nothing for other types', () => {
    expect(parseListClaim(undefined)).toEqual([]);
    expect(parseListClaim(42)).toEqual([]);
    expect(parseListClaim({ a: 1 })).toEqual([]);
  });
});

describe('principalFromClaims', () => {
  const claims = {
    sub: 'u-1',
    'custom:tenant': '120110000',
    'cognito:groups': '[unit-preparer unit-approver made-up-role]',
    'custom:department': 'd-1',
    'custom:unit': 'u-9',
  };

  it('derives tenant, known roles and organisation from API Gateway-style claims', () => {
    expect(principalFromClaims(claims)).toEqual({
      subject: 'u-1',
      userId: 'u-1',
      tenant: '120110000',
      roles: ['unit-preparer', 'unit-approver'],
      departmentId: 'd-1',
      unitId: 'u-9',
    });
  });

  it('carries the finance section of a business-section reviewer and the agency of an evaluator', () => {
    const reviewer = principalFromClaims({
      ...claims,
      'cognito:groups': 'business-section-reviewer',
      'custom:section': 's-3',
    });
    expect(reviewer?.sectionId).toBe('s-3');
    expect(principalFromClaims({ ...claims, 'custom:agency': 'a-2' })?.agencyId).toBe('a-2');
  });

  it('takes the user id from cognito:username when Cognito sends one', () => {
    expect(principalFromClaims({ ...claims, 'cognito:username': 'rec-7' })?.userId).toBe('rec-7');
  });

  it('refuses claims without a subject or with a malformed tenant', () => {
    expect(principalFromClaims({ ...claims, sub: '' })).toBeUndefined();
    expect(principalFromClaims({ ...claims, 'custom:tenant': undefined })).toBeUndefined();
    expect(principalFromClaims({ ...claims, 'custom:tenant': '120110000#x' })).toBeUndefined();
    expect(principalFromClaims(undefined)).toBeUndefined();
  });

  it('refuses a tenant with spaces around it rather than trimming it, as the cloud authorizer does', () => {
    for (const tenant of [' 120110000', '120110000 ', '\t120110000\n', '120 110 000']) {
      expect(principalFromClaims({ ...claims, 'custom:tenant': tenant }), JSON.stringify(tenant)).toBeUndefined();
    }
    expect(principalFromClaims({ ...claims, 'custom:tenant': 120110000 })).toBeUndefined();
    expect(principalFromClaims(claims)?.tenant).toBe('120110000');
  });

  it('never repeats a role', () => {
    expect(principalFromClaims({ ...claims, 'cognito:groups': '[observer observer]' })?.roles).toEqual(['observer']);
  });
});

describe('principalAsRecorded', () => {
  const principal = {
    subject: 'u-1',
    userId: 'u-1',
    tenant: '120110000',
    roles: ['unit-preparer', 'unit-approver'] as Role[],
    departmentId: 'd-102',
    unitId: 'u-102001',
  };
  const standing = {
    status: 'active',
    roles: ['unit-preparer', 'unit-approver'],
    departmentId: 'd-102',
    unitId: 'u-102001',
    agencyId: null,
    sectionId: null,
  };

  it('keeps the token as it is while the record agrees', () => {
    expect(principalAsRecorded(principal, standing)).toBe(principal);
  });

  it('refuses a deactivated person', () => {
    expect(principalAsRecorded(principal, { ...standing, status: 'inactive' })).toBe('stale');
  });

  it('acts only with the roles both the token and the record grant', () => {
    expect(principalAsRecorded(principal, { ...standing, roles: ['unit-preparer'] })).toEqual({
      ...principal,
      roles: ['unit-preparer'],
    });
    expect(principalAsRecorded(principal, { ...standing, roles: ['unit-approver', 'observer'] })).toEqual({
      ...principal,
      roles: ['unit-approver'],
    });
    expect(principalAsRecorded(principal, { ...standing, roles: ['observer'] })).toEqual({ ...principal, roles: [] });
  });

  it('refuses a token whose organisation the record no longer holds', () => {
    expect(principalAsRecorded(principal, { ...standing, departmentId: 'd-101' })).toBe('stale');
    expect(principalAsRecorded(principal, { ...standing, unitId: null })).toBe('stale');
    expect(principalAsRecorded(principal, { ...standing, agencyId: 'a-1' })).toBe('stale');
    expect(principalAsRecorded(principal, { ...standing, sectionId: 's-1' })).toBe('stale');
  });
});
