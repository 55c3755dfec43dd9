import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Paths resolved from this file, never from the working directory: the CDK CLI, vitest and a
 * developer's shell all start in different places.
 */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const repoPath = (...segments: string[]): string => join(repoRoot, ...segments);

/** Where SvelteKit's adapter-static writes the PWA (`npm run build -w web`). */
export const defaultWebBuildDir = repoPath('web', 'build');
