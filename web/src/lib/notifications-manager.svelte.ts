import { agencyRoles, departmentRoles, type Role, sectionRoles } from '@jixiao/core/roles.ts';

/**
 * The unread count the header's bell shows (docs/domain/daily-work.md#notifications), shared with
 * the home's notifications panel so that marking read there clears the bell at once.
 *
 * The header asks again when the person moves to another page, not on a timer; a read in flight, or
 * one a moment ago, is not repeated. What the panel reports (it reads the same list) wins over an
 * older read still in flight.
 */

/** How long a count read counts as fresh: a burst of navigations asks once. */
export const freshForMs = 5_000;

/**
 * Whether the person gets the bell: department and bureau people, who have a home listing their
 * notifications. Never the field app (it works offline, and its people are the agency's), never
 * someone with an agency role.
 */
export const bellApplies = (roles: readonly Role[], pathname: string): boolean =>
  !(pathname === '/field' || pathname.startsWith('/field/')) &&
  !roles.some((r) => agencyRoles.includes(r)) &&
  roles.some((r) => departmentRoles.includes(r) || sectionRoles.includes(r));

/** The home whose panel lists the notifications: the bureau's for a section, else the department's. */
export const notificationsHome = (roles: readonly Role[]): string =>
  roles.some((r) => sectionRoles.includes(r)) ? '/bureau#notifications' : '/department#notifications';

export class NotificationsManager {
  /** Unread notifications of the person last asked for; 0 until known. */
  unread = $state(0);
  #userId: string | null = null;
  #readAt = Number.NEGATIVE_INFINITY;
  /** The sequence of the read in flight, if any. */
  #inFlight: number | null = null;
  /** Bumped by every count that arrives or is reported, so an older read cannot overwrite a newer count. */
  #sequence = 0;

  readonly #read: () => Promise<number>;
  readonly #now: () => number;

  constructor(read: () => Promise<number>, now: () => number = () => Date.now()) {
    this.#read = read;
    this.#now = now;
  }

  /** Reads the count for this person unless it is fresh or being read; a new person starts from 0. */
  async refresh(userId: string): Promise<void> {
    if (userId !== this.#userId) {
      this.#userId = userId;
      this.#readAt = Number.NEGATIVE_INFINITY;
      this.#inFlight = null;
      this.#sequence += 1;
      this.unread = 0;
    }
    if (this.#inFlight !== null || this.#now() - this.#readAt < freshForMs) return;
    const sequence = ++this.#sequence;
    this.#inFlight = sequence;
    try {
      const unread = await this.#read();
      if (sequence !== this.#sequence) return;
      this.unread = unread;
      this.#readAt = this.#now();
    } catch {
      // The bell keeps what it showed; the next navigation asks again.
    } finally {
      if (this.#inFlight === sequence) this.#inFlight = null;
    }
  }

  /** The panel read the list (or marked it read): its count is the newest there is. */
  seen(userId: string, unread: number): void {
    this.#userId = userId;
    this.#sequence += 1;
    this.#inFlight = null;
    this.unread = unread;
    this.#readAt = this.#now();
  }
}

/** The one count the header and the panel share; the API is loaded only when first asked. */
export const notificationsManager = new NotificationsManager(async () => {
  const { api } = await import('#lib/api.ts');
  const list = await api.get<{ unread: number }>('/notifications');
  return list.unread;
});
