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
  // No `<link rel=modulepreload>` inserted by script before each lazy import: on the field home
  // the ~40 inserted links cost the main thread more than anything else (Lighthouse total blocking
  // time 218–514 ms with them, 26–92 ms without). Each chunk imports its dependencies directly,
  // so the browser still fetches them in one round, and the service worker serves them later.
  build: { modulePreload: false },
  plugins: [
    paraglideVitePlugin(paraglideOptions),
    sveltekit({
      adapter: adapter({ fallback: '200.html', strict: true }),
      // Absolute URLs: `200.html` answers every unknown path, so `./_app/…` would break below the root.
      paths: { relative: false },
      compilerOptions: { runes: true },
      // Registered by the root layout once the first page has settled (#lib/service-worker-registration.ts).
      serviceWorker: { register: false },
    }),
  ],
});
