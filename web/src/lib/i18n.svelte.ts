import type { Language } from '@jixiao/core/language.ts';
import {
  baseLocale,
  getLocale,
  isLocale,
  type Locale,
  locales,
  overwriteGetLocale,
  setLocale,
} from '#lib/paraglide/runtime.js';

/**
 * The UI language. Paraglide's message functions call `getLocale()`; pointing that at a `$state`
 * field makes every `m.x()` in a template re-render when the language changes, without reloading
 * the page (and without losing what the user has typed). Paraglide itself keeps the choice in
 * localStorage (`jixiao.locale`, see paraglide-options.ts).
 */
class I18n {
  locale = $state<Locale>(baseLocale);

  constructor() {
    let initial: Locale = baseLocale;
    try {
      initial = getLocale();
    } catch {
      // storage unavailable: stay on the base locale
    }
    this.locale = initial;
    overwriteGetLocale(() => this.locale);
    this.#applyToDocument();
  }

  /** The same tags as the API's languages, so the core translator and Accept-Language agree. */
  get language(): Language {
    return this.locale;
  }

  readonly available: readonly Locale[] = locales;

  set(next: string): void {
    if (!isLocale(next) || next === this.locale) return;
    try {
      void setLocale(next, { reload: false });
    } catch {
      // storage unavailable: switch for this page only
    }
    this.locale = next;
    this.#applyToDocument();
  }

  #applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.locale;
  }
}

export const i18n = new I18n();
