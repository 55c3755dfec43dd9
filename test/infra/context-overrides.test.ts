import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, deployedConfig, resourcesOf, type Synthesized, synthJixiao } from './support/jixiao-synth.ts';

const issuer = 'https://sso.example.gov.cn/realms/jixiao';
const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f6c1b8e-0000-4000-8000-000000000001';
const webAclArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/jixiao/0f6c1b8e-0000-4000-8000-000000000002';

let oidc: Synthesized;
let custom: Synthesized;
beforeAll(() => {
  oidc = synthJixiao({ context: { oidcIssuer: issuer, oidcAudience: 'jixiao-pwa, jixiao-api' } });
  // As `-c key=value` passes them: strings, numbers included.
  custom = synthJixiao({
    context: {
      domainName: 'jixiao.example.gov.cn',
      certificateArn,
      webAclArn,
      throttleRateLimit: '20',
      throttleBurstLimit: '40',
      logRetentionDays: '90',
      cognitoDomainPrefix: 'dongli-jixiao',
    },
  });
});
afterAll(() => {
  oidc?.dispose();
  custom?.dispose();
});

describe('another OIDC provider (oidcIssuer + oidcAudience)', () => {
  it('creates no user pool, client, domain or groups', () => {
    const cognito = Object.values(oidc.template.toJSON().Resources as Record<string, { Type: string }>).filter((r) =>
      r.Type.startsWith('AWS::Cognito::'),
    );
    expect(cognito).toEqual([]);
  });

  it('makes the authorizer trust that issuer and audience', () => {
    oidc.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    oidc.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: issuer, Audience: ['jixiao-pwa', 'jixiao-api'] },
    });
  });

  it('points the PWA at the provider (its discovery document names the endpoints)', () => {
    expect(deployedConfig(oidc)).toEqual({
      auth: { kind: 'oidc', authority: issuer, clientId: 'jixiao-pwa', scope: 'openid profile' },
      apiBase: '/api/v1',
    });
    const policy = Object.values(resourcesOf(oidc.template, 'AWS::CloudFront::ResponseHeadersPolicy'))[0];
    // The provider, and the evidence bucket the PWA uploads to directly.
    expect(JSON.stringify(policy)).toMatch(/connect-src 'self' https:\/\/sso\.example\.gov\.cn https:\/\/\*\.s3\./);
  });

  it('outputs the client id but no user pool', () => {
    const outputs = oidc.template.findOutputs('*');
    expect(outputs.UserPoolId).toBeUndefined();
    expect(outputs.UserPoolClientId?.Value).toBe('jixiao-pwa');
  });
});

describe('custom domain, WAF, throttling, retention and Cognito prefix', () => {
  const distribution = () =>
    Object.values(resourcesOf(custom.template, 'AWS::CloudFront::Distribution'))[0]?.Properties
      ?.DistributionConfig as Record<string, unknown>;

  it('serves the site on the domain with TLS 1.2 (2021) at least, behind the web ACL', () => {
    expect(distribution()).toMatchObject({
      Aliases: ['jixiao.example.gov.cn'],
      ViewerCertificate: {
        AcmCertificateArn: certificateArn,
        MinimumProtocolVersion: 'TLSv1.2_2021',
        SslSupportMethod: 'sni-only',
      },
      WebACLId: webAclArn,
    });
  });

  it('uses the domain for sign-in callbacks and evidence uploads', () => {
    custom.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://jixiao.example.gov.cn/auth/callback'],
      LogoutURLs: ['https://jixiao.example.gov.cn/'],
    });
    custom.template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://jixiao.example.gov.cn'] })] },
    });
    custom.template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'dongli-jixiao' });
  });

  it('throttles the stage and keeps logs as configured', () => {
    custom.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
    });
    for (const [id, group] of Object.entries(resourcesOf(custom.template, 'AWS::Logs::LogGroup'))) {
      expect(group.Properties?.RetentionInDays, id).toBe(90);
    }
  });
});

describe('invalid context', () => {
  // createTestApp removes its temporary folder when the stack refuses to build.
  const build = (context: Record<string, unknown>) => () => createTestApp({ context, webBuild: 'none' }).dispose();

  it('is refused before anything is synthesized', () => {
    expect(build({ oidcIssuer: issuer })).toThrow(/oidcAudience/);
    expect(build({ oidcIssuer: 'http://sso.example.gov.cn', oidcAudience: 'x' })).toThrow(/https/);
    expect(build({ logRetentionDays: 42 })).toThrow(/retention/);
    expect(build({ throttleRateLimit: '-5' })).toThrow(/positive integer/);
    expect(build({ domainName: 'jixiao.example.gov.cn' })).toThrow(/certificateArn/);
    expect(
      build({ domainName: 'a.example', certificateArn: 'arn:aws:acm:ap-east-1:123456789012:certificate/x' }),
    ).toThrow(/us-east-1/);
    expect(build({ webAclArn: 'arn:aws:wafv2:ap-east-1:123456789012:regional/webacl/x/y' })).toThrow(/CLOUDFRONT/);
  });
});
