import * as agency from '@jixiao/core/organisation/agency.ts';
import * as department from '@jixiao/core/organisation/department.ts';
import * as financeSection from '@jixiao/core/organisation/finance-section.ts';
import * as unit from '@jixiao/core/organisation/unit.ts';
import * as user from '@jixiao/core/organisation/user.ts';
import { masterDataRoutes, organisationData } from '#functions/routes/master-data-routes.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

/** Organisation master data: the tenant admin's, with some reference data readable by reviewers. */
export const organisationRoutes: RouteDefinition[] = [
  ...masterDataRoutes({
    ...organisationData,
    collection: 'finance-sections',
    name: 'FinanceSection',
    tag: 'organisation',
    record: financeSection.financeSection,
    create: financeSection.createFinanceSection,
    update: financeSection.updateFinanceSection,
    query: financeSection.financeSectionQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    // Reviewers filter their queues by department and read its name.
    read: ['tenant-admin', 'department-reviewer', 'business-section-reviewer', 'performance-section-reviewer'],
    collection: 'departments',
    name: 'Department',
    tag: 'organisation',
    record: department.department,
    create: department.createDepartment,
    update: department.updateDepartment,
    query: department.departmentQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'units',
    name: 'Unit',
    tag: 'organisation',
    record: unit.unit,
    create: unit.createUnit,
    update: unit.updateUnit,
    query: unit.unitQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    // The performance section commissions third parties (ex-ante assessments, key evaluations).
    read: ['tenant-admin', 'performance-section-reviewer'],
    collection: 'agencies',
    name: 'Agency',
    tag: 'organisation',
    record: agency.agency,
    create: agency.createAgency,
    update: agency.updateAgency,
    query: agency.agencyQuery,
  }),
  ...masterDataRoutes({
    ...organisationData,
    collection: 'users',
    name: 'User',
    tag: 'organisation',
    record: user.user,
    create: user.createUser,
    update: user.updateUser,
    query: user.userQuery,
  }),
];
