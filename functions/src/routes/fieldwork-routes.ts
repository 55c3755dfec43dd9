import { downloadLink } from '@jixiao/core/evidence/attachment.ts';
import * as assignment from '@jixiao/core/fieldwork/assignment.ts';
import * as engagement from '@jixiao/core/fieldwork/engagement.ts';
import * as fieldPackage from '@jixiao/core/fieldwork/field-package.ts';
import * as record from '@jixiao/core/fieldwork/field-record.ts';
import { agencyRoles, departmentRoles, type Role, sectionRoles } from '@jixiao/core/roles.ts';
import { anyId, idParams, pageOf, pageQuery, uuidV7Id } from '@jixiao/core/schema-parts.ts';
import { engagementRoles } from '@jixiao/core/scope/role-groups.ts';
import * as v from 'valibot';
import { historyQuery, historyResponse } from '#functions/routes/history-schemas.ts';
import type { RouteDefinition } from '#functions/routes/route-definition.ts';

const fieldwork = { capability: 'fieldwork', tag: 'fieldwork' } as const;

/** Readers of an engagement's evidence: the bureau, the agency, and the evaluated department once it is released. */
const readers: readonly Role[] = [...sectionRoles, ...agencyRoles, ...departmentRoles];

const step = (operationId: string, path: string, summary: string, access: readonly Role[], body: v.GenericSchema) =>
  ({
    ...fieldwork,
    operationId,
    method: 'POST',
    path: `/api/v1/engagements/{id}/${path}`,
    summary,
    access,
    params: idParams,
    body,
    versionedAction: true,
    response: { status: 200, description: 'The engagement after the step', schema: engagement.engagement },
  }) as const satisfies RouteDefinition;

const ticket = v.object({
  key: v.string(),
  upload: v.object({
    method: v.literal('PUT'),
    url: v.string(),
    headers: v.record(v.string(), v.string()),
    expiresAt: v.string(),
  }),
});

const recordQuery = v.strictObject({
  ...pageQuery,
  type: v.optional(v.picklist(Object.keys(record.fieldRecordTypes) as [record.FieldRecordType])),
  assignmentId: v.optional(anyId),
});

const photoParams = v.strictObject({ id: anyId, photoId: anyId });

