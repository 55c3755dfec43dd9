import { isRole, type Role } from '#core/roles.ts';

/** Who is calling, as derived from verified token claims only (never from a request body). */
export interface Principal {
  subject: string;
  /** Our user record's id: Cognito's `cognito:username` (users are created with it), else `sub`. */
  userId: string;
  tenant: string;
  roles: Role[];
  departmentId?: string;
  unitId?: string;
  agencyId?: string;
  /** The finance-bureau section a business-section reviewer works in (its departments are theirs). */
  sectionId?: string;
  /** The person's name as the identity provider gives it (`name`), for timelines. */
  displayName?: string;
}

/** Claim names. Cognito puts groups in `cognito:groups` and custom attributes under `custom:`. */
export const claimNames = {
  subject: 'sub',
  username: 'cognito:username',
  roles: 'cognito:groups',
  tenant: 'custom:tenant',
  department: 'custom:department',
  unit: 'custom:unit',
  agency: 'custom:agency',
  section: 'custom:section',
  name: 'name',
} as const;

/**
 * Reads a list-valued claim defensively. API Gateway's JWT authorizer hands array claims to the
 * Lambda as one string such as `"[a b]"`; other paths give a real array, a JSON array string, or
 * a comma-separated string.
 */
export const parseListClaim = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string' && x.length > 0);
  if (typeof value !== 'string') return [];
  const trimmed = value.trim();
  if (trimmed.startsWith('[') && trimmed.includes('"')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parseListClaim(parsed);
    } catch {
      // not JSON: fall through to the bracketed, space-separated form
    }
  }
  return trimmed
    .replace(/^\[/, '')
    .replace(/\]$/, '')
    .split(/[\s,]+/)
    .map((s) => s.replace(/^"|"$/g, ''))
    .filter((s) => s.length > 0);
};

const optionalText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= 100 ? value.trim() : undefined;

export const principalFromClaims = (claims: Readonly<Record<string, unknown>> | undefined): Principal | undefined => {
  if (!claims) return undefined;
  const subject = optionalText(claims[claimNames.subject]);
  // Read as it is, never trimmed: the cloud's authorizer refuses a tenant with spaces, and a tenant
  // the local runtime accepted but the cloud refused would make the two disagree on who may call.
  const tenant = claims[claimNames.tenant];
  if (!subject || typeof tenant !== 'string' || !/^\d{9}$/.test(tenant)) return undefined;
  const roles = [...new Set(parseListClaim(claims[claimNames.roles]).filter(isRole))];
  const userId = optionalText(claims[claimNames.username]) ?? subject;
  const principal: Principal = { subject, userId, tenant, roles };
  const departmentId = optionalText(claims[claimNames.department]);
  const unitId = optionalText(claims[claimNames.unit]);
  const agencyId = optionalText(claims[claimNames.agency]);
  const sectionId = optionalText(claims[claimNames.section]);
  const displayName = optionalText(claims[claimNames.name]);
  if (departmentId) principal.departmentId = departmentId;
  if (unitId) principal.unitId = unitId;
  if (agencyId) principal.agencyId = agencyId;
  if (sectionId) principal.sectionId = sectionId;
  if (displayName) principal.displayName = displayName;
  return principal;
};

/** What the user record says now about the person a token names (read on every request, cached briefly). */
export interface UserStanding {
  status: string;
  roles: readonly string[];
  departmentId?: string | null | undefined;
  unitId?: string | null | undefined;
  agencyId?: string | null | undefined;
  sectionId?: string | null | undefined;
}

/**
 * The token as the record allows it now: refused (`stale`) when the person was deactivated or moved
 * to another organisation since it was issued (the token's scope is no longer theirs), else the
 * principal with only the roles both the token and the record grant, so a role taken away stops
 * working before the token expires and a role added waits for the next sign-in.
 */
export const principalAsRecorded = (principal: Principal, standing: UserStanding): Principal | 'stale' => {
  if (standing.status !== 'active') return 'stale';
  const same = (fromToken: string | undefined, fromRecord: string | null | undefined) =>
    (fromToken ?? '') === (fromRecord ?? '');
  if (
    !same(principal.departmentId, standing.departmentId) ||
    !same(principal.unitId, standing.unitId) ||
    !same(principal.agencyId, standing.agencyId) ||
    !same(principal.sectionId, standing.sectionId)
  ) {
    return 'stale';
  }
  const granted = new Set(standing.roles);
  const roles = principal.roles.filter((role) => granted.has(role));
  return roles.length === principal.roles.length ? principal : { ...principal, roles };
};
