import * as v from 'valibot';
import { sha256Hex } from '#core/evidence/attachment.ts';
import { respondentGroupCodes } from '#core/fieldwork/engagement.ts';
import { fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';
import type { Localized } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';
import { recordMeta, text, uuidV7Id, version } from '#core/schema-parts.ts';

/**
 * What an evaluator records in the field (docs/domain/fieldwork.md#field-records): site
 * verifications, interviews, symposia and questionnaire responses. Each is made on the phone,
 * offline, with a client-made UUIDv7 id that is also its idempotency key (docs/architecture.md#idempotency). Device
 * times are kept beside the server's receipt time.
 */
export const fieldRecordTypes = {
  SITE_VISIT: { 'zh-CN': '现场核查', en: 'Site verification' },
  INTERVIEW: { 'zh-CN': '访谈', en: 'Interview' },
  SYMPOSIUM: { 'zh-CN': '座谈', en: 'Symposium' },
  SURVEY_RESPONSE: { 'zh-CN': '满意度问卷', en: 'Satisfaction questionnaire' },
} as const satisfies Record<string, Localized>;
export type FieldRecordType = keyof typeof fieldRecordTypes;

export const verdicts = {
  CONFIRMED: { 'zh-CN': '属实', en: 'Confirmed' },
  PARTLY: { 'zh-CN': '部分属实', en: 'Partly confirmed' },
  NOT_CONFIRMED: { 'zh-CN': '不属实', en: 'Not confirmed' },
  CANNOT_VERIFY: { 'zh-CN': '无法核实', en: 'Cannot verify' },
} as const satisfies Record<string, Localized>;
export type Verdict = keyof typeof verdicts;
export const verdictCodes = Object.keys(verdicts) as [Verdict, ...Verdict[]];

export const checkMethods = {
  INSPECT: { 'zh-CN': '查看', en: 'Inspect' },
  MEASURE: { 'zh-CN': '测量', en: 'Measure' },
  COUNT: { 'zh-CN': '清点', en: 'Count' },
  SAMPLE: { 'zh-CN': '抽查', en: 'Sample' },
  TEST_RUN: { 'zh-CN': '试运行', en: 'Test run' },
} as const satisfies Record<string, Localized>;
export type CheckMethod = keyof typeof checkMethods;

export const intervieweeCategories = {
  COMPETENT_DEPARTMENT: { 'zh-CN': '主管部门', en: 'Competent department' },
  IMPLEMENTER: { 'zh-CN': '实施单位', en: 'Implementer' },
  BENEFICIARY: { 'zh-CN': '受益对象', en: 'Beneficiary' },
  OTHER: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<string, Localized>;
export type IntervieweeCategory = keyof typeof intervieweeCategories;
const intervieweeCategory = v.picklist(Object.keys(intervieweeCategories) as [IntervieweeCategory]);

const timestamp = v.pipe(v.string(), v.isoTimestamp('iso_time'));

export const position = v.strictObject({
  latitude: v.pipe(v.number(), v.minValue(-90), v.maxValue(90)),
  longitude: v.pipe(v.number(), v.minValue(-180), v.maxValue(180)),
  /** The browser's 95 % radius, in metres. */
  accuracyMetres: v.pipe(v.number(), v.minValue(0), v.maxValue(100_000)),
  capturedAt: timestamp,
});
export type Position = v.InferOutput<typeof position>;

export const photoTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** A photo as the device declares it: the bytes follow through a presigned upload. */
export const declaredPhoto = v.strictObject({
  id: uuidV7Id,
  sha256: sha256Hex,
  sizeBytes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1),
    v.maxValue(fieldworkDefaults.photoMaxBytes, 'photo_too_large'),
  ),
  contentType: v.picklist(photoTypes, 'photo_type'),
  width: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(fieldworkDefaults.photoMaxPixels, 'photo_pixels')),
  height: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(fieldworkDefaults.photoMaxPixels, 'photo_pixels')),
  caption: text(0, 200),
  takenAt: timestamp,
  position: v.nullable(position),
});
export type DeclaredPhoto = v.InferOutput<typeof declaredPhoto>;

export const check = v.strictObject({
  id: uuidV7Id,
  /** The framework indicator this item verifies, if any. */
  indicatorId: v.nullable(uuidV7Id),
  /** What the department claimed (copied to the phone with the assignment), or what is checked. */
  claim: text(0, 200),
  method: v.picklist(Object.keys(checkMethods) as [CheckMethod]),
  declaredValue: text(0, 60),
  observedValue: text(0, 60),
  verdict: v.nullable(v.picklist(verdictCodes)),
  note: text(0, 500),
});
export type Check = v.InferOutput<typeof check>;

