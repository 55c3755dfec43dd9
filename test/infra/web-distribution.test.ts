import { CachePolicy, OriginRequestPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiBase } from '../../infra/cdk/jixiao-stack.ts';
import { immutableCacheControl, immutablePattern } from '../../infra/cdk/site-deployment.ts';
import { spaFallbackFunctionCode } from '../../infra/cdk/spa-fallback.ts';
import { securityHeaders } from '../../infra/security-headers.ts';
import {
  deployedConfig,
  fixtureScriptHash,
  resourcesOf,
  type Synthesized,
  synthJixiao,
} from './support/jixiao-synth.ts';

let synth: Synthesized;
let unbuilt: Synthesized;
beforeAll(() => {
  synth = synthJixiao();
  unbuilt = synthJixiao({ webBuild: 'none' });
});
afterAll(() => {
  synth?.dispose();
  unbuilt?.dispose();
});

interface Behavior {
  PathPattern?: string;
  CachePolicyId?: string;
  OriginRequestPolicyId?: string;
  AllowedMethods?: string[];
  TargetOriginId: string;
  ViewerProtocolPolicy: string;
  ResponseHeadersPolicyId?: unknown;
  FunctionAssociations?: { EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } }[];
}
interface DistributionConfig {
  DefaultRootObject: string;
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: unknown }[];
  Logging: { Bucket: unknown; Prefix: string };
  CustomErrorResponses?: unknown;
  ViewerCertificate?: unknown;
}

const distributionConfig = (s: Synthesized): DistributionConfig =>
  Object.values(resourcesOf(s.template, 'AWS::CloudFront::Distribution'))[0]?.Properties
    ?.DistributionConfig as DistributionConfig;

const idOf = (s: Synthesized, type: string, prefix: string): string => {
  const id = Object.keys(resourcesOf(s.template, type)).find((k) => k.startsWith(prefix));
  if (!id) throw new Error(`No ${type} ${prefix}`);
  return id;
};

const behavior = (pattern: string): Behavior => {
  const found = distributionConfig(synth).CacheBehaviors.find((b) => b.PathPattern === pattern);
  if (!found) throw new Error(`No behaviour ${pattern}`);
  return found;
};

const headersPolicy = (s: Synthesized) =>
  Object.values(resourcesOf(s.template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0]?.Properties
    ?.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
  };

