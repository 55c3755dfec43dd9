import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type IConstruct, RootConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledge, nagAcknowledgements } from '../../infra/cdk/nag-acknowledgements.ts';
import { createTestApp, type Synthesized, synthJixiao } from './support/jixiao-synth.ts';

const findings = (scope: IConstruct): string[] =>
  new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));

/** Every acknowledgement recorded anywhere in the tree, wherever it came from. */
const recordedAcknowledgements = (scope: IConstruct): { path: string; id: string; reason: string }[] =>
  scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) =>
          Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id, reason })),
        ),
    );

let standard: Synthesized;
let overridden: Synthesized;
let subscribed: Synthesized;
beforeAll(() => {
  // synthJixiao runs cdk-nag as a validation plugin: a finding would already fail the synth here.
  standard = synthJixiao();
  overridden = synthJixiao({
    context: {
      oidcIssuer: 'https://sso.example.gov.cn/realms/jixiao',
      oidcAudience: 'jixiao-pwa',
      domainName: 'jixiao.example.gov.cn',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f6c1b8e-0000-4000-8000-000000000001',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/jixiao/0f6c1b8e-0000-4000-8000-000000000002',
      operatorTopicArn: 'arn:aws:sns:ap-east-1:123456789012:district-operations',
    },
  });
  // The topic the stack makes, with subscribers: encrypted and TLS-only, nothing acknowledged for it.
  subscribed = synthJixiao({ context: { operatorEmail: 'ops@example.gov.cn' } });
});
afterAll(() => {
  standard?.dispose();
  overridden?.dispose();
  subscribed?.dispose();
});

describe('cdk-nag AwsSolutions', () => {
  it('has no unacknowledged finding in the default stack', () => {
    expect(findings(standard.app)).toEqual([]);
  });

  it('has none either with another OIDC provider, a custom domain, a WAF and an existing operator topic (where fewer are acknowledged)', () => {
    expect(findings(overridden.app)).toEqual([]);
    const ids = nagAcknowledgements(overridden.stack).map((a) => a.id);
    expect(ids).not.toContain('AwsSolutions-COG8');
    expect(ids).not.toContain('AwsSolutions-CFR2');
    expect(ids).not.toContain('AwsSolutions-CFR4');
  });

  it('has none with the operator topic and its email subscription', () => {
    expect(findings(subscribed.app)).toEqual([]);
    const acknowledged = nagAcknowledgements(subscribed.stack).map((a) => a.scope.node.path);
    expect(acknowledged.filter((path) => path.includes('OperatorTopic'))).toEqual([]);
  });

  it('fails the synth of an app whose findings are not acknowledged', () => {
    const { app, dispose } = createTestApp({ acknowledgeNagFindings: false, webBuild: 'none' });
    try {
      expect(() => app.synth()).toThrow(/AwsSolutions-/);
    } finally {
      dispose();
    }
  });
});

describe('acknowledgements', () => {
  it('each give a specific reason of at least 20 characters', () => {
    for (const synth of [standard, overridden]) {
      for (const { scope, id, reason } of nagAcknowledgements(synth.stack)) {
        expect(id, scope.node.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
        expect(reason.trim().length, `${id} at ${scope.node.path}: "${reason}"`).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('all come from infra/cdk/nag-acknowledgements.ts and all have reasons of 20 characters or more', () => {
    const recorded = recordedAcknowledgements(standard.app);
    expect(recorded).toHaveLength(nagAcknowledgements(standard.stack).length);
    for (const { path, id, reason } of recorded) expect(reason.length, `${id} at ${path}`).toBeGreaterThanOrEqual(20);
  });

  it('are each still needed: every one matches a finding of the unacknowledged stack', () => {
    const { app, stack, dispose } = createTestApp({ acknowledgeNagFindings: false });
    const unacknowledged = findings(app);
    dispose();
    for (const { scope, id } of nagAcknowledgements(stack)) {
      const matches = unacknowledged.filter(
        (f) => f.startsWith(`${id} at ${scope.node.path}/`) || f === `${id} at ${scope.node.path}`,
      );
      expect(matches.length, `${id} at ${scope.node.path} acknowledges nothing`).toBeGreaterThan(0);
    }
  });

  it('still reach cdk-nag when aws-cdk-lib rejects a granular id (cdklabs/cdk-nag#2351)', () => {
    const scope = new RootConstruct('Probe');
    // Two namespace separators outside brackets: rejected by Validations.acknowledge() in every release.
    const id = 'AwsSolutions-X1::odd::id';
    expect(() => Validations.of(scope).acknowledge({ id, reason: 'probe of the parser' })).toThrow();
    acknowledge({ scope, id, reason: 'recorded where cdk-nag reads it' });
    expect(recordedAcknowledgements(scope)).toEqual([{ path: 'Probe', id, reason: 'recorded where cdk-nag reads it' }]);
  });
});
