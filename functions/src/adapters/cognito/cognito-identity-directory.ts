import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserAttributesCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { claimNames } from '@jixiao/core/principal.ts';
import type { Role } from '@jixiao/core/roles.ts';
import {
  type DirectoryAttributes,
  DirectoryError,
  type DirectoryUser,
  type IdentityDirectory,
} from '#functions/ports/identity-directory.ts';

/** Cognito's attribute names for what a directory user carries (the claims core/src/principal.ts reads). */
const attributeNames: Record<keyof DirectoryAttributes, string> = {
  displayName: claimNames.name,
  email: 'email',
  departmentId: claimNames.department,
  unitId: claimNames.unit,
  agencyId: claimNames.agency,
  sectionId: claimNames.section,
};

const present = (value: string | null | undefined): value is string => typeof value === 'string' && value.length > 0;

const attributesOf = (attributes: DirectoryAttributes): { set: AttributeType[]; cleared: string[] } => {
  const set: AttributeType[] = [];
  const cleared: string[] = [];
  for (const [field, name] of Object.entries(attributeNames) as [keyof DirectoryAttributes, string][]) {
    const value = attributes[field];
    if (present(value)) set.push({ Name: name, Value: value });
    else cleared.push(name);
  }
  // The administrator typed the address and the invitation proves it: the person can recover a
  // lost password by email from their first sign-in on.
  if (present(attributes.email)) set.push({ Name: 'email_verified', Value: 'true' });
  return { set, cleared };
};

/** Whatever the client throws (a refusal, a timeout, no connection) becomes a DirectoryError with its name. */
const directoryCall = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error) throw new DirectoryError(error.name, error.message);
    throw new DirectoryError('Unknown', String(error));
  }
};

/**
 * The identity directory as a Cognito user pool: Admin* calls with the Lambda role's IAM grants
 * (cognito-idp:AdminCreateUser, AdminUpdateUserAttributes, AdminDeleteUserAttributes,
 * AdminListGroupsForUser, AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminDisableUser,
 * AdminEnableUser, AdminUserGlobalSignOut on the pool).
 */
export class CognitoIdentityDirectory implements IdentityDirectory {
  private readonly client: CognitoIdentityProviderClient;
  private readonly userPoolId: string;

  constructor(client: CognitoIdentityProviderClient, userPoolId: string) {
    this.client = client;
    this.userPoolId = userPoolId;
  }

  async createUser(user: DirectoryUser): Promise<'created' | 'invited' | 'exists'> {
    const { set } = attributesOf(user);
    const invite = present(user.email);
    try {
      await this.client.send(
        new AdminCreateUserCommand({
          UserPoolId: this.userPoolId,
          Username: user.username,
          UserAttributes: [{ Name: claimNames.tenant, Value: user.tenant }, ...set],
          // Cognito makes the temporary password and mails it with the sign-in link; with no
          // address there is no one to send it to, so nothing is sent (a pool that requires an
          // email refuses the user instead).
          ...(invite ? { DesiredDeliveryMediums: ['EMAIL'] } : { MessageAction: 'SUPPRESS' }),
        }),
      );
    } catch (error) {
      if (error instanceof Error && error.name === 'UsernameExistsException') return 'exists';
      return directoryCall(() => Promise.reject(error));
    }
    return invite ? 'invited' : 'created';
  }

  async updateAttributes(username: string, attributes: DirectoryAttributes): Promise<void> {
    const { set, cleared } = attributesOf(attributes);
    await directoryCall(() =>
      this.client.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: this.userPoolId, Username: username, UserAttributes: set }),
      ),
    );
    if (cleared.length > 0) {
      await directoryCall(() =>
        this.client.send(
          new AdminDeleteUserAttributesCommand({
            UserPoolId: this.userPoolId,
            Username: username,
            UserAttributeNames: cleared,
          }),
        ),
      );
    }
  }

  async setGroups(username: string, roles: readonly Role[]): Promise<void> {
    const current = new Set<string>();
    let nextToken: string | undefined;
    // Every page, to the end: a user is in at most as many groups as there are roles, but the
    // contract is "exactly these", so nothing may be left unread.
    do {
      const page = await directoryCall(() =>
        this.client.send(
          new AdminListGroupsForUserCommand({
            UserPoolId: this.userPoolId,
            Username: username,
            Limit: 60,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        ),
      );
      for (const group of page.Groups ?? []) if (group.GroupName) current.add(group.GroupName);
      nextToken = page.NextToken;
    } while (nextToken);
    for (const role of roles) {
      if (current.has(role)) continue;
      await directoryCall(() =>
        this.client.send(
          new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: role }),
        ),
      );
    }
    for (const group of current) {
      if ((roles as readonly string[]).includes(group)) continue;
      await directoryCall(() =>
        this.client.send(
          new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group }),
        ),
      );
    }
  }

  async disableUser(username: string): Promise<void> {
    await directoryCall(() =>
      this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username })),
    );
  }

  async enableUser(username: string): Promise<void> {
    await directoryCall(() =>
      this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username })),
    );
  }

  async signOut(username: string): Promise<void> {
    await directoryCall(() =>
      this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username })),
    );
  }
}
