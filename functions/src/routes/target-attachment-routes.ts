import { unitRoles } from '@jixiao/core/roles.ts';
import { projectReaderRoles } from '@jixiao/core/scope/role-groups.ts';
import { recordAttachmentRoutes } from '#functions/routes/record-attachment-routes.ts';

/**
 * A target version's basis documents (立项依据、测算依据, docs/domain/submission.md): uploaded and listed by the unit
 * while the version may be edited (DRAFT, RETURNED), read by everyone who reads the version.
 */
export const targetAttachmentRoutes = recordAttachmentRoutes({
  capability: 'submission',
  tag: 'submission',
  base: '/api/v1/targets',
  noun: 'Target',
  what: 'basis document (立项依据/测算依据)',
  while: 'while the unit may edit the target version',
  editors: unitRoles,
  readers: projectReaderRoles,
});