/** The CSP with CloudFormation tokens flattened to `{…}` placeholders, for substring checks. */
const cspOf = (s: Synthesized): string => {
  const csp = headersPolicy(s).SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy as
    | string
    | { 'Fn::Join': [string, unknown[]] };
  if (typeof csp === 'string') return csp;
  return csp['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : `{${JSON.stringify(part)}}`)).join('');
};

describe('the site origin', () => {
  it('is a private bucket reached only through Origin Access Control', () => {
    const config = distributionConfig(synth);
    const bucketId = idOf(synth, 'AWS::S3::Bucket', 'WebBucket');
    const origin = config.Origins.find(
      (o) => JSON.stringify(o.DomainName) === JSON.stringify({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] }),
    );
    expect(origin?.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [idOf(synth, 'AWS::CloudFront::OriginAccessControl', 'Web'), 'Id'],
    });
    expect(origin?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    synth.template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.TargetOriginId).toBe(origin && (origin as { Id: string }).Id);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('rewrites client-side routes to the 200.html shell with a CloudFront Function, not with error pages', () => {
    const association = distributionConfig(synth).DefaultCacheBehavior.FunctionAssociations ?? [];
    expect(association).toHaveLength(1);
    expect(association[0]?.EventType).toBe('viewer-request');
    const fn = resourcesOf(synth.template, 'AWS::CloudFront::Function')[
      association[0]?.FunctionARN['Fn::GetAtt'][0] ?? ''
    ];
    expect(fn?.Properties?.FunctionCode).toBe(spaFallbackFunctionCode);
    expect(fn?.Properties?.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    // Error responses would also rewrite the API's 403/404 problem documents.
    expect(distributionConfig(synth).CustomErrorResponses).toBeUndefined();
  });

  it('logs to the log bucket', () => {
    expect(distributionConfig(synth).Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [idOf(synth, 'AWS::S3::Bucket', 'LogBucket'), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });
});

describe('the SPA fallback function', () => {
  const handler = new Function(`${spaFallbackFunctionCode}; return handler;`)() as (event: {
    request: { uri: string };
  }) => { uri: string };
  const rewrite = (uri: string) => handler({ request: { uri } }).uri;

  it('sends extension-less paths to /200.html', () => {
    expect(rewrite('/bureau')).toBe('/200.html');
    expect(rewrite('/field/tasks/0199a3b2-7c1d-7e00-8000-000000000001')).toBe('/200.html');
    expect(rewrite('/auth/callback')).toBe('/200.html');
    expect(rewrite('/projects/')).toBe('/200.html');
  });

  it('leaves files and the root alone', () => {
    expect(rewrite('/')).toBe('/');
    expect(rewrite('/_app/immutable/entry/start.abc123.js')).toBe('/_app/immutable/entry/start.abc123.js');
    expect(rewrite('/service-worker.js')).toBe('/service-worker.js');
    expect(rewrite('/manifest.webmanifest')).toBe('/manifest.webmanifest');
    expect(rewrite('/config.json')).toBe('/config.json');
  });
});

describe('the API behaviour', () => {
  it('forwards /api/* uncached, with the viewer headers except Host, to the HTTP API over TLS', () => {
    const api = behavior('/api/*');
    expect(api.CachePolicyId).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(api.OriginRequestPolicyId).toBe(OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']));
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    expect(api.FunctionAssociations).toBeUndefined();
    const origin = distributionConfig(synth).Origins.find((o) => o.Id === api.TargetOriginId);
    expect(origin).toMatchObject({
      DomainName: {
        'Fn::Select': [
          2,
          { 'Fn::Split': ['/', { 'Fn::GetAtt': [idOf(synth, 'AWS::ApiGatewayV2::Api', 'Api'), 'ApiEndpoint'] }] },
        ],
      },
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
  });
});

describe('caching of the app shell', () => {
  it('never caches the service worker or _app/version.json at the edge', () => {
    for (const pattern of ['/service-worker.js', '/_app/version.json']) {
      expect(behavior(pattern).CachePolicyId, pattern).toBe(CachePolicy.CACHING_DISABLED.cachePolicyId);
    }
  });

  it('uploads content-hashed files as immutable and everything else (HTML, SW, version.json, config) as no-cache', () => {
    const deployments = Object.entries(resourcesOf(synth.template, 'Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(2);
    const [immutableId, immutable] = deployments.find(([, d]) => d.Properties?.Include !== undefined) ?? [];
    const [, mutable] = deployments.find(([, d]) => d.Properties?.Include === undefined) ?? [];
    expect(immutable?.Properties).toMatchObject({
      Exclude: ['*'],
      Include: [immutablePattern],
      SystemMetadata: { 'cache-control': immutableCacheControl },
      Prune: false,
    });
    expect(immutableCacheControl).toBe('public, max-age=31536000, immutable');
    expect(mutable?.Properties).toMatchObject({
      Exclude: [immutablePattern],
      SystemMetadata: { 'cache-control': 'no-cache' },
      Prune: false,
      DistributionPaths: ['/*'],
    });
    // Pages go live only after the chunks they import.
    expect(mutable?.DependsOn).toEqual(expect.arrayContaining([immutableId]));
  });
});

describe('/config.json', () => {
  it('tells the PWA to sign in with Cognito by authorization code and to call the API on its own origin', () => {
    const pool = idOf(synth, 'AWS::Cognito::UserPool', 'Identity');
    const client = Object.keys(resourcesOf(synth.template, 'AWS::Cognito::UserPoolClient'))[0];
    const domain = `https://{${JSON.stringify({ Ref: idOf(synth, 'AWS::Cognito::UserPoolDomain', 'Identity') })}}.auth.{${JSON.stringify({ Ref: 'AWS::Region' })}}.amazoncognito.com`;
    expect(deployedConfig(synth)).toEqual({
      auth: {
        kind: 'oidc',
        authority: `{${JSON.stringify({ 'Fn::GetAtt': [pool, 'ProviderURL'] })}}`,
        clientId: `{${JSON.stringify({ Ref: client })}}`,
        scope: 'openid profile',
        authorizeEndpoint: `${domain}/oauth2/authorize`,
        tokenEndpoint: `${domain}/oauth2/token`,
        logoutEndpoint: `${domain}/logout`,
      },
      apiBase,
    });
    expect(apiBase).toBe('/api/v1');
  });

  it('is still deployed (alone) when the PWA has not been built', () => {
    const deployments = Object.values(resourcesOf(unbuilt.template, 'Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(1);
    expect(deployedConfig(unbuilt).apiBase).toBe(apiBase);
  });
});

describe('security headers', () => {
  it('sends HSTS, frame, content-type and referrer headers as CloudFront security headers', () => {
    const policy = headersPolicy(synth);
    expect(policy.SecurityHeadersConfig).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    // Every other header of infra/security-headers.ts goes out as a custom header.
    const modelled = [
      'content-security-policy',
      'strict-transport-security',
      'x-frame-options',
      'x-content-type-options',
      'referrer-policy',
    ];
    const others = Object.entries(securityHeaders({ scriptHashes: [] })).filter(([name]) => !modelled.includes(name));
    expect(policy.CustomHeadersConfig.Items).toEqual(
      others.map(([header, value]) => ({ Header: header, Value: value, Override: true })),
    );
  });

  it("has a strict CSP: no framing, no plugins, the build's inline-script hashes and the sign-in origin", () => {
    const csp = cspOf(synth);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain(`script-src 'self' ${fixtureScriptHash};`);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain('upgrade-insecure-requests');
    const domainRef = JSON.stringify({ Ref: idOf(synth, 'AWS::Cognito::UserPoolDomain', 'Identity') });
    expect(csp).toMatch(new RegExp(`connect-src 'self' https://\\{${escapeRegExp(domainRef)}\\}\\.auth\\.`));
  });

  it('allows no inline script at all when the PWA has not been built', () => {
    expect(cspOf(unbuilt)).toContain("script-src 'self';");
  });

  it('applies to the site and to the API', () => {
    const policyRef = { Ref: idOf(synth, 'AWS::CloudFront::ResponseHeadersPolicy', 'Web') };
    const config = distributionConfig(synth);
    for (const b of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      expect(b.ResponseHeadersPolicyId, b.PathPattern ?? 'default').toEqual(policyRef);
    }
  });
});

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
