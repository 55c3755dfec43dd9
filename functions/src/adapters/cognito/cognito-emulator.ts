import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { roles } from '@jixiao/core/roles.ts';

/**
 * cognito-local (npm, an exact-pinned root devDependency) on 127.0.0.1, in a fresh data folder, for
 * tests of the Cognito adapter: a real server answering the Cognito wire protocol, started and
 * stopped by the test. Everything it prints (it "delivers" invitations by printing them) is kept.
 */
export interface CognitoEmulator {
  endpoint: string;
  port: number;
  dataDir: string;
  output(): string;
  /** `keepData`: leaves the data folder, so a new emulator on the same port and folder carries on (a restart). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });

// biome-ignore lint/suspicious/noControlCharactersInRegex: pino-pretty colours its lines
const plain = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '');

export const startCognitoEmulator = async (): Promise<CognitoEmulator> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cognito-local-'));
  mkdirSync(join(dataDir, '.cognito'));
  // Cognito-local's default pool signs in by email as the username; ours keeps usernames (the
  // user record's id) with email as an alias, as infra/cdk/identity.ts makes it.
  writeFileSync(
    join(dataDir, '.cognito', 'config.json'),
    JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }),
  );
  const port = await freePort();
  const start = resolve(import.meta.dirname, '../../../../node_modules/cognito-local/lib/bin/start.js');
  const child: ChildProcess = spawn(process.execPath, [start], {
    cwd: dataDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`cognito-local did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += plain(chunk.toString('utf8'));
      if (output.includes('Cognito Local running on')) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`cognito-local exited with ${code}:\n${output}`));
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    output: () => output,
    stop: async (options = {}) => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/** A client of the emulator that tries once, so a test sees each answer as it came. */
export const emulatorClient = (emulator: CognitoEmulator) =>
  new CognitoIdentityProviderClient({
    endpoint: emulator.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });

/** A user pool shaped as infra/cdk/identity.ts makes it: the organisation attributes, one group per role. */
export const createJixiaoPool = async (client: CognitoIdentityProviderClient): Promise<string> => {
  const pool = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'jixiao-test',
      AliasAttributes: ['email'],
      Schema: ['tenant', 'department', 'unit', 'agency', 'section'].map((name) => ({
        Name: name,
        AttributeDataType: 'String',
        Mutable: name !== 'tenant',
      })),
    }),
  );
  const poolId = pool.UserPool?.Id ?? '';
  for (const role of roles) await client.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: role }));
  return poolId;
};
