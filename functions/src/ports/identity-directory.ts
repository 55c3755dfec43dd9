import type { Role } from '@jixiao/core/roles.ts';

/**
 * The port through which operations keep the people who sign in (Cognito in AWS, the local identity
 * provider in `npm start`) in step with Jixiao's user records. A directory user's username is the id
 * of their Jixiao user record; their groups are their role names; their organisation travels as the
 * `custom:tenant`, `custom:department`, `custom:unit`, `custom:agency` and `custom:section`
 * attributes (see core/src/principal.ts for the claims they become).
 *
 * Every method is safe to repeat: a retry after a partial failure converges on the same state.
 * Methods throw `DirectoryError` when the directory refuses or cannot be reached.
 */
export interface DirectoryUser {
  /** The Jixiao user record's id. */
  username: string;
  tenant: string;
  displayName: string;
  email?: string | null | undefined;
  roles: readonly Role[];
  departmentId?: string | null | undefined;
  unitId?: string | null | undefined;
  agencyId?: string | null | undefined;
  sectionId?: string | null | undefined;
}

/** The attributes a directory user carries besides username and tenant (which never change). */
export type DirectoryAttributes = Pick<
  DirectoryUser,
  'displayName' | 'email' | 'departmentId' | 'unitId' | 'agencyId' | 'sectionId'
>;

export interface IdentityDirectory {
  /**
   * Creates the user with their attributes and sends the invitation by email when they have one
   * (`invited`); without an email nothing is sent (`created`), or the directory refuses, as a pool
   * that requires an email does. `exists` when the username is already taken (a retry after a
   * cut-off call): nothing is sent twice.
   */
  createUser(user: DirectoryUser): Promise<'created' | 'invited' | 'exists'>;
  /** Sets every attribute to the given value; null or empty clears it. */
  updateAttributes(username: string, attributes: DirectoryAttributes): Promise<void>;
  /** Makes the user's groups exactly these roles (adds the missing, removes the rest). */
  setGroups(username: string, roles: readonly Role[]): Promise<void>;
  /** A disabled user cannot sign in or refresh a token. */
  disableUser(username: string): Promise<void>;
  enableUser(username: string): Promise<void>;
  /** Revokes every refresh token the user holds, so no new ID token is issued from them. */
  signOut(username: string): Promise<void>;
}

/**
 * The directory refused the call or could not be reached. `code` is the directory's own error name
 * (e.g. `InvalidParameterException`), kept on the user record for the operator.
 */
export class DirectoryError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'DirectoryError';
    this.code = code;
  }
}
