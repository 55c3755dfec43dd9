import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { describe, expect, it } from 'vitest';
import { cloudFrontHeaderBehaviors } from '../../infra/cdk/response-headers.ts';
import { hstsMaxAgeSeconds, securityHeaders } from '../../infra/security-headers.ts';

describe('cloudFrontHeaderBehaviors', () => {
  const headers = securityHeaders({
    scriptHashes: ["'sha256-abc='"],
    connectSources: ['https://jixiao.auth.ap-east-1.amazoncognito.com'],
    upgradeInsecureRequests: true,
  });
  const { securityHeadersBehavior: security, customHeadersBehavior: custom } = cloudFrontHeaderBehaviors(headers);

  it('maps the CSP verbatim and overrides whatever the origin sends', () => {
    expect(security.contentSecurityPolicy).toEqual({
      contentSecurityPolicy: headers['content-security-policy'],
      override: true,
    });
  });

  it('parses HSTS into CloudFront fields', () => {
    expect(security.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBe(hstsMaxAgeSeconds);
    expect(security.strictTransportSecurity).toMatchObject({ includeSubdomains: true, preload: false, override: true });
  });

  it('maps frame, content-type and referrer headers to CloudFront enums', () => {
    expect(security.frameOptions).toEqual({ frameOption: HeadersFrameOption.DENY, override: true });
    expect(security.contentTypeOptions).toEqual({ override: true });
    expect(security.referrerPolicy).toEqual({
      referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
      override: true,
    });
  });

  it('sends every other header as a custom header, none lost and none twice', () => {
    const customNames = custom.customHeaders.map((h) => h.header);
    expect(customNames).toEqual(['permissions-policy', 'cross-origin-opener-policy']);
    expect(customNames.length + 5).toBe(Object.keys(headers).length);
    for (const h of custom.customHeaders)
      expect(h).toEqual({ header: h.header, value: headers[h.header], override: true });
  });

  it('reads HSTS preload and rejects values CloudFront cannot send', () => {
    const preload = cloudFrontHeaderBehaviors({ 'strict-transport-security': 'max-age=300; preload' });
    expect(preload.securityHeadersBehavior.strictTransportSecurity).toMatchObject({
      includeSubdomains: false,
      preload: true,
    });
    expect(preload.securityHeadersBehavior.strictTransportSecurity?.accessControlMaxAge.toSeconds()).toBe(
      Duration.minutes(5).toSeconds(),
    );
    expect(() => cloudFrontHeaderBehaviors({ 'strict-transport-security': 'includeSubDomains' })).toThrow(/max-age/);
    expect(() => cloudFrontHeaderBehaviors({ 'x-frame-options': 'ALLOW-FROM https://a.example' })).toThrow();
    expect(() => cloudFrontHeaderBehaviors({ 'referrer-policy': 'everywhere' })).toThrow();
    expect(() => cloudFrontHeaderBehaviors({ 'x-content-type-options': 'sniff' })).toThrow();
  });
});
