import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * Everything a deployment may change, read from CDK context (`cdk.json` or `-c key=value`).
 * infra/cdk/README.md documents each key; keep the two in step.
 */
export interface JixiaoSettings {
  /** Set when another OIDC provider replaces Cognito: no user pool is made then. */
  externalOidc?: { issuer: string; audience: string[] };
  /** The Cognito hosted-domain prefix; undefined means `jixiao-<account id>`. */
  cognitoDomainPrefix?: string;
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  /** A custom domain for the site; its certificate must live in us-east-1 (a CloudFront rule). */
  customDomain?: { domainName: string; certificateArn: string };
  /** An AWS WAF web ACL (scope CLOUDFRONT, so in us-east-1) to put in front of the site and API. */
  webAclArn?: string;
  /**
   * Where alarms go. `existingTopicArn`: an SNS topic the operators already run (nothing is made);
   * otherwise the stack makes its own topic and subscribes `emails` (none: the topic has no
   * subscriber until someone subscribes in the console).
   */
  operatorTopic: { existingTopicArn: string } | { emails: string[] };
  /**
   * The Powertools layer the functions run with; undefined means the public layer of the version
   * functions/package.json pins, in the stack's partition and region (infra/cdk/powertools-layer.ts).
   */
  powertoolsLayerArn?: string;
  /**
   * The address notifications are e-mailed from through Amazon SES (docs/domain/daily-work.md#e-mail); it must be a
   * verified SES identity of the account and region. Undefined: no e-mail is sent, notifications stay in the app.
   */
  mailFrom?: string;
}

export const contextKeys = {
  oidcIssuer: 'oidcIssuer',
  oidcAudience: 'oidcAudience',
  cognitoDomainPrefix: 'cognitoDomainPrefix',
  throttleRateLimit: 'throttleRateLimit',
  throttleBurstLimit: 'throttleBurstLimit',
  logRetentionDays: 'logRetentionDays',
  domainName: 'domainName',
  certificateArn: 'certificateArn',
  webAclArn: 'webAclArn',
  operatorEmail: 'operatorEmail',
  operatorTopicArn: 'operatorTopicArn',
  powertoolsLayerArn: 'powertoolsLayerArn',
  mailFrom: 'mailFrom',
} as const;

/**
 * Sized for one district: a few hundred staff plus evaluators' phones draining their outboxes
 * after a day offline (the burst).
 */
export const defaultSettings = {
  throttleRateLimit: 100,
  throttleBurstLimit: 200,
  logRetentionDays: 365,
} as const;

type ContextValue = unknown;

const text = (key: string, value: ContextValue): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string, got ${JSON.stringify(value)}`);
  return value.trim();
};

// `-c key=value` arrives as a string, cdk.json values as JSON numbers: accept both.
const positiveInteger = (key: string, value: ContextValue, fallback: number): number => {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`Context "${key}" must be a positive integer, got ${value}`);
  return n;
};

const list = (key: string, value: ContextValue): string[] | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
  if (!items || items.some((x) => typeof x !== 'string')) {
    throw new Error(`Context "${key}" must be a string, a comma-separated string or an array of strings`);
  }
  const cleaned = items.map((x: string) => x.trim()).filter((x) => x.length > 0);
  return cleaned.length > 0 ? cleaned : undefined;
};

// Deliberately plain: one @, no spaces, a dot in the domain. SNS sends a confirmation mail anyway.
const emailPattern = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
// Standard, China and GovCloud partitions; a topic name is 1–256 letters, digits, - or _ (.fifo is refused).
const topicArnPattern = /^arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

// A layer version ARN in any partition: the layer's name, then its version number.
const layerVersionArnPattern = /^arn:aws(-cn|-us-gov)?:lambda:[a-z0-9-]+:\d{12}:layer:[A-Za-z0-9_-]{1,140}:\d+$/;

const operatorTopic = (emailValue: ContextValue, arnValue: ContextValue): JixiaoSettings['operatorTopic'] => {
  const emails = list(contextKeys.operatorEmail, emailValue) ?? [];
  const existingTopicArn = text(contextKeys.operatorTopicArn, arnValue);
  for (const email of emails) {
    if (!emailPattern.test(email)) {
      throw new Error(`Context "${contextKeys.operatorEmail}" must be email addresses, comma-separated; got ${email}`);
    }
  }
  if (existingTopicArn === undefined) return { emails };
  if (emails.length > 0) {
    throw new Error(
      `Context "${contextKeys.operatorEmail}" and "${contextKeys.operatorTopicArn}" exclude each other: subscribe the ` +
        'addresses to the existing topic where it is managed, or let the stack make its own topic',
    );
  }
  if (!topicArnPattern.test(existingTopicArn)) {
    throw new Error(
      `Context "${contextKeys.operatorTopicArn}" must be a standard SNS topic ARN, got ${existingTopicArn}`,
    );
  }
  return { existingTopicArn };
};

const retentionDays = (value: number): RetentionDays => {
  const allowed = Object.values(RetentionDays).filter((v): v is RetentionDays => typeof v === 'number');
  const match = allowed.find((v) => v === value);
  if (match === undefined) {
    throw new Error(
      `Context "${contextKeys.logRetentionDays}" must be one of CloudWatch's retention periods (${allowed.join(', ')}), got ${value}`,
    );
  }
  return match;
};

