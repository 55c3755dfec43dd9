import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire, stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileModule } from 'svelte/compiler';

const lib = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A `.svelte.ts` runes module as the browser runs it, for a unit test: compiled by Svelte's own compiler (the unit
 * project has no Svelte plugin), written outside the source tree with its `#lib/` imports made absolute (so a
 * test's `vi.mock('#lib/…')` still applies), then imported. Importing one that reads UI messages loads some 1,800
 * modules: seconds, over ten on a busy machine, so the caller's hook allows for it.
 */
export const importRunesModule = async <T>(file: string): Promise<T> => {
  const { js } = compileModule(stripTypeScriptTypes(readFileSync(file, 'utf8'), { mode: 'transform' }), {
    filename: basename(file).replace(/\.ts$/, '.js'),
    generate: 'client',
    dev: false,
  });
  const code = js.code
    .replaceAll("'#lib/", `'${lib}/`)
    .replace("'svelte/internal/client'", `'${createRequire(import.meta.url).resolve('svelte/internal/client')}'`);
  const out = join(mkdtempSync(join(tmpdir(), 'runes-module-')), basename(file).replace(/\.ts$/, '.js'));
  writeFileSync(out, code);
  return (await import(/* @vite-ignore */ out)) as T;
};
