import { beijingDay } from '@jixiao/core/beijing-day.ts';
import { calendarYears } from '@jixiao/core/organisation/tenant-calendar.ts';
import type { OperationRequest } from '#functions/http/api-event.ts';
import type { Operations } from '#functions/http/api-handler.ts';
import {
  agencyKind,
  departmentKind,
  financeSectionKind,
  unitKind,
  userKind,
} from '#functions/organisation/record-kinds.ts';
import type { RecordStore, StoredRecord } from '#functions/ports/record-store.ts';

const named = (record: StoredRecord | undefined) =>
  record ? { id: record.id, name: String(record.name ?? record.displayName ?? '') } : null;

/** `readOpenApi` gives the OpenAPI document built from the route table (functions/src/platform/openapi-file.ts). */
export const platformOperations = (store: RecordStore, readOpenApi: () => unknown): Operations => {
  let openApiDocument: unknown;
  return {
    getHealth: async () => ({
      status: 200,
      body: { status: 'ok', service: 'jixiao', time: new Date().toISOString() },
    }),

    // Read on first use rather than at cold start: only this route needs it.
    getOpenApi: async () => {
      openApiDocument ??= readOpenApi();
      return { status: 200, body: openApiDocument, headers: { 'cache-control': 'public, max-age=300' } };
    },

    getMe: async ({ principal, receivedAt }: OperationRequest) => {
      const tenant = principal.tenant;
      const lookup = (kind: typeof departmentKind, id: string | undefined) =>
        id ? store.get(tenant, kind, id) : Promise.resolve(undefined);
      const [tenantRecord, user, department, unit, agency, section] = await Promise.all([
        store.getTenant(tenant),
        store.get(tenant, userKind, principal.userId),
        lookup(departmentKind, principal.departmentId),
        lookup(unitKind, principal.unitId),
        lookup(agencyKind, principal.agencyId),
        lookup(financeSectionKind, principal.sectionId),
      ]);
      return {
        status: 200,
        body: {
          subject: principal.subject,
          userId: principal.userId,
          tenant: {
            id: tenant,
            name: tenantRecord?.name ?? tenant,
            ...calendarYears(beijingDay(receivedAt), tenantRecord?.calendar),
          },
          displayName: String(user?.displayName ?? principal.subject),
          roles: principal.roles,
          department: named(department),
          unit: named(unit),
          agency: named(agency),
          section: named(section),
        },
      };
    },
  };
};
