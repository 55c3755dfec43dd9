import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide-options.ts';

/** Generates `src/lib/paraglide/` outside Vite, so svelte-check sees the typed message functions. */
await compile(paraglideOptions);
