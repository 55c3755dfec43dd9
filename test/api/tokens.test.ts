import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { localAudience } from '@jixiao/infra/local/stack.ts';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/test-stack.ts';

/** The gateway must refuse every token API Gateway's JWT authorizer would refuse (docs/architecture.md#reliability-and-security-floor). */
let stack: TestStack;
let good: Record<string, unknown>;
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  stack = await startTestStack();
  good = {
    sub: demoId('user:admin'),
    iss: stack.identityProvider.issuer,
    aud: localAudience,
    iat: now(),
    nbf: now(),
    exp: now() + 600,
    token_use: 'id',
    'custom:tenant': '120110000',
    'cognito:groups': ['tenant-admin'],
  };
});
afterAll(() => stack?.stop());

const me = (authorization?: string) =>
  stack.call('GET', '/api/v1/me', authorization ? { headers: { authorization } } : {});

describe('tokens', () => {
  it('accepts a good token (the control case)', async () => {
    const response = await me(`Bearer ${await stack.identityProvider.signClaims(good)}`);
    expect(response.status).toBe(200);
    expect(response.body.roles).toEqual(['tenant-admin']);
  });

  const refused: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a malformed token', async () => 'Bearer not.a.jwt'],
    ['garbage after Bearer', async () => 'Bearer '],
    [
      'a bad signature',
      async () => {
        const [h, , s] = (await stack.identityProvider.signClaims(good)).split('.');
        return `Bearer ${h}.${b64({ ...good, 'cognito:groups': ['tenant-admin', 'observer'] })}.${s}`;
      },
    ],
    ['an expired token', async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, exp: now() - 60 })}`],
    [
      'a token not yet valid',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, nbf: now() + 600 })}`,
    ],
    [
      'a token without exp',
      async () => {
        const { exp: _exp, ...rest } = good;
        return `Bearer ${await stack.identityProvider.signClaims(rest)}`;
      },
    ],
    [
      'the wrong issuer',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, iss: 'https://evil.example' })}`,
    ],
    [
      'the wrong audience',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, aud: 'another-app' })}`,
    ],
    ['alg: none', async () => `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(good)}.`],
    [
      'an unknown key id',
      async () => {
        const { privateKey } = await generateKeyPair('RS256');
        return `Bearer ${await new SignJWT(good).setProtectedHeader({ alg: 'RS256', kid: 'someone-else' }).sign(privateKey)}`;
      },
    ],
    [
      'HS256 signed with the public key (key confusion)',
      async () => {
        const publicJwk = stack.identityProvider.jwks.keys[0]!;
        const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
        return `Bearer ${await new SignJWT(good).setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid }).sign(secret)}`;
      },
    ],
    [
      'a self-signed token carrying its own key in the header',
      async () => {
        const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
        const jwk = await exportJWK(publicKey);
        return `Bearer ${await new SignJWT(good).setProtectedHeader({ alg: 'RS256', jwk }).sign(privateKey)}`;
      },
    ],
    // Cognito never issues these, and API Gateway's authorizer in front of it would not make them valid.
    [
      'a token issued in the future (beyond the one-minute clock skew)',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, iat: now() + 120 })}`,
    ],
    [
      'a token without iat',
      async () => {
        const { iat: _iat, ...rest } = good;
        return `Bearer ${await stack.identityProvider.signClaims(rest)}`;
      },
    ],
    [
      'an access token',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, token_use: 'access' })}`,
    ],
    [
      'a token without token_use',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, token_use: undefined })}`,
    ],
    [
      'a tenant claim with spaces',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, 'custom:tenant': ' 120110000 ' })}`,
    ],
    [
      'a tenant claim with other characters',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, 'custom:tenant': '12011000０' })}`,
    ],
    [
      'a valid signature but no tenant claim',
      async () => `Bearer ${await stack.identityProvider.signClaims({ ...good, 'custom:tenant': undefined })}`,
    ],
  ];

  for (const [name, token] of refused) {
    it(`refuses ${name} with 401`, async () => {
      const response = await me(await token());
      expect(response.status).toBe(401);
      expect(response.body.type).toBe('urn:jixiao:problem:unauthenticated');
      expect(response.body).not.toHaveProperty('subject');
    });
  }

  it('accepts an iat a little ahead of this clock (skew up to a minute)', async () => {
    const response = await me(`Bearer ${await stack.identityProvider.signClaims({ ...good, iat: now() + 30 })}`);
    expect(response.status).toBe(200);
  });

  it('refuses a token whose roles are unknown with 403, not 200', async () => {
    const response = await me(
      `Bearer ${await stack.identityProvider.signClaims({ ...good, 'cognito:groups': ['root'] })}`,
    );
    expect(response.status).toBe(403);
  });

  it('needs no token for health', async () => {
    const response = await stack.call('GET', '/api/v1/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });
});
