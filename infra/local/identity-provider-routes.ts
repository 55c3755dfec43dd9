import type { IncomingMessage, ServerResponse } from 'node:http';
import { primaryWorkspace, type Role, workspaceOrder } from '@jixiao/core/roles.ts';
import {
  agencyKind,
  departmentKind,
  financeSectionKind,
  userKind,
} from '@jixiao/functions/organisation/record-kinds.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { readBody } from '#infra/local/gateway.ts';
import type { LocalIdentityProvider } from '#infra/local/identity-provider.ts';

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': status >= 400 ? 'application/problem+json; charset=utf-8' : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
};

/**
 * `/local-idp/*`: the demo sign-in of the local runtime. Lists the tenant's active people and
 * signs a token for the one chosen. Only `infra/local` serves this; the cloud has Cognito.
 */
export const createIdentityProviderRoutes = (idp: LocalIdentityProvider, store: RecordStore, tenant: string) => {
  return async (req: IncomingMessage, res: ServerResponse, pathname: string, headers: Record<string, string>) => {
    if (req.method === 'GET' && pathname === '/local-idp/.well-known/openid-configuration') {
      return sendJson(
        res,
        200,
        { issuer: idp.issuer, jwks_uri: `${idp.issuer}/jwks.json`, id_token_signing_alg_values_supported: ['RS256'] },
        headers,
      );
    }
    if (req.method === 'GET' && pathname === '/local-idp/jwks.json') return sendJson(res, 200, idp.jwks, headers);
    if (req.method === 'GET' && pathname === '/local-idp/users') {
      const page = await store.list(tenant, userKind, {
        limit: 100,
        filters: [{ field: 'status', op: 'eq', value: 'active' }],
      });
      const items = await Promise.all(
        page.items.map(async (u) => {
          const org =
            (u.departmentId ? await store.get(tenant, departmentKind, String(u.departmentId)) : undefined) ??
            (u.agencyId ? await store.get(tenant, agencyKind, String(u.agencyId)) : undefined) ??
            (u.financeSectionId ? await store.get(tenant, financeSectionKind, String(u.financeSectionId)) : undefined);
          return {
            id: u.id,
            username: u.username,
            displayName: u.displayName,
            roles: u.roles,
            organisation: org ? String(org.name) : null,
          };
        }),
      );
      // The order a person scans the chooser in: admin, bureau, department, field, observer.
      const rank = (roles: unknown) => workspaceOrder.indexOf(primaryWorkspace(roles as Role[]) ?? 'observer');
      items.sort((a, b) => rank(a.roles) - rank(b.roles) || String(a.username).localeCompare(String(b.username)));
      return sendJson(res, 200, { items }, headers);
    }
    if (req.method === 'POST' && pathname === '/local-idp/token') {
      let userId: unknown;
      try {
        userId = (JSON.parse((await readBody(req, 4096)).toString('utf8')) as { userId?: unknown }).userId;
      } catch {
        return sendJson(
          res,
          400,
          { type: 'urn:jixiao:problem:malformed-json', title: '请求内容不是有效的 JSON', status: 400 },
          headers,
        );
      }
      const user = typeof userId === 'string' ? await store.get(tenant, userKind, userId) : undefined;
      if (user?.status !== 'active' || !idp.directory.maySignIn(user.id)) {
        return sendJson(
          res,
          404,
          { type: 'urn:jixiao:problem:not-found', title: '没有这个用户', status: 404 },
          headers,
        );
      }
      const token = await idp.issueIdToken({
        id: user.id,
        displayName: String(user.displayName),
        tenant,
        roles: user.roles as string[],
        departmentId: user.departmentId as string | null,
        unitId: user.unitId as string | null,
        agencyId: user.agencyId as string | null,
        sectionId: user.financeSectionId as string | null,
      });
      return sendJson(res, 200, token, headers);
    }
    return sendJson(
      res,
      404,
      { type: 'urn:jixiao:problem:route-not-found', title: '接口不存在', status: 404 },
      headers,
    );
  };
};
