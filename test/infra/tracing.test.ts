import { readFileSync } from 'node:fs';
import { capabilities } from '@jixiao/functions/routes.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pinnedPowertoolsVersion,
  powertoolsLayerAccounts,
  powertoolsLayerVersions,
} from '../../infra/cdk/powertools-layer.ts';
import { repoPath } from '../../infra/cdk/repo-paths.ts';
import { lambdaBundling } from '../../infra/lambda-bundling.ts';
import { functionIdOf, propertiesOf, type Synthesized, synthJixiao } from './support/jixiao-synth.ts';

/**
 * X-Ray on every Lambda (docs/operations.md#tracing) and Powertools from its public layer at the pinned
 * version (docs/decisions.md#16-powertools-from-its-public-lambda-layer).
 */
let synth: Synthesized;
let custom: Synthesized;
const customLayerArn = 'arn:aws-cn:lambda:cn-northwest-1:123456789012:layer:jixiao-powertools:7';
beforeAll(() => {
  synth = synthJixiao();
  custom = synthJixiao({ context: { powertoolsLayerArn: customLayerArn } });
});
afterAll(() => {
  synth?.dispose();
  custom?.dispose();
});

const functionOf = (s: Synthesized, capability: string) =>
  propertiesOf(s.template, 'AWS::Lambda::Function', functionIdOf(s.template, capability)) as {
    TracingConfig?: { Mode?: string };
    Layers?: unknown[];
    Environment: { Variables: Record<string, unknown> };
  };

const version = pinnedPowertoolsVersion();
const defaultLayer = {
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':lambda:',
      { Ref: 'AWS::Region' },
      ':',
      { 'Fn::FindInMap': ['PowertoolsLayerAccount', { Ref: 'AWS::Partition' }, 'account'] },
      `:layer:AWSLambdaPowertoolsTypeScriptV2:${powertoolsLayerVersions[version]}`,
    ],
  ],
};

describe.each(capabilities)('the %s function', (capability) => {
  it('has active X-Ray tracing and its own service name', () => {
    const fn = functionOf(synth, capability);
    expect(fn.TracingConfig).toEqual({ Mode: 'Active' });
    expect(fn.Environment.Variables.POWERTOOLS_SERVICE_NAME).toBe(`jixiao-${capability}`);
    // The tracer is on in Lambda: nothing turns it off there.
    expect(fn.Environment.Variables).not.toHaveProperty('POWERTOOLS_TRACE_ENABLED');
    expect(fn.Environment.Variables.POWERTOOLS_TRACER_CAPTURE_RESPONSE).toBe('false');
    expect(fn.Environment.Variables.POWERTOOLS_TRACER_CAPTURE_ERROR).toBe('false');
  });

  it('runs with the public Powertools layer of the pinned version, in the stack’s partition and region', () => {
    expect(functionOf(synth, capability).Layers).toEqual([defaultLayer]);
  });

  it('runs with the layer the powertoolsLayerArn context names instead', () => {
    expect(functionOf(custom, capability).Layers).toEqual([customLayerArn]);
  });
});

describe('the Powertools layer', () => {
  it('is published per partition by the Powertools accounts (commercial regions and cn-north-1)', () => {
    expect(synth.template.toJSON().Mappings.PowertoolsLayerAccount).toEqual({
      aws: { account: powertoolsLayerAccounts.aws },
      'aws-cn': { account: powertoolsLayerAccounts['aws-cn'] },
    });
    expect(powertoolsLayerAccounts).toEqual({ aws: '094274105915', 'aws-cn': '498634801083' });
  });

  it('matches the one version every Powertools package of the functions is pinned to', () => {
    const manifest = JSON.parse(readFileSync(repoPath('functions/package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const pinned = Object.entries(manifest.dependencies).filter(([name]) => name.startsWith('@aws-lambda-powertools/'));
    expect(pinned.map(([name]) => name).sort()).toEqual([
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/metrics',
      '@aws-lambda-powertools/tracer',
    ]);
    for (const [, pinnedVersion] of pinned) expect(pinnedVersion).toBe(version);
    expect(powertoolsLayerVersions[version], `layer version of Powertools ${version}`).toBe(50);
    expect(version).toBe('2.35.0');
  });

  it('is what the bundles leave out, and nothing else of Powertools is bundled', () => {
    expect(lambdaBundling.external).toEqual(['@aws-lambda-powertools/*']);
  });

  it('refuses a powertoolsLayerArn that is not a layer version ARN', () => {
    expect(() =>
      synthJixiao({ context: { powertoolsLayerArn: 'arn:aws:lambda:eu-west-1:123456789012:layer:x' } }),
    ).toThrow(/powertoolsLayerArn/);
  });
});
