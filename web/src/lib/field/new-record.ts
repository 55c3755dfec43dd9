import type { FieldPackage } from '@jixiao/core/fieldwork/field-package.ts';
import type { FieldRecordContent, FieldRecordType } from '@jixiao/core/fieldwork/field-record.ts';
import type { LocalRecord } from '#lib/field/local-record.ts';

/** What a new record starts with: the device's time, the package's outline questions and questionnaire. */
export type NewRecordOf =
  | { type: 'SITE_VISIT'; siteId: string }
  | { type: 'INTERVIEW' }
  | { type: 'SYMPOSIUM' }
  | { type: 'SURVEY_RESPONSE'; questionnaireId: string };

const outlineAnswers = (pkg: FieldPackage) =>
  pkg.engagement.interviewQuestions.map((q) => ({ questionId: q.id, question: q.text, answer: '' }));

export const newContent = (pkg: FieldPackage, of: NewRecordOf, now: string): FieldRecordContent => {
  const common = { deviceCreatedAt: now, deviceUpdatedAt: now };
  switch (of.type) {
    case 'SITE_VISIT':
      return {
        ...common,
        type: 'SITE_VISIT',
        siteId: of.siteId,
        arrivedAt: now,
        departedAt: null,
        position: null,
        positionNote: '',
        accompaniedBy: '',
        checks: [],
        findings: '',
        signature: null,
        photos: [],
      };
    case 'INTERVIEW':
      return {
        ...common,
        type: 'INTERVIEW',
        mode: 'IN_PERSON',
        place: '',
        startedAt: now,
        interviewee: { category: 'BENEFICIARY', role: '', name: '' },
        consent: { given: false, method: null },
        answers: outlineAnswers(pkg),
        notes: '',
        linkedIndicatorIds: [],
        photos: [],
      };
    case 'SYMPOSIUM':
      return {
        ...common,
        type: 'SYMPOSIUM',
        topic: '',
        place: '',
        startedAt: now,
        participants: [{ category: 'BENEFICIARY', role: '', count: 1 }],
        answers: outlineAnswers(pkg),
        notes: '',
        linkedIndicatorIds: [],
        photos: [],
      };
    case 'SURVEY_RESPONSE': {
      const questionnaire = pkg.engagement.questionnaires.find((q) => q.id === of.questionnaireId);
      return {
        ...common,
        type: 'SURVEY_RESPONSE',
        questionnaireId: of.questionnaireId,
        respondentGroup: questionnaire?.respondentGroup ?? 'BENEFICIARY',
        channel: 'ON_SITE',
        respondentCode: '',
        answers: (questionnaire?.questions ?? []).map((q) => ({ questionId: q.id, likert: null, choice: null })),
        photos: [],
      };
    }
  }
};

export const titleOf = (pkg: FieldPackage, of: NewRecordOf): string => {
  if (of.type === 'SITE_VISIT') return pkg.sites.find((s) => s.id === of.siteId)?.name ?? '';
  if (of.type === 'SURVEY_RESPONSE')
    return pkg.engagement.questionnaires.find((q) => q.id === of.questionnaireId)?.title ?? '';
  return '';
};

/** The list title of a record the server sent back (its site, its questionnaire). */
export const titleOfServer = (pkg: FieldPackage, record: Record<string, unknown>): string => {
  if (record.type === 'SITE_VISIT') return titleOf(pkg, { type: 'SITE_VISIT', siteId: String(record.siteId) });
  if (record.type === 'SURVEY_RESPONSE')
    return titleOf(pkg, { type: 'SURVEY_RESPONSE', questionnaireId: String(record.questionnaireId) });
  return '';
};

export const newLocalRecord = (id: string, pkg: FieldPackage, of: NewRecordOf, now: string): LocalRecord => ({
  id,
  assignmentId: pkg.assignment.id,
  engagementId: pkg.engagement.id,
  type: of.type as FieldRecordType,
  title: titleOf(pkg, of),
  content: newContent(pkg, of, now),
  queued: null,
  queuedAt: null,
  createSent: null,
  serverVersion: null,
  lastSent: null,
  uploadedPhotoIds: [],
  attachedPhotoIds: [],
  attention: null,
  conflict: null,
  updatedAt: now,
});
