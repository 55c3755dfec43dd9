import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { identityDirectoryFromEnv } from '#functions/adapters/cognito/identity-directory-from-env.ts';

afterEach(() => vi.unstubAllEnvs());

describe('identityDirectoryFromEnv', () => {
  it('hands the Cognito client it makes to capture once, before its first call (the tracer wraps it there)', async () => {
    vi.stubEnv('USER_POOL_ID', 'ap-east-1_tracing');
    // Nothing listens on port 9: the call fails, but only after the client was made and captured.
    vi.stubEnv('COGNITO_ENDPOINT', 'http://127.0.0.1:9');
    const capture = vi.fn((client: CognitoIdentityProviderClient) => client);
    const directory = identityDirectoryFromEnv(capture);
    expect(capture).not.toHaveBeenCalled();
    await expect(directory.signOut('nobody')).rejects.toThrow();
    await expect(directory.signOut('nobody')).rejects.toThrow();
    expect(capture).toHaveBeenCalledTimes(1);
    expect(capture.mock.calls[0]?.[0]).toBeInstanceOf(CognitoIdentityProviderClient);
  });
});
