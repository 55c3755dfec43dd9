import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createJixiaoApp } from '../../../infra/cdk/jixiao-app.ts';
import type { JixiaoStack } from '../../../infra/cdk/jixiao-stack.ts';
import { repoPath } from '../../../infra/cdk/repo-paths.ts';

/** cdk.json's context (the feature flags), so tests synthesize what `cdk synth` synthesizes. */
export const cdkJsonContext: Record<string, unknown> = JSON.parse(readFileSync(repoPath('cdk.json'), 'utf8')).context;

/** The one inline script of the fixture's HTML, and its CSP source. */
export const fixtureInlineScript = '__sveltekit_fixture = { base: "" };';
export const fixtureScriptHash = `'sha256-${createHash('sha256').update(fixtureInlineScript).digest('base64')}'`;

/** A tiny stand-in for web/build, so the tests do not depend on (or wait for) a real web build. */
const writeWebBuildFixture = (dir: string): void => {
  const files: Record<string, string> = {
    'index.html': `<!doctype html><html><head><script>${fixtureInlineScript}</script></head><body></body></html>`,
    '200.html': `<!doctype html><html><head><script>${fixtureInlineScript}</script></head><body></body></html>`,
    'service-worker.js': 'self.addEventListener("install", () => {});',
    'manifest.webmanifest': '{"name":"绩效"}',
    '_app/version.json': '{"version":"1"}',
    '_app/immutable/entry/start.abc123.js': 'export const start = 1;',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
};

export interface SynthOptions {
  context?: Record<string, unknown>;
  /** `fixture` (default) deploys the stand-in build; `none` synthesizes as if web/build were missing. */
  webBuild?: 'fixture' | 'none';
  acknowledgeNagFindings?: boolean;
}

export interface TestApp {
  app: App;
  stack: JixiaoStack;
  /** The cloud assembly folder (assets included). */
  outdir: string;
  /** Removes the temporary folder (web build fixture and cloud assembly). */
  dispose: () => void;
}

/**
 * Builds the app as `cdk synth` does (cdk.json's context, cdk-nag) but with bundling skipped
 * (`aws:cdk:bundling-stacks: []`) and CDK's built-in CloudFormation validation off: both are
 * exercised by cdk-synth.test.ts, and here they would cost seconds a file. Everything it writes
 * stays in one temporary folder.
 */
export const createTestApp = (options: SynthOptions = {}): TestApp => {
  const root = mkdtempSync(join(tmpdir(), 'jixiao-infra-'));
  const outdir = join(root, 'cdk.out');
  let webBuildDir = join(root, 'no-web-build');
  if ((options.webBuild ?? 'fixture') === 'fixture') {
    webBuildDir = join(root, 'web-build');
    writeWebBuildFixture(webBuildDir);
  }
  const dispose = () => rmSync(root, { recursive: true, force: true });
  try {
    const { app, stack } = createJixiaoApp(
      {
        outdir,
        builtinCloudFormationValidation: false,
        context: { ...cdkJsonContext, 'aws:cdk:bundling-stacks': [], ...options.context },
      },
      { webBuildDir, acknowledgeNagFindings: options.acknowledgeNagFindings ?? true },
    );
    return { app, stack, outdir, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
};

export interface Synthesized extends TestApp {
  template: Template;
}

/** Builds and synthesizes once; cdk-nag runs as a validation plugin, so a finding fails right here. */
export const synthJixiao = (options: SynthOptions = {}): Synthesized => {
  const built = createTestApp(options);
  try {
    built.app.synth();
    return { ...built, template: Template.fromStack(built.stack) };
  } catch (error) {
    built.dispose();
    throw error;
  }
};

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;

/** `{ logicalId: resource }` of one type, from the synthesized template. */
export const resourcesOf = (template: Template, type: string): Resources => template.findResources(type) as Resources;

/** The properties of one resource; throws if there is no such resource. */
export const propertiesOf = (template: Template, type: string, logicalId: string): Record<string, unknown> => {
  const properties = resourcesOf(template, type)[logicalId]?.Properties;
  if (!properties) throw new Error(`No ${type} ${logicalId}`);
  return properties;
};

/** The logical id of the capability's Lambda, found by its POWERTOOLS_SERVICE_NAME. */
export const functionIdOf = (template: Template, capability: string): string => {
  const match = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(
    ([, fn]) =>
      (fn.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables
        ?.POWERTOOLS_SERVICE_NAME === `jixiao-${capability}`,
  );
  if (!match) throw new Error(`No Lambda for capability ${capability}`);
  return match[0];
};

/**
 * The `/config.json` the mutable BucketDeployment uploads (its last source), with each deploy-time
 * marker shown as `{<the CloudFormation it stands for>}`.
 */
export const deployedConfig = (s: Synthesized): Record<string, unknown> => {
  const mutable = Object.values(resourcesOf(s.template, 'Custom::CDKBucketDeployment')).find(
    (d) => d.Properties?.Include === undefined,
  )?.Properties as { SourceObjectKeys: string[]; SourceMarkers?: Record<string, unknown>[] } | undefined;
  if (!mutable) throw new Error('No mutable BucketDeployment');
  const last = mutable.SourceObjectKeys.length - 1;
  const assetDir = join(s.outdir, `asset.${mutable.SourceObjectKeys[last]?.replace(/\.zip$/, '')}`);
  const markers = mutable.SourceMarkers?.[last] ?? {};
  const resolve = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replace(/<<marker:0xbaba:\d+>>/g, (marker) => `{${JSON.stringify(markers[marker])}}`)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]))
        : value;
  return resolve(JSON.parse(readFileSync(join(assetDir, 'config.json'), 'utf8'))) as Record<string, unknown>;
};
