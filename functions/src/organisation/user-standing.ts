import type { UserStanding } from '@jixiao/core/principal.ts';
import { userKind } from '#functions/organisation/record-kinds.ts';
import type { RecordStore } from '#functions/ports/record-store.ts';

/** How long a user's standing is trusted without reading it again; at most a minute. */
export const userStandingMaxAgeSeconds = 60;

/**
 * The seconds a standing is kept: `USER_STANDING_CACHE_SECONDS` (tests shorten it; 0 reads on
 * every request), never more than a minute, so a deactivation or a role taken away bites within it.
 */
const maxAgeMs = (): number => {
  const configured = Number(process.env.USER_STANDING_CACHE_SECONDS ?? userStandingMaxAgeSeconds);
  const seconds = Number.isFinite(configured) ? configured : userStandingMaxAgeSeconds;
  return Math.min(Math.max(seconds, 0), userStandingMaxAgeSeconds) * 1000;
};

/** Enough for every person of a district many times over; past it the oldest entries go first. */
const maxEntries = 5_000;

export interface UserStandingReader {
  /** The user record's standing, or undefined when the tenant has no record of that id. */
  standing(tenant: string, userId: string): Promise<UserStanding | undefined>;
}

/**
 * Reads a person's status, roles and organisation from their user record: one GetItem per cache
 * miss, kept per Lambda instance for at most a minute (a miss is kept as well, so a token without
 * a record does not cost a read on every request).
 */
export const userStandingReader = (store: Pick<RecordStore, 'get'>): UserStandingReader => {
  const cache = new Map<string, { at: number; standing: UserStanding | undefined }>();
  return {
    standing: async (tenant, userId) => {
      const key = `${tenant}\u0000${userId}`;
      const now = Date.now();
      const kept = cache.get(key);
      if (kept && now - kept.at < maxAgeMs()) return kept.standing;
      const record = await store.get(tenant, userKind, userId);
      const standing: UserStanding | undefined = record
        ? {
            status: String(record.status),
            roles: Array.isArray(record.roles) ? (record.roles as string[]) : [],
            departmentId: record.departmentId as string | null | undefined,
            unitId: record.unitId as string | null | undefined,
            agencyId: record.agencyId as string | null | undefined,
            sectionId: record.financeSectionId as string | null | undefined,
          }
        : undefined;
      cache.delete(key);
      cache.set(key, { at: now, standing });
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
      return standing;
    },
  };
};
