import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityDirectory } from '#functions/adapters/cognito/cognito-identity-directory.ts';
import { DirectoryError, type IdentityDirectory } from '#functions/ports/identity-directory.ts';

/**
 * Where the local runtime (infra/local/identity-provider.ts) puts its directory: `npm start` has no
 * user pool, and its identity provider lives in the same process as the handlers.
 */
export const localIdentityDirectoryKey = Symbol.for('jixiao.local-identity-directory');

/**
 * The identity directory of this process, chosen on first use: the Cognito user pool named by
 * `USER_POOL_ID` (`COGNITO_ENDPOINT` points the client at an emulator in tests), else the local
 * runtime's directory, else none, and then every call fails loudly, so each user record says
 * `failed` rather than pretending its person can sign in. `capture` wraps the Cognito client where it
 * is made (the Lambda hands in the tracer's, so its calls show in X-Ray).
 */
export const identityDirectoryFromEnv = (
  capture: (client: CognitoIdentityProviderClient) => CognitoIdentityProviderClient = (client) => client,
): IdentityDirectory => {
  let directory: IdentityDirectory | undefined;
  const get = (): IdentityDirectory => {
    if (directory) return directory;
    const userPoolId = process.env.USER_POOL_ID;
    if (userPoolId) {
      const endpoint = process.env.COGNITO_ENDPOINT;
      const client = capture(
        new CognitoIdentityProviderClient({
          region: process.env.AWS_REGION ?? userPoolId.split('_')[0] ?? 'us-east-1',
          ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
          // An admin waits for the answer: a bounded wait, then the record says `failed` and offers a retry.
          maxAttempts: 3,
          requestHandler: { requestTimeout: 2_000, throwOnRequestTimeout: true, connectionTimeout: 1_000 },
        }),
      );
      directory = new CognitoIdentityDirectory(client, userPoolId);
      return directory;
    }
    const local = (globalThis as { [localIdentityDirectoryKey]?: IdentityDirectory })[localIdentityDirectoryKey];
    if (local) return local;
    throw new DirectoryError('NotConfigured', 'USER_POOL_ID is not set and no local identity provider runs');
  };
  return {
    createUser: (user) => get().createUser(user),
    updateAttributes: (username, attributes) => get().updateAttributes(username, attributes),
    setGroups: (username, roles) => get().setGroups(username, roles),
    disableUser: (username) => get().disableUser(username),
    enableUser: (username) => get().enableUser(username),
    signOut: (username) => get().signOut(username),
  };
};
