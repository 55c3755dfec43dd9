import type { Role } from '@jixiao/core/roles.ts';
import { observerRole, withObserver } from '@jixiao/core/scope/role-groups.ts';

/**
 * The observer (人大/审计, docs/domain/README.md#roles) reads what has been published, tenant-wide,
 * and does nothing else: no writes, no history, no exports (core/src/scope/observer-scope.ts). The
 * screens the API serves it add it to their roles with `withObserver`; what a screen offers beyond
 * reading is decided by the person's other roles, and exports, open to every other reader of a
 * screen, by `mayExport`.
 */
export { observerRole, withObserver };

/** Someone whose every role is the observer's: they read, and are offered nothing to do. */
export const readsOnly = (roles: readonly Role[]): boolean =>
  roles.length > 0 && roles.every((r) => r === observerRole);

/** Exports (XLSX, working papers) are offered to a screen's readers, except someone who only observes. */
export const mayExport = (roles: readonly Role[]): boolean => !readsOnly(roles);
