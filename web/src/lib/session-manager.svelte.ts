import type { Me } from '@jixiao/core/platform.ts';
import { authorizeUrl, jwtClaims, type PendingSignIn, pkceChallenge, randomToken } from '#lib/oidc.ts';
import type { AuthConfig } from '#lib/runtime-config.svelte.ts';
import { isRecord, isText, readJson, writeJson } from '#lib/storage.ts';

export interface StoredSession {
  idToken: string;
  expiresAt: string;
}

export type SignInFailure = 'network' | 'rejected' | 'state-mismatch' | 'nonce-mismatch' | 'provider-error';

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    detail?: string,
  ) {
    super(detail ?? reason);
  }
}

/** A demo account offered by the local identity provider (`GET /local-idp/users`). */
export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  organisation: string | null;
}

const keys = {
  session: 'jixiao.session',
  me: 'jixiao.me',
  pending: 'jixiao.oidc-pending',
  returnTo: 'jixiao.return-to',
} as const;

const isSession = (v: unknown): v is StoredSession =>
  isRecord(v) && isText(v.idToken) && isText(v.expiresAt) && !Number.isNaN(Date.parse(v.expiresAt));
const isMe = (v: unknown): v is Me => isRecord(v) && isText(v.subject) && Array.isArray(v.roles) && isRecord(v.tenant);
const isPending = (v: unknown): v is PendingSignIn =>
  isRecord(v) && isText(v.verifier) && isText(v.state) && isText(v.nonce) && isText(v.redirectUri);

const session = (): StoredSession | null => readJson(keys.session, isSession);

/**
 * Who is signed in. The id_token and its expiry live in localStorage (so a field worker can reopen
 * the app offline); `me` — the API's view of the person — is cached beside it for the same reason.
 */
export class SessionManager {
  current = $state.raw<StoredSession | null>(session());
  me = $state.raw<Me | null>(readJson(keys.me, isMe));
  /** Why `me` could not be read (set by the layout), for pages waiting on it. */
  meError = $state<string | null>(null);
  /** Why the last session ended, for the sign-in page to explain. */
  endedBecause = $state<'expired' | 'signed-out' | null>(null);
  #now = $state(Date.now());

  get token(): string | null {
    return this.signedIn ? (this.current?.idToken ?? null) : null;
  }

  get signedIn(): boolean {
    return this.current !== null && Date.parse(this.current.expiresAt) > this.#now;
  }

  /** Re-reads the clock (the layout calls it on focus and on a timer), so an expired token counts as signed out. */
  tick(): void {
    this.#now = Date.now();
    const stored = session();
    if (stored?.idToken !== this.current?.idToken) this.current = stored; // another tab signed in or out
  }

  setMe(me: Me): void {
    this.meError = null;
    this.me = me;
    writeJson(keys.me, me);
  }

