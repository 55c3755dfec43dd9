import { claimNames } from '@jixiao/core/principal.ts';
import { roles } from '@jixiao/core/roles.ts';
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StringAttribute,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { JixiaoSettings } from './settings.ts';

/** What the PWA reads from `/config.json` to sign in (authorization code + PKCE, no secret). */
export interface PwaAuthConfig {
  kind: 'oidc';
  authority: string;
  clientId: string;
  scope: string;
  authorizeEndpoint?: string;
  tokenEndpoint?: string;
  logoutEndpoint?: string;
}

export interface WebClient {
  /** The JWT authorizer's audience. */
  audience: string[];
  auth: PwaAuthConfig;
}

export const pwaScope = 'openid profile';
export const callbackPath = '/auth/callback';

/** `custom:tenant` → `tenant`: Cognito adds the prefix itself. */
const customAttribute = (claim: string): string => {
  if (!claim.startsWith('custom:')) throw new Error(`${claim} is not a custom attribute claim`);
  return claim.slice('custom:'.length);
};

const organisationAttributes = [
  customAttribute(claimNames.tenant),
  customAttribute(claimNames.department),
  customAttribute(claimNames.unit),
  customAttribute(claimNames.agency),
  customAttribute(claimNames.section),
];

/**
 * Who signs people in. By default a Cognito user pool whose groups are the roles and whose custom
 * attributes carry the tenant and organisation (the claims core/src/principal.ts reads); with the
 * `oidcIssuer`/`oidcAudience` context, any OIDC provider instead and no user pool at all.
 */
export class Identity extends Construct {
  readonly issuer: string;
  readonly userPool?: UserPool;
  readonly domain?: UserPoolDomain;
  /** Origins the PWA fetches from while signing in, for the CSP's connect-src. */
  readonly connectSources: string[];
  private readonly settings: JixiaoSettings;

  constructor(scope: Construct, id: string, settings: JixiaoSettings) {
    super(scope, id);
    this.settings = settings;
    if (settings.externalOidc) {
      this.issuer = settings.externalOidc.issuer;
      this.connectSources = [new URL(settings.externalOidc.issuer).origin];
      return;
    }

    const userPool = new UserPool(this, 'UserPool', {
      // The bureau's tenant admin creates accounts; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: {
        email: { required: true, mutable: true },
        fullname: { required: false, mutable: true },
      },
      customAttributes: {
        // A user never moves between tenants (fiscal regions); a new region is a new account.
        [customAttribute(claimNames.tenant)]: new StringAttribute({ minLen: 9, maxLen: 9, mutable: false }),
        [customAttribute(claimNames.department)]: new StringAttribute({ maxLen: 100, mutable: true }),
        [customAttribute(claimNames.unit)]: new StringAttribute({ maxLen: 100, mutable: true }),
        [customAttribute(claimNames.agency)]: new StringAttribute({ maxLen: 100, mutable: true }),
        [customAttribute(claimNames.section)]: new StringAttribute({ maxLen: 100, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Budget and evaluation data of a whole district: a stolen password alone must not be enough.
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    roles.forEach((role, precedence) => {
      new UserPoolGroup(this, `Group-${role}`, {
        userPool,
        groupName: role,
        precedence,
        description: `Jixiao role ${role} (core/src/roles.ts)`,
      });
    });
    const domain = userPool.addDomain('Domain', {
      cognitoDomain: { domainPrefix: settings.cognitoDomainPrefix ?? `jixiao-${Aws.ACCOUNT_ID}` },
    });

    this.userPool = userPool;
    this.domain = domain;
    this.issuer = userPool.userPoolProviderUrl;
    const stack = Stack.of(this);
    // The token request goes to the hosted domain; discovery and keys live at the issuer's host.
    this.connectSources = [domain.baseUrl(), `https://cognito-idp.${stack.region}.${stack.urlSuffix}`];
  }

  /** Registers the PWA (served at `siteUrl`) as a public OIDC client. */
  addWebClient(siteUrl: string): WebClient {
    if (this.settings.externalOidc) {
      const { issuer, audience } = this.settings.externalOidc;
      // The provider's own discovery document names the endpoints.
      return {
        audience,
        auth: { kind: 'oidc', authority: issuer, clientId: audience[0] ?? '', scope: pwaScope },
      };
    }
    if (!this.userPool || !this.domain) throw new Error('No user pool');
    const client = this.userPool.addClient('WebClient', {
      userPoolClientName: 'jixiao-pwa',
      // A browser cannot keep a secret: authorization code with PKCE, nothing else.
      generateSecret: false,
      authFlows: { userSrp: false, userPassword: false, adminUserPassword: false, custom: false, user: false },
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.PROFILE, OAuthScope.EMAIL],
        callbackUrls: [`${siteUrl}${callbackPath}`],
        logoutUrls: [`${siteUrl}/`],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      // Evaluators work offline for days in the field; their outbox must still drain afterwards.
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(...organisationAttributes),
      // Never the organisation attributes: a user must not move themselves to another department.
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    const domainUrl = this.domain.baseUrl();
    return {
      audience: [client.userPoolClientId],
      auth: {
        kind: 'oidc',
        authority: this.issuer,
        clientId: client.userPoolClientId,
        scope: pwaScope,
        authorizeEndpoint: `${domainUrl}/oauth2/authorize`,
        tokenEndpoint: `${domainUrl}/oauth2/token`,
        logoutEndpoint: `${domainUrl}/logout`,
      },
    };
  }
}
