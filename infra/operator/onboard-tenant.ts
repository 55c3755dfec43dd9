import { uuidV7 } from '@jixiao/core/ids.ts';
import { tenant as tenantSchema } from '@jixiao/core/organisation/tenant.ts';
import { validate } from '@jixiao/core/validation.ts';
import type { Operation } from '@jixiao/functions/http/api-event.ts';
import { organisationOperations } from '@jixiao/functions/organisation/organisation-operations.ts';
import { userKind } from '@jixiao/functions/organisation/record-kinds.ts';
import type { IdentityDirectory } from '@jixiao/functions/ports/identity-directory.ts';
import type { RecordStore } from '@jixiao/functions/ports/record-store.ts';
import { derivedId } from '@jixiao/functions/records/derived-id.ts';
import { routes } from '@jixiao/functions/routes.ts';

/**
 * The one step a deployed system cannot do from its own pages: a new tenant (a fiscal region) and
 * its first administrator, who then creates everyone else on the admin page (docs/identity.md,
 * "Onboarding a tenant"). The administrator is created through the API's own create operation, so
 * the record, its audit entry and the Cognito user with its invitation come about exactly as for
 * any other person; the id is derived from the tenant and the email, so running the command again
 * replays the create and retries a directory sync that did not finish, and never adds a second
 * administrator.
 */
export interface OnboardTenantInput {
  tenant: { id: string; name: string; shortName: string };
  admin: { username: string; displayName: string; email: string };
}

export type OnboardOutcome =
  | {
      ok: true;
      tenant: 'created' | 'unchanged';
      admin: 'created' | 'unchanged';
      adminId: string;
      /** How far Cognito has caught up: `invited` or `synced` is done; `failed` or `pending` wants a rerun. */
      directory: string;
      directoryProblem?: string;
    }
  | { ok: false; problems: string[] };

/** Who the audit trail names for the onboarding steps: an operator, not a person of the tenant. */
export const onboardingActor = 'operator:onboarding';

export const onboardTenant = async (
  store: RecordStore,
  directory: IdentityDirectory,
  input: OnboardTenantInput,
): Promise<OnboardOutcome> => {
  const tenantChecked = validate(tenantSchema, input.tenant, 'zh-CN');
  if (!tenantChecked.ok)
    return { ok: false, problems: tenantChecked.errors.map((e) => `tenant${e.pointer}: ${e.message}`) };
  const tenant = tenantChecked.value;
  if (!tenant.name.trim() || !tenant.shortName.trim()) return { ok: false, problems: ['tenant: 名称不能为空'] };

  const route = routes.find((r) => r.operationId === 'createUser');
  if (!route?.body) throw new Error('createUser has no route');
  const adminId = derivedId(`onboarding:${tenant.id}:${input.admin.email.trim().toLowerCase()}`);
  const body = validate(
    route.body,
    {
      id: adminId,
      username: input.admin.username,
      displayName: input.admin.displayName,
      email: input.admin.email,
      roles: ['tenant-admin'],
    },
    'zh-CN',
  );
  if (!body.ok) return { ok: false, problems: body.errors.map((e) => `admin${e.pointer}: ${e.message}`) };

  // A tenant id already in use for another region is a typing error that would mix two regions' data.
  const existing = await store.getTenant(tenant.id);
  if (existing && (existing.name !== tenant.name || existing.shortName !== tenant.shortName)) {
    return {
      ok: false,
      problems: [
        `tenant ${tenant.id} 已存在，名称为「${existing.name}」（${existing.shortName}），与输入不同；未做任何修改`,
      ],
    };
  }
  if (!existing) await store.putTenant(tenant);

  const create = organisationOperations(store, directory).createUser as Operation;
  const result = await create({
    principal: { subject: onboardingActor, userId: onboardingActor, tenant: tenant.id, roles: ['tenant-admin'] },
    language: 'zh-CN',
    requestId: uuidV7(),
    params: {},
    query: {},
    body: body.value,
    receivedAt: new Date().toISOString(),
  });
  if (result.status >= 400) {
    const problem = result.body as { title?: string; detail?: string; errors?: { message: string }[] };
    return {
      ok: false,
      problems: [
        [problem.title, problem.detail].filter(Boolean).join(': '),
        ...(problem.errors ?? []).map((e) => e.message),
      ],
    };
  }
  const record = await store.get(tenant.id, userKind, adminId);
  const sync = record?.directory as { state?: string; problem?: string } | undefined;
  return {
    ok: true,
    tenant: existing ? 'unchanged' : 'created',
    admin: result.headers?.['idempotent-replayed'] ? 'unchanged' : 'created',
    adminId,
    directory: sync?.state ?? 'pending',
    ...(sync?.problem ? { directoryProblem: sync.problem } : {}),
  };
};