  #start(s: StoredSession): void {
    writeJson(keys.session, s);
    writeJson(keys.me, null); // the previous person's profile must not show for a moment
    this.me = null;
    this.meError = null;
    this.current = s;
    this.#now = Date.now();
    this.endedBecause = null;
  }

  /** Ends the session locally; `expired` when the API said 401. */
  clear(reason: 'expired' | 'signed-out'): void {
    writeJson(keys.session, null);
    writeJson(keys.me, null);
    this.current = null;
    this.me = null;
    this.endedBecause = reason;
  }

  /** Signs out; in OIDC mode also ends the identity provider's session (a full-page visit). */
  signOut(auth: AuthConfig | null): void {
    const idToken = this.current?.idToken;
    this.clear('signed-out');
    if (auth?.kind === 'oidc' && navigator.onLine) {
      const url = new URL(auth.logoutEndpoint);
      const back = new URL('/sign-in', location.origin).toString();
      url.searchParams.set('client_id', auth.clientId);
      url.searchParams.set('logout_uri', back);
      url.searchParams.set('post_logout_redirect_uri', back);
      if (idToken) url.searchParams.set('id_token_hint', idToken);
      location.assign(url.toString());
    }
  }

  rememberReturnTo(path: string): void {
    try {
      sessionStorage.setItem(keys.returnTo, path);
    } catch {
      // not important enough to fail over
    }
  }

  takeReturnTo(): string | null {
    try {
      const path = sessionStorage.getItem(keys.returnTo);
      sessionStorage.removeItem(keys.returnTo);
      return path?.startsWith('/') && !path.startsWith('//') ? path : null;
    } catch {
      return null;
    }
  }

  // --- local identity provider (development and demo) ---

  async demoUsers(): Promise<DemoUser[]> {
    const body = await this.#json(await this.#fetch('/local-idp/users', { headers: { accept: 'application/json' } }));
    const items = isRecord(body) && Array.isArray(body.items) ? body.items : [];
    return items.filter(
      (u): u is DemoUser => isRecord(u) && isText(u.id) && isText(u.displayName) && Array.isArray(u.roles),
    );
  }

  async signInLocal(userId: string): Promise<void> {
    const response = await this.#fetch('/local-idp/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ userId }),
    });
    const body = await this.#json(response);
    if (!isRecord(body) || !isText(body.idToken) || !isText(body.expiresAt)) throw new SignInError('rejected');
    this.#start({ idToken: body.idToken, expiresAt: body.expiresAt });
  }

  // --- OIDC authorization code + PKCE ---

  async beginOidc(auth: Extract<AuthConfig, { kind: 'oidc' }>, returnTo: string): Promise<never> {
    const pending: PendingSignIn = {
      verifier: randomToken(48),
      state: randomToken(),
      nonce: randomToken(),
      redirectUri: new URL('/auth/callback', location.origin).toString(),
      returnTo,
    };
    sessionStorage.setItem(keys.pending, JSON.stringify(pending));
    location.assign(
      authorizeUrl(auth.authorizeEndpoint, {
        clientId: auth.clientId,
        scope: auth.scope,
        redirectUri: pending.redirectUri,
        state: pending.state,
        nonce: pending.nonce,
        challenge: await pkceChallenge(pending.verifier),
      }),
    );
    return new Promise<never>(() => {}); // the page is leaving
  }

  /** Finishes the flow on `/auth/callback`; returns where the user wanted to go. */
  async completeOidc(auth: Extract<AuthConfig, { kind: 'oidc' }>, callback: URL): Promise<string> {
    let pending: PendingSignIn | null = null;
    try {
      const raw = sessionStorage.getItem(keys.pending);
      sessionStorage.removeItem(keys.pending);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      pending = isPending(parsed) ? parsed : null;
    } catch {
      pending = null;
    }
    const params = callback.searchParams;
    if (params.get('error')) throw new SignInError('provider-error', params.get('error_description') ?? undefined);
    const code = params.get('code');
    if (!pending || !code || params.get('state') !== pending.state) throw new SignInError('state-mismatch');

    const response = await this.#fetch(auth.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: pending.redirectUri,
        client_id: auth.clientId,
        code_verifier: pending.verifier,
      }),
    });
    const body = await this.#json(response);
    const idToken = isRecord(body) && isText(body.id_token) ? body.id_token : null;
    const claims = idToken ? jwtClaims(idToken) : null;
    if (!idToken || !claims) throw new SignInError('rejected');
    if (claims.nonce !== pending.nonce) throw new SignInError('nonce-mismatch');
    const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3600_000;
    this.#start({ idToken, expiresAt: new Date(exp).toISOString() });
    return pending.returnTo;
  }

  async #fetch(input: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(input, init);
    } catch {
      throw new SignInError('network');
    }
  }

  async #json(response: Response): Promise<unknown> {
    if (!response.ok) throw new SignInError('rejected', `HTTP ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new SignInError('rejected');
    }
  }
}

export const sessionManager = new SessionManager();