export const readSettings = (scope: Construct): JixiaoSettings => {
  const get = (key: string): ContextValue => scope.node.tryGetContext(key);

  const issuer = text(contextKeys.oidcIssuer, get(contextKeys.oidcIssuer));
  const audience = list(contextKeys.oidcAudience, get(contextKeys.oidcAudience));
  if ((issuer === undefined) !== (audience === undefined)) {
    throw new Error(
      `Context "${contextKeys.oidcIssuer}" and "${contextKeys.oidcAudience}" go together: set both or neither`,
    );
  }
  if (issuer !== undefined && !/^https:\/\/[^\s/]+/.test(issuer)) {
    throw new Error(`Context "${contextKeys.oidcIssuer}" must be an https URL, got ${issuer}`);
  }

  const domainName = text(contextKeys.domainName, get(contextKeys.domainName));
  const certificateArn = text(contextKeys.certificateArn, get(contextKeys.certificateArn));
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw new Error(`Context "${contextKeys.domainName}" and "${contextKeys.certificateArn}" go together`);
  }
  if (certificateArn !== undefined && !certificateArn.startsWith('arn:aws:acm:us-east-1:')) {
    throw new Error(`Context "${contextKeys.certificateArn}" must be an ACM certificate in us-east-1 (CloudFront)`);
  }

  const webAclArn = text(contextKeys.webAclArn, get(contextKeys.webAclArn));
  if (webAclArn !== undefined && !/^arn:aws:wafv2:us-east-1:\d{12}:global\/webacl\//.test(webAclArn)) {
    throw new Error(`Context "${contextKeys.webAclArn}" must be a CLOUDFRONT-scope WAFv2 web ACL ARN (us-east-1)`);
  }

  const settings: JixiaoSettings = {
    throttle: {
      rateLimit: positiveInteger(
        contextKeys.throttleRateLimit,
        get(contextKeys.throttleRateLimit),
        defaultSettings.throttleRateLimit,
      ),
      burstLimit: positiveInteger(
        contextKeys.throttleBurstLimit,
        get(contextKeys.throttleBurstLimit),
        defaultSettings.throttleBurstLimit,
      ),
    },
    logRetention: retentionDays(
      positiveInteger(
        contextKeys.logRetentionDays,
        get(contextKeys.logRetentionDays),
        defaultSettings.logRetentionDays,
      ),
    ),
    operatorTopic: operatorTopic(get(contextKeys.operatorEmail), get(contextKeys.operatorTopicArn)),
  };
  if (issuer !== undefined && audience !== undefined) settings.externalOidc = { issuer, audience };
  const powertoolsLayerArn = text(contextKeys.powertoolsLayerArn, get(contextKeys.powertoolsLayerArn));
  if (powertoolsLayerArn !== undefined) {
    if (!layerVersionArnPattern.test(powertoolsLayerArn)) {
      throw new Error(
        `Context "${contextKeys.powertoolsLayerArn}" must be a Lambda layer version ARN (…:layer:name:version), got ${powertoolsLayerArn}`,
      );
    }
    settings.powertoolsLayerArn = powertoolsLayerArn;
  }
  const prefix = text(contextKeys.cognitoDomainPrefix, get(contextKeys.cognitoDomainPrefix));
  if (prefix !== undefined) settings.cognitoDomainPrefix = prefix;
  if (domainName !== undefined && certificateArn !== undefined) settings.customDomain = { domainName, certificateArn };
  if (webAclArn !== undefined) settings.webAclArn = webAclArn;
  const mailFrom = text(contextKeys.mailFrom, get(contextKeys.mailFrom));
  if (mailFrom !== undefined) {
    if (!emailPattern.test(mailFrom))
      throw new Error(
        `Context "${contextKeys.mailFrom}" must be one e-mail address (a verified SES identity), got ${mailFrom}`,
      );
    settings.mailFrom = mailFrom;
  }
  return settings;
};
