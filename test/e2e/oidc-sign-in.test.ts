import { createHash, randomUUID } from 'node:crypto';
import type { LocalStack } from '@jixiao/infra/local/stack.ts';
import type { Browser, BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, phone, type SecurityWatch, screenshot, watchSecurity } from './browser.ts';
import { startWebStack } from './web-stack.ts';

/**
 * OIDC mode (the cloud's Cognito hosted UI): `/config.json` says `kind: 'oidc'` and a stand-in
 * provider, played by route handlers, checks what a real one checks — the PKCE S256 challenge
 * against the verifier, `state`, the redirect URI — and answers with an id_token signed by the
 * local identity provider, so the real API accepts it.
 */
let stack: LocalStack;
let browser: Browser;

const clientId = 'jixiao-web-e2e';
const base64Url = (bytes: Buffer) => bytes.toString('base64url');

interface Provider {
  authorizeRequests: URLSearchParams[];
  tokenRequests: URLSearchParams[];
  logoutRequests: URLSearchParams[];
}

/** Plays the provider for one browser context. */
const provide = async (context: BrowserContext, username: string): Promise<Provider> => {
  const seen: Provider = { authorizeRequests: [], tokenRequests: [], logoutRequests: [] };
  const endpoint = (name: string) => `${stack.url}/oidc-e2e/${name}`;
  const pending = new Map<string, { challenge: string; nonce: string; redirectUri: string }>();

  await context.route('**/config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        auth: {
          kind: 'oidc',
          authority: stack.identityProvider.issuer,
          clientId,
          scope: 'openid profile',
          authorizeEndpoint: endpoint('authorize'),
          tokenEndpoint: endpoint('token'),
          logoutEndpoint: endpoint('logout'),
        },
        apiBase: '/api/v1',
      }),
    }),
  );

  await context.route('**/oidc-e2e/authorize?**', async (route: Route) => {
    const params = new URL(route.request().url()).searchParams;
    seen.authorizeRequests.push(params);
    const code = randomUUID();
    pending.set(code, {
      challenge: params.get('code_challenge') ?? '',
      nonce: params.get('nonce') ?? '',
      redirectUri: params.get('redirect_uri') ?? '',
    });
    const back = new URL(params.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', params.get('state') ?? '');
    await route.fulfill({ status: 302, headers: { location: back.toString() } });
  });

  await context.route('**/oidc-e2e/token', async (route: Route) => {
    const form = new URLSearchParams(route.request().postData() ?? '');
    seen.tokenRequests.push(form);
    const grant = pending.get(form.get('code') ?? '');
    pending.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const valid =
      grant !== undefined &&
      form.get('grant_type') === 'authorization_code' &&
      form.get('client_id') === clientId &&
      form.get('redirect_uri') === grant.redirectUri &&
      base64Url(createHash('sha256').update(verifier).digest()) === grant.challenge;
    if (!valid) {
      await route.fulfill({ status: 400, contentType: 'application/json', body: '{"error":"invalid_grant"}' });
      return;
    }
    // The demo person's claims from the local provider, plus the nonce of this sign-in.
    const users = (await (await fetch(`${stack.url}/local-idp/users`)).json()) as {
      items: { id: string; username: string }[];
    };
    const person = users.items.find((u) => u.username === username)!;
    const issued = (await (
      await fetch(`${stack.url}/local-idp/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: person.id }),
      })
    ).json()) as { idToken: string };
    const claims = JSON.parse(Buffer.from(issued.idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const idToken = await stack.identityProvider.signClaims({ ...claims, nonce: grant.nonce });
    await route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({ id_token: idToken, access_token: 'unused', token_type: 'Bearer', expires_in: 3600 }),
    });
  });

  await context.route('**/oidc-e2e/logout?**', async (route: Route) => {
    const params = new URL(route.request().url()).searchParams;
    seen.logoutRequests.push(params);
    await route.fulfill({ status: 302, headers: { location: params.get('logout_uri') ?? '/' } });
  });
  return seen;
};

const oidcContext = async (): Promise<{ context: BrowserContext; watch: SecurityWatch; page: Page }> => {
  // Route handlers do not see requests a service worker makes, so this context runs without one.
  const context = await browser.newContext({ ...phone, serviceWorkers: 'block' });
  const watch = await watchSecurity(context);
  return { context, watch, page: await context.newPage() };
};

beforeAll(async () => {
  stack = await startWebStack('e2e-oidc');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('sign-in with an OIDC provider (authorization code + PKCE)', () => {
  it('signs in with S256 PKCE, state and nonce, calls the API with the id_token, and signs out at the provider', async () => {
    const { context, watch, page } = await oidcContext();
    try {
      const provider = await provide(context, 'perf-reviewer');
      await page.goto(`${stack.url}/`);
      await page.waitForURL('**/sign-in');
      await screenshot(page, '20-oidc-sign-in');
      await page.getByRole('button', { name: '前往统一身份认证登录' }).click();
      await page.waitForURL('**/bureau');
      await page.getByRole('heading', { level: 1, name: /你好/ }).waitFor();

      const [authorize] = provider.authorizeRequests;
      expect(authorize?.get('response_type')).toBe('code');
      expect(authorize?.get('client_id')).toBe(clientId);
      expect(authorize?.get('code_challenge_method')).toBe('S256');
      expect(authorize?.get('redirect_uri')).toBe(`${stack.url}/auth/callback`);
      expect(authorize?.get('state')?.length).toBeGreaterThanOrEqual(32);
      expect(authorize?.get('nonce')?.length).toBeGreaterThanOrEqual(32);
      expect(authorize?.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(provider.tokenRequests.at(0)?.has('client_secret')).toBe(false);
      expect(await page.evaluate(() => sessionStorage.getItem('jixiao.oidc-pending'))).toBeNull();

      await page.locator('details.account summary').click();
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL('**/sign-in');
      const [logout] = provider.logoutRequests;
      expect(logout?.get('client_id')).toBe(clientId);
      expect(logout?.get('logout_uri')).toBe(`${stack.url}/sign-in`);
      expect(await page.evaluate(() => localStorage.getItem('jixiao.session'))).toBeNull();
    } finally {
      await context.close();
    }
    expect(watch.violations).toEqual([]);
    expect(watch.pageErrors).toEqual([]);
  });

  it('refuses a callback whose state it did not send', async () => {
    const { context, watch, page } = await oidcContext();
    try {
      await provide(context, 'admin');
      await page.goto(`${stack.url}/auth/callback?code=forged&state=forged`);
      await page.getByRole('alert').getByText('登录请求已失效或不匹配').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('jixiao.session'))).toBeNull();
      await screenshot(page, '21-oidc-bad-state');
    } finally {
      await context.close();
    }
    expect(watch.violations).toEqual([]);
  });
});
