import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { claimNames } from '@jixiao/core/principal.ts';
import { exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK, SignJWT } from 'jose';

/**
 * A local stand-in for Cognito: signs ID tokens with an RSA key (as Cognito does) carrying the
 * same claims, and publishes its public key as a JWKS. It exists only in the local runtime; the
 * cloud build has no such endpoint.
 */
export interface LocalIdentityProvider {
  issuer: string;
  audience: string;
  jwks: JSONWebKeySet;
  issueIdToken(person: TokenPerson, ttlSeconds?: number): Promise<{ idToken: string; expiresAt: string }>;
  /** Signs any claims with the provider's key: tests use it to craft tokens that must be refused. */
  signClaims(claims: Record<string, unknown>): Promise<string>;
}

export interface TokenPerson {
  id: string;
  displayName: string;
  tenant: string;
  roles: readonly string[];
  departmentId?: string | null;
  unitId?: string | null;
  agencyId?: string | null;
  sectionId?: string | null;
}

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

const loadOrCreateKey = async (keyFile: string | undefined): Promise<StoredKey> => {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const key: StoredKey = {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(key), { mode: 0o600 });
  }
  return key;
};

export const createLocalIdentityProvider = async (options: {
  issuer: string;
  audience: string;
  /** Keeps the signing key across restarts, so tokens in a browser stay valid. */
  keyFile?: string;
}): Promise<LocalIdentityProvider> => {
  const key = await loadOrCreateKey(options.keyFile);
  const privateKey = await importJWK(key.privateJwk, 'RS256');
  return {
    issuer: options.issuer,
    audience: options.audience,
    jwks: { keys: [key.publicJwk] },
    signClaims: (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(privateKey),
    issueIdToken: async (person, ttlSeconds = 8 * 3600) => {
      const now = Math.floor(Date.now() / 1000);
      const claims: Record<string, unknown> = {
        name: person.displayName,
        token_use: 'id',
        auth_time: now,
        [claimNames.username]: person.id,
        [claimNames.tenant]: person.tenant,
        [claimNames.roles]: [...person.roles],
      };
      if (person.departmentId) claims[claimNames.department] = person.departmentId;
      if (person.unitId) claims[claimNames.unit] = person.unitId;
      if (person.agencyId) claims[claimNames.agency] = person.agencyId;
      if (person.sectionId) claims[claimNames.section] = person.sectionId;
      const idToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
        .setSubject(person.id)
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(privateKey);
      return { idToken, expiresAt: new Date((now + ttlSeconds) * 1000).toISOString() };
    },
  };
};
