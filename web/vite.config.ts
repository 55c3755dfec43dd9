import { paraglideVitePlugin } from '@inlang/paraglide-js';
import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide-options.ts';

/**
 * SvelteKit 3 reads its options here (there is no svelte.config.js). The PWA is a static SPA:
 * every route is prerendered as an empty shell (ssr is off in the root layout) and `200.html`
 * answers any other path. Paraglide compiles `messages/*.json` into `src/lib/paraglide/` first.
 */
export default defineConfig({
  plugins: [
    paraglideVitePlugin(paraglideOptions),
    sveltekit({
      adapter: adapter({ fallback: '200.html', strict: true }),
      // Absolute URLs: `200.html` answers every unknown path, so `./_app/…` would break below the root.
      paths: { relative: false },
      compilerOptions: { runes: true },
    }),
  ],
});
