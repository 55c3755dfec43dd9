import { readFileSync } from 'node:fs';
import { Aws, CfnMapping, Fn, Stack } from 'aws-cdk-lib';
import { type ILayerVersion, LayerVersion } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { repoPath } from './repo-paths.ts';

/**
 * The version of the Powertools packages the functions are built against (functions/package.json
 * pins them all exactly), and the number of the public layer that ships that version. Powertools
 * publishes one layer version per release; 50 is the one of 2.35.0 (its "Lambda layers" page, updated
 * on the day of the release). Bumping the packages without this entry fails the infra tests.
 */
export const powertoolsLayerVersions: Readonly<Record<string, number>> = { '2.35.0': 50 };

/** Who publishes the layer, per partition: the commercial regions, and cn-north-1 in China. */
export const powertoolsLayerAccounts = { aws: '094274105915', 'aws-cn': '498634801083' } as const;

const powertoolsPackages = ['logger', 'metrics', 'tracer'] as const;

/** The one version every `@aws-lambda-powertools/*` dependency of the functions is pinned to. */
export const pinnedPowertoolsVersion = (): string => {
  const manifest = JSON.parse(readFileSync(repoPath('functions/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const versions = new Set(powertoolsPackages.map((name) => manifest.dependencies[`@aws-lambda-powertools/${name}`]));
  const [version] = versions;
  if (versions.size !== 1 || version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(
      `functions/package.json must pin @aws-lambda-powertools/{${powertoolsPackages}} to one exact version`,
    );
  }
  return version;
};

/**
 * The default layer ARN: the layer of the pinned version in the stack's own partition and region
 * (the stack is environment-agnostic, so both are resolved at deploy time). A partition with no
 * entry in the mapping (GovCloud) fails the deploy; set `powertoolsLayerArn` there, as in a region
 * the layer is not published in (cn-northwest-1).
 */
export const defaultPowertoolsLayerArn = (scope: Construct): string => {
  const version = pinnedPowertoolsVersion();
  const layerVersion = powertoolsLayerVersions[version];
  if (layerVersion === undefined) {
    throw new Error(
      `No Powertools layer version is known for ${version}: add it to powertoolsLayerVersions (infra/cdk/powertools-layer.ts)`,
    );
  }
  const stack = Stack.of(scope);
  const accounts = new CfnMapping(stack, 'PowertoolsLayerAccount', {
    mapping: Object.fromEntries(Object.entries(powertoolsLayerAccounts).map(([p, account]) => [p, { account }])),
  });
  const account = accounts.findInMap(Aws.PARTITION, 'account');
  return Fn.join('', [
    `arn:${Aws.PARTITION}:lambda:${Aws.REGION}:`,
    account,
    `:layer:AWSLambdaPowertoolsTypeScriptV2:${layerVersion}`,
  ]);
};

/** The Powertools layer every function runs with: the `powertoolsLayerArn` context value, else the default. */
export const powertoolsLayer = (scope: Construct, id: string, arn: string | undefined): ILayerVersion =>
  LayerVersion.fromLayerVersionArn(scope, id, arn ?? defaultPowertoolsLayerArn(scope));
