import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The repository stands alone: its comments and READMEs explain rules by pointing into docs/, never
 * at notes that live outside it, and every such pointer leads to a page (and a section) that exists.
 */
const root = resolve(import.meta.dirname, '..');

/** Folders that are built, installed or local data, never part of the repository's text. */
const skipped = new Set([
  '.git',
  'node_modules',
  '.local',
  'build',
  '.svelte-kit',
  'cdk.out',
  'paraglide',
  '.artifacts',
]);

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [relative(root, path)] : [];
  });

/** Tracked files and new ones not ignored (what a commit would hold); a plain walk outside a git checkout. */
const repositoryFiles = (): string[] => {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return [...new Set(listed.split('\0').filter((f) => f !== ''))].filter((f) => existsSync(join(root, f)));
  } catch {
    return walk(root);
  }
};

const textFiles = repositoryFiles()
  .filter((file) => statSync(join(root, file)).size < 4 * 1024 * 1024)
  .map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }))
  .filter(({ text }) => !text.includes('\0'));

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

/** GitHub's heading anchors: lower case, punctuation dropped, each space a hyphen. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');

const anchorsOf = (markdownFile: string): Set<string> => {
  const text = readFileSync(join(root, markdownFile), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => slug(m[1] ?? '')));
};

/** Where a link leads, and why it is broken (undefined when it is fine). */
const brokenLink = (path: string, anchor: string | undefined): string | undefined => {
  const relativePath = relative(root, path);
  if (relativePath.startsWith('..') || !existsSync(path)) return `${relativePath}: no such file`;
  if (anchor && path.endsWith('.md') && !anchorsOf(relativePath).has(anchor))
    return `${relativePath}#${anchor}: no such section`;
  return undefined;
};

describe('the repository stands alone', () => {
  it('reads its own files', () => {
    expect(textFiles.some((f) => f.file === 'README.md')).toBe(true);
    expect(textFiles.some((f) => f.file === join('docs', 'architecture.md'))).toBe(true);
  });

  it('refers to no design notes outside the repository', () => {
    // Built from parts so that this file does not name what it looks for.
    const outside = new RegExp(
      [String.raw`\bdomain\.md\b`, String.raw`\b${'design'}\.md\b`, String.raw`\.\./${'shared'}\b`].join('|'),
      'gi',
    );
    const found = textFiles
      .filter(({ file }) => !file.startsWith(`docs/`))
      .flatMap(({ file, text }) =>
        [...text.matchAll(outside)].map((m) => `${file}:${lineOf(text, m.index ?? 0)}: ${m[0]}`),
      );
    expect(found).toEqual([]);
  });

  it('cites rules by their docs page, not by section numbers of notes it does not hold', () => {
    const found = textFiles
      .filter(({ file }) => !file.startsWith('docs/'))
      .flatMap(({ file, text }) =>
        [...text.matchAll(/§\s?\d/g)].map((m) => `${file}:${lineOf(text, m.index ?? 0)}: ${m[0]}`),
      );
    expect(found).toEqual([]);
  });

  it('points only at docs pages and sections that exist', () => {
    const links = textFiles.flatMap(({ file, text }) =>
      [...text.matchAll(/(?<![\w./-])docs\/([\w./-]*[\w-]\.md)(?:#([\p{L}\p{N}_-]+))?/gu)].map((m) => ({
        where: `${file}:${lineOf(text, m.index ?? 0)}`,
        path: join(root, 'docs', m[1] ?? ''),
        anchor: m[2],
      })),
    );
    expect(links.length).toBeGreaterThan(0);
    const broken = links.flatMap(({ where, path, anchor }) => {
      const why = brokenLink(path, anchor);
      return why ? [`${where} → ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });

  it('links between its docs pages only to pages and sections that exist', () => {
    const broken = textFiles
      .filter(({ file }) => file.startsWith('docs/') && file.endsWith('.md'))
      .flatMap(({ file, text }) =>
        [...text.replace(/^```[\s\S]*?^```/gm, '').matchAll(/\]\(([^)\s]+)\)/g)].flatMap((m) => {
          const target = m[1] ?? '';
          if (/^[a-z]+:/i.test(target)) return [];
          const [path = '', anchor] = target.split('#');
          const resolved = path === '' ? join(root, file) : resolve(dirname(join(root, file)), path);
          const why = brokenLink(resolved, anchor);
          return why ? [`${file}:${lineOf(text, m.index ?? 0)} → ${why}`] : [];
        }),
      );
    expect(broken).toEqual([]);
  });
});
