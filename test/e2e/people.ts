import type { Page } from 'playwright-core';

/**
 * The demo people of the local stack in a browser: signing in as one from the sign-in page's
 * chooser, and the API as the signed-in browser sees it (for reading back what a screen stored).
 */
export const demoUser = (page: Page, username: string) =>
  page.locator('button.user', { has: page.locator('.username', { hasText: new RegExp(`^${username}$`) }) });

/** Signs in as `username` (whoever was signed in before is signed out) and waits for their workspace. */
export const signInAs = async (page: Page, baseUrl: string, username: string, workspace: string): Promise<void> => {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/sign-in`);
  await page.evaluate(() => localStorage.removeItem('jixiao.session'));
  await page.goto(`${baseUrl}/sign-in`);
  await demoUser(page, username).click();
  await page.waitForURL(`**/${workspace}`);
};

/** Calls `/api/v1{path}` with the token the page holds. */
export const apiAs = async (page: Page, baseUrl: string, method: string, path: string, body?: unknown) => {
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('jixiao.session') ?? 'null'));
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${session.idToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
};
