import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { demoId } from '@jixiao/infra/local/demo-data.ts';
import { localRuntimeNodeFlags } from '@jixiao/infra/local/node-flags.ts';
import { freePort } from '@jixiao/infra/local/ports.ts';
import { repositoryRoot } from '@jixiao/infra/local/stack.ts';
import { afterAll, describe, expect, it } from 'vitest';

/** The README's first command, run as a person runs it: start, use, Ctrl-C, start again. */
const dataDir = mkdtempSync(join(tmpdir(), 'jixiao-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const start = (env: Record<string, string>) => {
  const child = spawn(process.execPath, [...localRuntimeNodeFlags, join(repositoryRoot, 'infra/local/start.ts')], {
    cwd: repositoryRoot,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = async (): Promise<string> => {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const match = /running at (http:\/\/[\d.:]+)/.exec(output);
      if (match) return match[1]!;
      if (child.exitCode !== null) throw new Error(`start exited: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`start did not become ready: ${output}`);
  };
  return { child, exited, ready, output: () => output };
};

const emulatorsOf = (dir: string): string => {
  try {
    return execFileSync('pgrep', ['-f', dir], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

const stopWithCtrlC = async (run: { child: ChildProcess; exited: Promise<number | null> }) => {
  run.child.kill('SIGINT');
  return run.exited;
};

describe('npm start', () => {
  it('prints the URL and the demo users, keeps data across a restart, and Ctrl-C stops every child', async () => {
    const port = await freePort();
    const env = { PORT: String(port), JIXIAO_DATA_DIR: dataDir };
    const first = start(env);
    const url = await first.ready();
    expect(url).toBe(`http://127.0.0.1:${port}`);
    for (const username of ['admin', 'perf-reviewer', 'unit-preparer', 'evaluator', 'observer']) {
      expect(first.output()).toContain(username);
    }
    const token = await fetch(`${url}/local-idp/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: demoId('user:admin') }),
    }).then((r) => r.json() as Promise<{ idToken: string }>);
    const auth = { authorization: `Bearer ${token.idToken}` };
    const id = uuidV7();
    const created = await fetch(`${url}/api/v1/departments`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        code: '999',
        name: '重启测试局',
        series: 'GOVERNMENT',
        financeSectionId: demoId('section:JKW'),
      }),
    });
    expect(created.status).toBe(201);
    expect(emulatorsOf(dataDir)).not.toBe('');

    expect(await stopWithCtrlC(first)).toBe(0);
    expect(emulatorsOf(dataDir)).toBe('');

    const second = start(env);
    try {
      await second.ready();
      expect(second.output()).toMatch(/0 records added, \d+ already there/);
      const read = await fetch(`${url}/api/v1/departments/${id}`, { headers: auth });
      expect(read.status).toBe(200);
      expect(((await read.json()) as { name: string }).name).toBe('重启测试局');
    } finally {
      expect(await stopWithCtrlC(second)).toBe(0);
    }
    expect(emulatorsOf(dataDir)).toBe('');
    // Two starts from nothing, each allowed the 90 s its `ready` waits (the first loads the whole demo).
  }, 180_000);

  it('says clearly, and exits non-zero, when the port is taken', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      const run = start({ PORT: String(port), JIXIAO_DATA_DIR: join(dataDir, 'other') });
      expect(await run.exited).toBe(1);
      expect(run.output()).toContain(`Port ${port} (Jixiao) is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('says clearly, and exits non-zero, when Java is missing', async () => {
    const port = await freePort();
    // Only Node itself on the PATH: no `java` to find.
    const run = start({
      PORT: String(port),
      JIXIAO_DATA_DIR: join(dataDir, 'nojava'),
      PATH: dirname(process.execPath),
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('DynamoDB Local needs a Java 17+ runtime');
  });
});
