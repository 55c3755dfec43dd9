import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { phone, type SecurityWatch, watchSecurity } from './browser.ts';
import { signInAs } from './people.ts';

/**
 * The devices of one browser test: one per demo person, signed in once and reused, and each watched
 * for security violations, which the test then asserts there were none of. They close with the
 * browser.
 */
export class Phones {
  readonly watches: SecurityWatch[] = [];
  readonly #people = new Map<string, Page>();
  readonly #browser: Browser;
  readonly #baseUrl: string;
  readonly #options: BrowserContextOptions;

  constructor(browser: Browser, baseUrl: string, options: BrowserContextOptions = phone) {
    this.#browser = browser;
    this.#baseUrl = baseUrl;
    this.#options = options;
  }

  /** A device of its own, signed in as nobody yet (another size or language than the people's). */
  async fresh(options: BrowserContextOptions = this.#options): Promise<Page> {
    const context = await this.#browser.newContext(options);
    this.watches.push(await watchSecurity(context));
    return context.newPage();
  }

  /** The phone of `username`, signed in to their workspace the first time it is asked for. */
  async of(username: string, workspace: string): Promise<Page> {
    const existing = this.#people.get(username);
    if (existing) return existing;
    const page = await this.fresh();
    await signInAs(page, this.#baseUrl, username, workspace);
    this.#people.set(username, page);
    return page;
  }
}
