import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { claimNames } from '@jixiao/core/principal.ts';
import type { Role } from '@jixiao/core/roles.ts';
import { localIdentityDirectoryKey } from '@jixiao/functions/adapters/cognito/identity-directory-from-env.ts';
import type {
  DirectoryAttributes,
  DirectoryUser,
  IdentityDirectory,
} from '@jixiao/functions/ports/identity-directory.ts';
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
  /** The directory the organisation handler keeps in step with the user records (as Cognito in AWS). */
  directory: LocalIdentityDirectory;
}

/** What the local directory holds for one person, as a user pool would. */
export interface LocalDirectoryEntry {
  user: DirectoryUser;
  enabled: boolean;
  groups: Role[];
  /** Where and when the invitation went (the local runtime sends no mail: it is only recorded). */
  invitedAt?: string;
  signedOutAt?: string;
}

/**
 * The local identity provider's side of the identity-directory port: the same calls Cognito
 * answers, kept in memory for the life of the process. Sign-in locally picks a person from the
 * user records, so the directory matters to sign-in in one way: a person it holds disabled gets no
 * token.
 */
export class LocalIdentityDirectory implements IdentityDirectory {
  readonly entries = new Map<string, LocalDirectoryEntry>();

  private entry(username: string): LocalDirectoryEntry {
    const found = this.entries.get(username);
    if (!found) throw Object.assign(new Error(`User ${username} does not exist`), { name: 'UserNotFoundException' });
    return found;
  }

  async createUser(user: DirectoryUser): Promise<'created' | 'invited' | 'exists'> {
    if (this.entries.has(user.username)) return 'exists';
    const invite = Boolean(user.email);
    this.entries.set(user.username, {
      user: { ...user },
      enabled: true,
      groups: [],
      ...(invite ? { invitedAt: new Date().toISOString() } : {}),
    });
    return invite ? 'invited' : 'created';
  }

  async updateAttributes(username: string, attributes: DirectoryAttributes): Promise<void> {
    const entry = this.entry(username);
    entry.user = { ...entry.user, ...attributes };
  }

  async setGroups(username: string, roles: readonly Role[]): Promise<void> {
    this.entry(username).groups = [...roles];
  }

  async disableUser(username: string): Promise<void> {
    this.entry(username).enabled = false;
  }

  async enableUser(username: string): Promise<void> {
    this.entry(username).enabled = true;
  }

  async signOut(username: string): Promise<void> {
    this.entry(username).signedOutAt = new Date().toISOString();
  }

  /** False only for a person the directory holds disabled (demo people loaded without it are unknown to it). */
  maySignIn(username: string): boolean {
    return this.entries.get(username)?.enabled !== false;
  }
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
  const directory = new LocalIdentityDirectory();
  // The organisation handler runs in this process and finds its directory here (see
  // functions/src/adapters/cognito/identity-directory-from-env.ts); the last provider started wins.
  (globalThis as { [localIdentityDirectoryKey]?: IdentityDirectory })[localIdentityDirectoryKey] = directory;
  return {
    directory,
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
