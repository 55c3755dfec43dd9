import type { DirectorySync } from '@jixiao/core/organisation/user.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { DirectoryError, type DirectoryUser, type IdentityDirectory } from '#functions/ports/identity-directory.ts';
import type { StoredRecord } from '#functions/ports/record-store.ts';

/**
 * What a user record's `directory` field holds: the sync state the admin page shows, and whether a
 * global sign-out is still owed (a deactivation or a loss of powers whose sync did not finish).
 */
export type DirectoryField = DirectorySync & { signOutPending?: boolean };

/** The fields the directory mirrors; a change to any other field needs no directory call. */
const mirrored = ['displayName', 'email', 'roles', 'departmentId', 'unitId', 'agencyId', 'financeSectionId', 'status'];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export const mirroredFieldsChanged = (before: StoredRecord, after: StoredRecord): boolean =>
  mirrored.some((field) => !same(before[field], after[field]));

/**
 * A change after which a token issued before it grants more than the record does: deactivated, a
 * role taken away, or moved to another organisation. The person is signed out everywhere.
 */
export const powersReduced = (before: StoredRecord, after: StoredRecord): boolean => {
  if (before.status === 'active' && after.status !== 'active') return true;
  const kept = new Set(after.roles as Role[]);
  if ((before.roles as Role[]).some((role) => !kept.has(role))) return true;
  return ['departmentId', 'unitId', 'agencyId', 'financeSectionId'].some((field) => !same(before[field], after[field]));
};

/** Whether the record still waits for the directory (pending or failed), or was never sent to it. */
export const awaitsDirectory = (record: StoredRecord): boolean => {
  const state = (record.directory as DirectoryField | undefined)?.state;
  return state === undefined || state === 'pending' || state === 'failed';
};

const directoryUserOf = (tenant: string, record: StoredRecord): DirectoryUser => ({
  username: record.id,
  tenant,
  displayName: String(record.displayName),
  email: record.email as string | null | undefined,
  roles: record.roles as Role[],
  departmentId: record.departmentId as string | null | undefined,
  unitId: record.unitId as string | null | undefined,
  agencyId: record.agencyId as string | null | undefined,
  sectionId: record.financeSectionId as string | null | undefined,
});

/**
 * Brings the directory to what the record says, every step safe to repeat: creates the user when
 * the directory may not have them yet (a first sync, or a retry of one that did not finish: `exists`
 * then means an earlier attempt got that far), sets every attribute and exactly the record's roles
 * as groups, enables or disables, and signs the person out everywhere when owed. Returns the state
 * to keep on the record; a DirectoryError becomes `failed` with its code, and the sign-out stays owed.
 */
export const syncUser = async (
  directory: IdentityDirectory,
  tenant: string,
  record: StoredRecord,
  at: string,
): Promise<DirectoryField> => {
  const field = record.directory as DirectoryField | undefined;
  const signOutOwed = field?.signOutPending === true;
  const user = directoryUserOf(tenant, record);
  try {
    let created: 'created' | 'invited' | 'exists' = 'exists';
    if (awaitsDirectory(record)) created = await directory.createUser(user);
    await directory.updateAttributes(user.username, user);
    await directory.setGroups(user.username, user.roles);
    if (record.status === 'active') await directory.enableUser(user.username);
    else await directory.disableUser(user.username);
    if (signOutOwed) await directory.signOut(user.username);
    return { state: created === 'invited' ? 'invited' : 'synced', at };
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    return {
      state: 'failed',
      at,
      problem: `${error.code}: ${error.message}`.slice(0, 300),
      ...(signOutOwed ? { signOutPending: true } : {}),
    };
  }
};
