import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import { webBuild } from '../e2e/browser.ts';

/** What the web app is built from: its own sources and the core engines it imports. */
const sources = ['web/src', 'web/messages', 'web/static', 'web/vite.config.ts', 'web/package.json', 'core/src'];

const newest = (path: string): number => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
};

/**
 * The field-app figures need the built web app. A fresh clone has none, and a build older than
 * its sources would measure yesterday's app: build it then (`npm run build -w web`), otherwise
 * use what is there.
 */
export const ensureWebBuild = (): void => {
  const built = join(webBuild, 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const changedAt = Math.max(...sources.map((s) => newest(join(repositoryRoot, s))));
  if (builtAt > changedAt) return;
  console.log(builtAt === 0 ? 'Building the web app (none yet) …' : 'Rebuilding the web app (sources changed) …');
  execFileSync('npm', ['run', 'build', '-w', 'web'], { cwd: repositoryRoot, stdio: 'inherit' });
};