/** A signature drawn on the screen, kept as SVG path data (a few KB) with the signer's name. */
export const signature = v.strictObject({
  signerName: text(1, 40),
  signedAt: timestamp,
  path: v.pipe(
    v.string(),
    v.minLength(3, 'signature_path'),
    v.maxLength(40_000),
    v.regex(/^[MLml][MLml0-9 .,-]*$/, 'signature_path'),
  ),
});

const answer = v.strictObject({
  /** The engagement's outline question, or null for a question asked freely. */
  questionId: v.nullable(uuidV7Id),
  question: text(1, 300),
  answer: text(0, 2000),
});

const linkedIndicatorIds = v.pipe(v.array(uuidV7Id), v.maxLength(20, 'max_items'));
const photos = v.pipe(v.array(declaredPhoto), v.maxLength(30, 'max_items'));

const siteVisit = {
  type: v.literal('SITE_VISIT'),
  siteId: uuidV7Id,
  arrivedAt: timestamp,
  departedAt: v.nullable(timestamp),
  position: v.nullable(position),
  /** Why there is no position (no fix indoors, refused permission…). */
  positionNote: text(0, 200),
  /** 陪同人员: who of the evaluated unit came along. */
  accompaniedBy: text(0, 100),
  checks: v.pipe(v.array(check), v.maxLength(60, 'max_items')),
  findings: text(0, 4000),
  signature: v.nullable(signature),
  photos,
};

const interview = {
  type: v.literal('INTERVIEW'),
  mode: v.picklist(['IN_PERSON', 'PHONE', 'VIDEO']),
  place: text(0, 100),
  startedAt: timestamp,
  interviewee: v.strictObject({
    category: intervieweeCategory,
    role: text(1, 60),
    /** Only with recorded consent (see `interviewProblems`). */
    name: text(0, 40),
  }),
  consent: v.strictObject({ given: v.boolean(), method: v.nullable(v.picklist(['VERBAL', 'WRITTEN'])) }),
  answers: v.pipe(v.array(answer), v.maxLength(60, 'max_items')),
  notes: text(0, 4000),
  linkedIndicatorIds,
  photos,
};

const symposium = {
  type: v.literal('SYMPOSIUM'),
  topic: text(1, 100),
  place: text(0, 100),
  startedAt: timestamp,
  participants: v.pipe(
    v.array(
      v.strictObject({
        category: intervieweeCategory,
        role: text(1, 60),
        count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(500)),
      }),
    ),
    v.minLength(1, 'min_items'),
    v.maxLength(30, 'max_items'),
  ),
  answers: v.pipe(v.array(answer), v.maxLength(60, 'max_items')),
  notes: text(0, 4000),
  linkedIndicatorIds,
  photos,
};

const surveyResponse = {
  type: v.literal('SURVEY_RESPONSE'),
  questionnaireId: uuidV7Id,
  respondentGroup: v.picklist(respondentGroupCodes),
  channel: v.picklist(['ON_SITE', 'PHONE', 'ONLINE']),
  /** A de-identified respondent code, never a name. */
  respondentCode: text(0, 40),
  answers: v.pipe(
    v.array(
      v.strictObject({
        questionId: uuidV7Id,
        /** 1 = 非常不满意 … 5 = 非常满意; null when not answered. */
        likert: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))),
        choice: v.nullable(text(1, 40)),
      }),
    ),
    v.maxLength(40, 'max_items'),
  ),
  photos,
};

const common = { deviceCreatedAt: timestamp, deviceUpdatedAt: timestamp };
const created = { id: uuidV7Id, assignmentId: uuidV7Id, ...common };
const updated = { version, ...common };

export const createFieldRecord = v.variant('type', [
  v.strictObject({ ...created, ...siteVisit }),
  v.strictObject({ ...created, ...interview }),
  v.strictObject({ ...created, ...symposium }),
  v.strictObject({ ...created, ...surveyResponse }),
]);
export type CreateFieldRecord = v.InferOutput<typeof createFieldRecord>;

/** An edit replaces the content; the type, the assignment and the id stay. */
export const updateFieldRecord = v.variant('type', [
  v.strictObject({ ...updated, ...siteVisit }),
  v.strictObject({ ...updated, ...interview }),
  v.strictObject({ ...updated, ...symposium }),
  v.strictObject({ ...updated, ...surveyResponse }),
]);
export type UpdateFieldRecord = v.InferOutput<typeof updateFieldRecord>;