/** Key evaluations and their fieldwork (docs/domain/fieldwork.md, docs/architecture.md#the-offline-first-field-app). */
export const fieldworkRoutes: RouteDefinition[] = [
  {
    ...fieldwork,
    operationId: 'listEngagements',
    method: 'GET',
    path: '/api/v1/engagements',
    summary:
      "Engagements the caller works on: the bureau's tenant, the agency's commissions, a department's released ones",
    access: engagementRoles,
    query: engagement.engagementQuery,
    response: { status: 200, description: 'A page', schema: pageOf(engagement.engagement) },
  },
  {
    ...fieldwork,
    operationId: 'createEngagement',
    method: 'POST',
    path: '/api/v1/engagements',
    summary:
      "Open a key evaluation of a project (its framework starts from the approved targets) or of a department's spending",
    access: ['performance-section-reviewer'],
    body: engagement.createEngagement,
    idempotentCreate: true,
    response: { status: 201, description: 'Created', schema: engagement.engagement },
  },
  {
    ...fieldwork,
    operationId: 'getEngagement',
    method: 'GET',
    path: '/api/v1/engagements/{id}',
    summary: 'Read one engagement with its work plan',
    access: [...readers, 'observer'],
    params: idParams,
    response: { status: 200, description: 'The engagement', schema: engagement.engagement },
  },
  {
    ...fieldwork,
    operationId: 'updateEngagementPlan',
    method: 'PATCH',
    path: '/api/v1/engagements/{id}',
    summary: 'Edit the work plan (framework, weights, sites, outline, questionnaires) until it is approved',
    access: ['performance-section-reviewer', 'agency-lead'],
    params: idParams,
    body: engagement.updateEngagementPlan,
    response: { status: 200, description: 'Updated', schema: engagement.engagement },
  },
  step(
    'commissionEngagement',
    'commission',
    'Commission a third-party agency, recording its conflict-of-interest declaration (rule 11)',
    ['performance-section-reviewer'],
    engagement.commissionAgency,
  ),
  step(
    'approveEngagementPlan',
    'approve-plan',
    'Approve the work plan (rule 10: weights total 100, every indicator has a standard); fieldwork starts',
    ['performance-section-reviewer'],
    engagement.engagementStep,
  ),
  step(
    'closeFieldwork',
    'close-fieldwork',
    'The agency lead closes fieldwork (late records from phones are still accepted)',
    ['agency-lead'],
    engagement.engagementStep,
  ),
  step(
    'releaseEngagement',
    'release',
    'Let the evaluated department see the field evidence',
    ['performance-section-reviewer'],
    engagement.engagementStep,
  ),
  {
    ...fieldwork,
    operationId: 'getEngagementHistory',
    method: 'GET',
    path: '/api/v1/engagements/{id}/history',
    summary: 'The audit trail of one engagement, newest first',
    access: [...sectionRoles, 'agency-lead'],
    params: idParams,
    query: historyQuery,
    response: historyResponse,
  },
  {
    ...fieldwork,
    operationId: 'listAssignments',
    method: 'GET',
    path: '/api/v1/engagements/{id}/assignments',
    summary: "An engagement's assignments of evaluators to sites",
    access: [...sectionRoles, 'agency-lead'],
    params: idParams,
    response: { status: 200, description: 'All of them', schema: v.object({ items: v.array(assignment.assignment) }) },
  },
  {
    ...fieldwork,
    operationId: 'listEngagementEvaluators',
    method: 'GET',
    path: '/api/v1/engagements/{id}/evaluators',
    summary: "The commissioned agency's active evaluators (and leads), to assign",
    access: ['performance-section-reviewer', 'agency-lead'],
    params: idParams,
    response: {
      status: 200,
      description: 'All of them',
      schema: v.object({
        items: v.array(
          v.object({ id: v.string(), username: v.string(), displayName: v.string(), roles: v.array(v.string()) }),
        ),
      }),
    },
  },
  {
    ...fieldwork,
    operationId: 'createAssignment',
    method: 'POST',
    path: '/api/v1/engagements/{id}/assignments',
    summary: "The agency lead assigns one of the agency's evaluators to sites of the sample",
    access: ['agency-lead'],
    params: idParams,
    body: assignment.createAssignment,
    idempotentCreate: true,
    response: { status: 201, description: 'Created', schema: assignment.assignment },
  },
  {
    ...fieldwork,
    operationId: 'listMyAssignments',
    method: 'GET',
    path: '/api/v1/my-assignments',
    summary: "The caller's own assignments, for the field app",
    access: agencyRoles,
    response: { status: 200, description: 'All of them', schema: v.object({ items: v.array(assignment.assignment) }) },
  },
  {
    ...fieldwork,
    operationId: 'getFieldPackage',
    method: 'GET',
    path: '/api/v1/assignments/{id}/package',
    summary: 'Everything the phone needs offline for one assignment',
    access: agencyRoles,
    params: idParams,
    response: { status: 200, description: 'The package', schema: fieldPackage.fieldPackage },
  },
  {
    ...fieldwork,
    operationId: 'signPhotoUpload',
    method: 'POST',
    path: '/api/v1/assignments/{id}/photo-uploads',
    summary: "A presigned PUT under the caller's own assignment prefix (type, size and SHA-256 fixed)",
    access: agencyRoles,
    params: idParams,
    body: record.photoUploadRequest,
    idempotentCreate: true,
    response: { status: 201, description: 'Where and how to upload', schema: ticket },
  },
  {
    ...fieldwork,
    operationId: 'createFieldRecord',
    method: 'POST',
    path: '/api/v1/field-records',
    summary: 'Send a site verification, interview, symposium or questionnaire response made on the phone',
    access: agencyRoles,
    body: record.createFieldRecord,
    idempotentCreate: true,
    response: { status: 201, description: 'Received (or received before, on a replay)', schema: record.fieldRecord },
  },
  {
    ...fieldwork,
    operationId: 'getFieldRecord',
    method: 'GET',
    path: '/api/v1/field-records/{id}',
    summary: 'Read one field record with the photos received so far',
    access: [...readers, 'observer'],
    params: idParams,
    response: { status: 200, description: 'The record', schema: record.fieldRecord },
  },
  {
    ...fieldwork,
    operationId: 'updateFieldRecord',
    method: 'PATCH',
    path: '/api/v1/field-records/{id}',
    summary: 'Replace the content of a field record at the version it was edited from',
    access: agencyRoles,
    params: idParams,
    body: record.updateFieldRecord,
    response: { status: 200, description: 'Updated', schema: record.fieldRecord },
  },
  {
    ...fieldwork,
    operationId: 'attachFieldPhoto',
    method: 'POST',
    path: '/api/v1/field-records/{id}/photos',
    summary: 'Attach an uploaded photo the record declares, once its size and checksum are verified',
    access: agencyRoles,
    params: idParams,
    body: v.strictObject({ id: anyId }),
    idempotentCreate: true,
    response: { status: 201, description: 'Attached (or attached before)', schema: record.fieldPhoto },
  },
  {
    ...fieldwork,
    operationId: 'getFieldPhoto',
    method: 'GET',
    path: '/api/v1/field-records/{id}/photos/{photoId}',
    summary: 'A short-lived link to one received photo',
    access: [...readers, 'observer'],
    params: photoParams,
    response: { status: 200, description: 'A presigned GET', schema: downloadLink },
  },
  {
    ...fieldwork,
    operationId: 'listEngagementRecords',
    method: 'GET',
    path: '/api/v1/engagements/{id}/field-records',
    summary: "An engagement's field records, newest first, by type or assignment",
    access: [...readers, 'observer'],
    params: idParams,
    query: recordQuery,
    response: { status: 200, description: 'A page', schema: pageOf(record.fieldRecord) },
  },
  {
    ...fieldwork,
    operationId: 'getEngagementProgress',
    method: 'GET',
    path: '/api/v1/engagements/{id}/progress',
    summary: 'Fieldwork progress: sites visited, records and photos received, per assignment',
    access: [...sectionRoles, 'agency-lead'],
    params: idParams,
    response: { status: 200, description: 'Progress', schema: v.record(v.string(), v.unknown()) },
  },
  {
    ...fieldwork,
    operationId: 'getIndicatorEvidence',
    method: 'GET',
    path: '/api/v1/engagements/{id}/evidence',
    summary: 'Per indicator, all the evidence gathered across visits, interviews and questionnaires; survey summary',
    access: [...readers, 'observer'],
    params: idParams,
    response: { status: 200, description: 'Evidence', schema: v.record(v.string(), v.unknown()) },
  },
  {
    ...fieldwork,
    operationId: 'exportWorkingPapers',
    method: 'POST',
    path: '/api/v1/engagements/{id}/working-papers',
    summary:
      'Build the working papers ZIP (records as XLSX, the photos, a SHA-256 manifest) under the client-made export id, and link to it',
    access: ['performance-section-reviewer', 'agency-lead'],
    params: idParams,
    body: v.strictObject({ id: uuidV7Id }),
    idempotentCreate: true,
    response: { status: 201, description: 'A presigned GET of the ZIP', schema: downloadLink },
  },
];
