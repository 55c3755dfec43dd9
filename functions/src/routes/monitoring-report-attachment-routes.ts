import { unitRoles } from '@jixiao/core/roles.ts';
import { projectReaderRoles } from '@jixiao/core/scope/role-groups.ts';
import { recordAttachmentRoutes } from '#functions/routes/record-attachment-routes.ts';

/**
 * A monitoring report's attached files (docs/domain/monitoring.md): uploaded and listed by the unit while it may edit
 * the report (a draft or a returned one), read by everyone who reads the report.
 */
export const monitoringReportAttachmentRoutes = recordAttachmentRoutes({
  capability: 'monitoring',
  tag: 'monitoring',
  base: '/api/v1/monitoring-reports',
  noun: 'MonitoringReport',
  what: 'monitoring report',
  while: 'while the unit may edit the report',
  editors: unitRoles,
  readers: projectReaderRoles,
});
