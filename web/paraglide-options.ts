import type { CompilerOptions } from '@inlang/paraglide-js';

/**
 * Paraglide options shared by the Vite plugin (build, dev) and `scripts/compile-messages.ts`
 * (`npm run check`), so both generate the same `src/lib/paraglide/`.
 *
 * Chinese is the base locale; a choice of English is kept in localStorage. The browser's language
 * is deliberately not consulted: the bureau's staff work in Chinese unless they switch.
 *
 * `project.inlang/settings.json` loads its storage plugin from `i18n/message-format-plugin.js`,
 * a local file, so compiling never reaches for a CDN.
 */
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  strategy: ['localStorage', 'baseLocale'],
  localStorageKey: 'jixiao.locale',
  emitGitIgnore: true,
  emitReadme: false,
  emitPrettierIgnore: false,
} satisfies CompilerOptions;
