import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type ResponseCustomHeadersBehavior,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';

export interface CloudFrontHeaderBehaviors {
  securityHeadersBehavior: ResponseSecurityHeadersBehavior;
  customHeadersBehavior: ResponseCustomHeadersBehavior;
}

const enumValue = <T extends string>(kind: string, values: Record<string, T>, value: string): T => {
  const match = Object.values(values).find((v) => v.toLowerCase() === value.toLowerCase());
  if (!match) throw new Error(`CloudFront has no ${kind} "${value}"`);
  return match;
};

const hsts = (value: string): NonNullable<ResponseSecurityHeadersBehavior['strictTransportSecurity']> => {
  const maxAge = /(?:^|;)\s*max-age=(\d+)\s*(?:;|$)/i.exec(value)?.[1];
  if (maxAge === undefined) throw new Error(`strict-transport-security without max-age: ${value}`);
  const directives = value.split(';').map((d) => d.trim().toLowerCase());
  return {
    accessControlMaxAge: Duration.seconds(Number(maxAge)),
    includeSubdomains: directives.includes('includesubdomains'),
    preload: directives.includes('preload'),
    override: true,
  };
};

/**
 * Splits the headers of infra/security-headers.ts (shared with the local gateway) into the
 * headers CloudFront models itself and the rest, which it only accepts as custom headers.
 * A header the app sets is always overridden: the policy is the single source.
 */
export const cloudFrontHeaderBehaviors = (headers: Readonly<Record<string, string>>): CloudFrontHeaderBehaviors => {
  const security: {
    -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K];
  } = {};
  const custom: { header: string; value: string; override: boolean }[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'strict-transport-security':
        security.strictTransportSecurity = hsts(value);
        break;
      case 'x-frame-options':
        security.frameOptions = { frameOption: enumValue('frame option', HeadersFrameOption, value), override: true };
        break;
      case 'x-content-type-options':
        if (value.toLowerCase() !== 'nosniff') throw new Error(`CloudFront only sends x-content-type-options: nosniff`);
        security.contentTypeOptions = { override: true };
        break;
      case 'referrer-policy':
        security.referrerPolicy = {
          referrerPolicy: enumValue('referrer policy', HeadersReferrerPolicy, value),
          override: true,
        };
        break;
      default:
        custom.push({ header: name, value, override: true });
    }
  }
  return { securityHeadersBehavior: security, customHeadersBehavior: { customHeaders: custom } };
};
