import { tenantId } from '@jixiao/core/organisation/tenant.ts';
import { claimNames } from '@jixiao/core/principal.ts';
import { createLocalJWKSet, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
import * as v from 'valibot';

/**
 * Verifies a bearer token the way API Gateway's HTTP API JWT authorizer does: signature against
 * the issuer's JWKS (RSA only), `iss`, `aud` or `client_id`, `exp` and `nbf`. It also refuses
 * what Cognito would never have issued, so no local test passes on a token production could not
 * carry: an `iat` in the future (beyond {@link clockSkewSeconds}), a `token_use` other than `id`
 * (the API reads the custom attributes only ID tokens carry), and a tenant claim that is not a
 * tenant id (nine digits: no spaces, no other characters). The claims are then flattened the way
 * API Gateway passes them to Lambda: every value a string, arrays as "[a b]".
 */
export interface JwtAuthorizerOptions {
  issuer: string;
  audiences: readonly string[];
  jwks: JSONWebKeySet;
}

/** How far ahead of this clock a token's `iat` may be: clocks of the issuer and this host drift a little. */
export const clockSkewSeconds = 60;

export type AuthorizerClaims = Record<string, string>;

const flatten = (payload: JWTPayload): AuthorizerClaims =>
  Object.fromEntries(
    Object.entries(payload).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${value.join(' ')}]`
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value),
    ]),
  );

export const createJwtAuthorizer = (options: JwtAuthorizerOptions) => {
  const keys = createLocalJWKSet(options.jwks);
  return async (authorization: string | undefined): Promise<AuthorizerClaims | undefined> => {
    if (!authorization) return undefined;
    const token = authorization.replace(/^Bearer\s+/i, '').trim();
    if (token?.split('.').length !== 3) return undefined;
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        algorithms: ['RS256', 'RS384', 'RS512'],
        requiredClaims: ['exp', 'iss', 'iat'],
        clockTolerance: 0,
      });
      if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + clockSkewSeconds) return undefined;
      if (payload.token_use !== 'id') return undefined;
      if (!v.is(tenantId, payload[claimNames.tenant])) return undefined;
      const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
      const audienceOk =
        audiences.some((a) => options.audiences.includes(a)) ||
        (clientId !== undefined && options.audiences.includes(clientId));
      return audienceOk ? flatten(payload) : undefined;
    } catch {
      return undefined;
    }
  };
};