/** What the server adds: who, for which engagement, when it arrived, and its evidence flags. */
const stored = {
  ...recordMeta,
  engagementId: v.string(),
  evaluatorId: v.string(),
  evaluatorName: v.string(),
  agencyId: v.string(),
  departmentId: v.string(),
  /** Server receipt of the first copy (the arrival, for a site visit). */
  receivedAt: v.string(),
  /** Server receipt of the copy that first carried the departure. */
  departureReceivedAt: v.nullable(v.string()),
  /** Position worse than the engagement's limit, or no fix at all. */
  positionFlag: v.nullable(v.picklist(['INACCURATE', 'NO_FIX'])),
};

export const fieldRecord = v.variant('type', [
  v.object({ ...stored, ...common, assignmentId: v.string(), ...siteVisit }),
  v.object({ ...stored, ...common, assignmentId: v.string(), ...interview }),
  v.object({ ...stored, ...common, assignmentId: v.string(), ...symposium }),
  v.object({ ...stored, ...common, assignmentId: v.string(), ...surveyResponse }),
]);
export type FieldRecord = v.InferOutput<typeof fieldRecord>;
/** The content of a record, by type (Omit on each member, so the union stays discriminated). */
export type FieldRecordContent = CreateFieldRecord extends infer R
  ? R extends unknown
    ? Omit<R, 'id' | 'assignmentId'>
    : never
  : never;

/** A photo the server has received and checked, one record per photo. */
export const fieldPhoto = v.object({
  ...recordMeta,
  recordId: v.string(),
  engagementId: v.string(),
  assignmentId: v.string(),
  key: v.string(),
  sha256: v.string(),
  sizeBytes: v.number(),
  contentType: v.string(),
});
export type FieldPhoto = v.InferOutput<typeof fieldPhoto>;

export const photoUploadRequest = v.strictObject({
  id: uuidV7Id,
  contentType: declaredPhoto.entries.contentType,
  sizeBytes: declaredPhoto.entries.sizeBytes,
  sha256: sha256Hex,
});

/** Where a photo's bytes go: the evaluator's own assignment prefix, named by the photo's id. */
export const fieldPhotoKey = (tenant: string, engagementId: string, assignmentId: string, photoId: string): string =>
  `T/${tenant}/fieldwork/${engagementId}/${assignmentId}/${photoId}`;

/** The position flag a record carries for the engagement's accuracy limit. */
export const positionFlag = (
  record: { position: Position | null },
  limitMetres: number,
): 'INACCURATE' | 'NO_FIX' | null => {
  if (!record.position) return 'NO_FIX';
  return record.position.accuracyMetres > limitMetres ? 'INACCURATE' : null;
};

/**
 * A site visit is closed once the server holds its departure: its times, position, checks and the
 * site representative's signature are the evidence that the visit happened as written, and an edit
 * afterwards would make the signed record say what nobody signed. Until then the evaluator may
 * still change it (the departure is usually added when leaving). Photos already declared are still
 * uploaded and attached after closing.
 */
export const isClosedVisit = (record: { type: string; departedAt?: string | null } | null | undefined): boolean =>
  record?.type === 'SITE_VISIT' && typeof record.departedAt === 'string';

/**
 * What a finished record must have beyond its shape, checked on the phone before it is queued and
 * again by the server: every check has a verdict, departure is not before arrival, a missing
 * position is explained, a site visit is signed; an interviewee is named only with consent.
 */
export const recordProblems = (record: FieldRecordContent): FieldError[] => {
  const errors: FieldError[] = [];
  const add = (pointer: string, code: string) => errors.push({ pointer, code, message: code });
  switch (record.type) {
    case 'SITE_VISIT':
      record.checks.forEach((c, i) => {
        if (c.verdict === null) add(`/checks/${i}/verdict`, 'verdict_required');
        if (
          c.verdict !== null &&
          c.verdict !== 'CANNOT_VERIFY' &&
          c.observedValue.trim() === '' &&
          c.method !== 'INSPECT'
        )
          add(`/checks/${i}/observedValue`, 'observed_required');
      });
      if (record.departedAt !== null && Date.parse(record.departedAt) < Date.parse(record.arrivedAt))
        add('/departedAt', 'departure_before_arrival');
      if (record.position === null && record.positionNote.trim() === '') add('/positionNote', 'position_note_required');
      if (record.signature === null) add('/signature', 'signature_required');
      break;
    case 'INTERVIEW':
      if (record.interviewee.name.trim() !== '' && !record.consent.given)
        add('/interviewee/name', 'name_without_consent');
      if (record.consent.given && record.consent.method === null) add('/consent/method', 'consent_method_required');
      break;
    case 'SYMPOSIUM':
    case 'SURVEY_RESPONSE':
      break;
  }
  const ids = new Set(record.photos.map((p) => p.id));
  if (ids.size !== record.photos.length) add('/photos', 'duplicate_id');
  return errors;
};
