import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createFieldRecord,
  type FieldRecordContent,
  fieldPhotoKey,
  positionFlag,
  recordProblems,
  updateFieldRecord,
} from '#core/fieldwork/field-record.ts';
import { fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';
import { uuidV7 } from '#core/ids.ts';

/** `path code` for every issue: the schema's own message key where it names one, else the issue type. */
const failures = (schema: v.GenericSchema, input: unknown): string[] => {
  const result = v.safeParse(schema, input);
  if (result.success) return [];
  return result.issues.map((i) => `${v.getDotPath(i) ?? ''} ${/^[a-z0-9_]+$/.test(i.message) ? i.message : i.type}`);
};

const sha = 'a'.repeat(64);

const photo = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  sha256: sha,
  sizeBytes: 350_000,
  contentType: 'image/jpeg',
  width: 1600,
  height: 1200,
  caption: '新建路灯',
  takenAt: '2025-05-12T10:05:00+08:00',
  position: null,
  ...overrides,
});

const fix = (accuracyMetres = 12) => ({
  latitude: 39.0842,
  longitude: 117.2009,
  accuracyMetres,
  capturedAt: '2025-05-12T10:00:00+08:00',
});

const check = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  indicatorId: uuidV7(),
  claim: '新建路灯 120 盏',
  method: 'COUNT',
  declaredValue: '120 盏',
  observedValue: '118 盏',
  verdict: 'PARTLY',
  note: '',
  ...overrides,
});

const header = () => ({
  id: uuidV7(),
  assignmentId: uuidV7(),
  deviceCreatedAt: '2025-05-12T10:00:00+08:00',
  deviceUpdatedAt: '2025-05-12T11:00:00+08:00',
});

const siteVisit = (overrides: Record<string, unknown> = {}) => ({
  ...header(),
  type: 'SITE_VISIT',
  siteId: uuidV7(),
  arrivedAt: '2025-05-12T10:00:00+08:00',
  departedAt: '2025-05-12T11:30:00+08:00',
  position: fix(),
  positionNote: '',
  accompaniedBy: '街道办 王科长',
  checks: [check(), check({ method: 'INSPECT', observedValue: '', verdict: 'CONFIRMED' })],
  findings: '2 盏未安装',
  signature: { signerName: '王科长', signedAt: '2025-05-12T11:25:00+08:00', path: 'M10 10 L20 20 l-3.5,4' },
  photos: [photo(), photo()],
  ...overrides,
});

const interview = (overrides: Record<string, unknown> = {}) => ({
  ...header(),
  type: 'INTERVIEW',
  mode: 'IN_PERSON',
  place: '社区服务中心',
  startedAt: '2025-05-12T14:00:00+08:00',
  interviewee: { category: 'BENEFICIARY', role: '居民', name: '' },
  consent: { given: false, method: null },
  answers: [{ questionId: uuidV7(), question: '路灯是否正常亮？', answer: '基本都亮' }],
  notes: '',
  linkedIndicatorIds: [uuidV7()],
  photos: [],
  ...overrides,
});

const symposium = (overrides: Record<string, unknown> = {}) => ({
  ...header(),
  type: 'SYMPOSIUM',
  topic: '项目实施情况座谈',
  place: '街道办会议室',
  startedAt: '2025-05-13T09:00:00+08:00',
  participants: [
    { category: 'IMPLEMENTER', role: '项目负责人', count: 2 },
    { category: 'BENEFICIARY', role: '居民代表', count: 6 },
  ],
  answers: [{ questionId: null, question: '存在什么困难？', answer: '维护经费不足' }],
  notes: '',
  linkedIndicatorIds: [],
  photos: [photo()],
  ...overrides,
});

const surveyResponse = (overrides: Record<string, unknown> = {}) => ({
  ...header(),
  type: 'SURVEY_RESPONSE',
  questionnaireId: uuidV7(),
  respondentGroup: 'BENEFICIARY',
  channel: 'ON_SITE',
  respondentCode: 'R-017',
  answers: [
    { questionId: uuidV7(), likert: 5, choice: null },
    { questionId: uuidV7(), likert: null, choice: '公交' },
  ],
  photos: [],
  ...overrides,
});

/** The content `recordProblems` checks: a parsed record (text trimmed), without its id and assignment. */
const content = (input: Record<string, unknown>): FieldRecordContent => {
  const { id: _id, assignmentId: _assignment, ...rest } = v.parse(createFieldRecord, input);
  return rest as FieldRecordContent;
};
const problems = (input: Record<string, unknown>) =>
  recordProblems(content(input)).map((e) => `${e.pointer} ${e.code}`);

describe('createFieldRecord (working papers 4–7)', () => {
  it('accepts a complete record of each of the four types', () => {
    for (const record of [siteVisit(), interview(), symposium(), surveyResponse()]) {
      expect(failures(createFieldRecord, record)).toEqual([]);
    }
  });

  it('trims text as it parses', () => {
    const parsed = v.parse(createFieldRecord, siteVisit({ findings: '  2 盏未安装 \n', accompaniedBy: ' 王科长 ' }));
    expect(parsed.type === 'SITE_VISIT' && [parsed.findings, parsed.accompaniedBy]).toEqual(['2 盏未安装', '王科长']);
  });

  it('refuses an unknown type and fields the type does not have', () => {
    expect(failures(createFieldRecord, { ...siteVisit(), type: 'PHONE_CALL' })).toEqual(['type variant']);
    // A symposium has no signature; a site visit has no topic.
    expect(failures(createFieldRecord, symposium({ signature: null }))).toEqual(['signature strict_object']);
    expect(failures(createFieldRecord, siteVisit({ topic: '座谈' }))).toEqual(['topic strict_object']);
  });

  it('needs a client-made UUIDv7 id, the idempotency key of the create', () => {
    const v4 = '3b241101-e2bb-4255-8caf-4136c566a962';
    expect(failures(createFieldRecord, siteVisit({ id: v4 }))).toEqual(['id uuid_v7']);
    expect(failures(createFieldRecord, siteVisit({ assignmentId: 'a1' }))).toEqual(['assignmentId uuid_v7']);
    const { id: _id, ...withoutId } = siteVisit();
    expect(failures(createFieldRecord, withoutId)).toEqual(['id strict_object']);
  });

  it('takes ISO timestamps with an offset or Z and refuses a date or a local time', () => {
    expect(failures(createFieldRecord, siteVisit({ arrivedAt: '2025-05-12T02:00:00.123Z' }))).toEqual([]);
    expect(failures(createFieldRecord, siteVisit({ arrivedAt: '2025-05-12' }))).toEqual(['arrivedAt iso_time']);
    expect(failures(createFieldRecord, siteVisit({ arrivedAt: '2025/05/12 10:00' }))).toEqual(['arrivedAt iso_time']);
    expect(failures(createFieldRecord, siteVisit({ departedAt: null }))).toEqual([]);
  });

  describe('position', () => {
    it('accepts the edges of the globe and of the accuracy range', () => {
      for (const position of [
        { ...fix(0), latitude: 90, longitude: 180 },
        { ...fix(100_000), latitude: -90, longitude: -180 },
      ]) {
        expect(failures(createFieldRecord, siteVisit({ position }))).toEqual([]);
      }
    });

    it('refuses a latitude, longitude or accuracy just outside its range', () => {
      expect(failures(createFieldRecord, siteVisit({ position: { ...fix(), latitude: 90.0001 } }))).toEqual([
        'position.latitude max_value',
      ]);
      expect(failures(createFieldRecord, siteVisit({ position: { ...fix(), longitude: -180.0001 } }))).toEqual([
        'position.longitude min_value',
      ]);
      expect(failures(createFieldRecord, siteVisit({ position: fix(-1) }))).toEqual([
        'position.accuracyMetres min_value',
      ]);
      expect(failures(createFieldRecord, siteVisit({ position: fix(100_001) }))).toEqual([
        'position.accuracyMetres max_value',
      ]);
    });
  });

  describe('photos', () => {
    it('accepts a photo of exactly the maximum size and pixels, and refuses one byte or pixel more', () => {
      // 5 MiB = 5 × 1024 × 1024 = 5 242 880 bytes.
      expect(fieldworkDefaults.photoMaxBytes).toBe(5_242_880);
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ sizeBytes: 5_242_880 })] }))).toEqual([]);
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ sizeBytes: 5_242_881 })] }))).toEqual([
        'photos.0.sizeBytes photo_too_large',
      ]);
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ width: 1601 })] }))).toEqual([
        'photos.0.width photo_pixels',
      ]);
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ height: 1601 })] }))).toEqual([
        'photos.0.height photo_pixels',
      ]);
    });

    it('refuses an empty or fractional size, another image type, and a checksum not in lower-case hex', () => {
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ sizeBytes: 0 })] }))).toEqual([
        'photos.0.sizeBytes min_value',
      ]);
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ sizeBytes: 10.5 })] }))).toEqual([
        'photos.0.sizeBytes integer',
      ]);
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ contentType: 'image/gif' })] }))).toEqual([
        'photos.0.contentType photo_type',
      ]);
      expect(failures(createFieldRecord, siteVisit({ photos: [photo({ sha256: 'A'.repeat(64) })] }))).toEqual([
        'photos.0.sha256 sha256',
      ]);
      for (const contentType of ['image/jpeg', 'image/png', 'image/webp']) {
        expect(failures(createFieldRecord, siteVisit({ photos: [photo({ contentType })] }))).toEqual([]);
      }
    });

    it('takes up to 30 photos on a record', () => {
      const many = (n: number) => Array.from({ length: n }, () => photo());
      expect(failures(createFieldRecord, interview({ photos: many(30) }))).toEqual([]);
      expect(failures(createFieldRecord, interview({ photos: many(31) }))).toEqual(['photos max_items']);
    });
  });

  describe('site visit', () => {
    it('takes up to 60 checks, each with a known method, and leaves the verdict to the completeness rules', () => {
      const many = (n: number) => Array.from({ length: n }, () => check());
      expect(failures(createFieldRecord, siteVisit({ checks: many(60) }))).toEqual([]);
      expect(failures(createFieldRecord, siteVisit({ checks: many(61) }))).toEqual(['checks max_items']);
      expect(failures(createFieldRecord, siteVisit({ checks: [check({ method: 'GUESS' })] }))).toEqual([
        'checks.0.method picklist',
      ]);
      expect(failures(createFieldRecord, siteVisit({ checks: [check({ verdict: 'MAYBE' })] }))).toEqual([
        'checks.0.verdict picklist',
      ]);
      // A draft may still lack a verdict: the shape allows it, recordProblems does not.
      expect(failures(createFieldRecord, siteVisit({ checks: [check({ verdict: null })] }))).toEqual([]);
    });

    it('keeps a signature as SVG path data only', () => {
      const signed = (path: string) => siteVisit({ signature: { ...siteVisit().signature, path } });
      expect(failures(createFieldRecord, signed('M0 0 L100.5,20 m-1 -2'))).toEqual([]);
      expect(failures(createFieldRecord, signed('<svg onload="x()"/>'))).toEqual(['signature.path signature_path']);
      expect(failures(createFieldRecord, signed('M0 0 C 1 2 3 4 5 6'))).toEqual(['signature.path signature_path']);
      expect(failures(createFieldRecord, signed('M'.repeat(40_001)))).toEqual(['signature.path max_length']);
      expect(
        failures(createFieldRecord, siteVisit({ signature: { ...siteVisit().signature, signerName: '  ' } })),
      ).toEqual(['signature.signerName not_blank', 'signature.signerName min_length']);
    });
  });

  describe('interview', () => {
    it('refuses an unknown mode, category or consent method, and a blank role', () => {
      expect(failures(createFieldRecord, interview({ mode: 'EMAIL' }))).toEqual(['mode picklist']);
      expect(
        failures(createFieldRecord, interview({ interviewee: { category: 'NEIGHBOUR', role: '居民', name: '' } })),
      ).toEqual(['interviewee.category picklist']);
      expect(failures(createFieldRecord, interview({ consent: { given: true, method: 'NOD' } }))).toEqual([
        'consent.method picklist',
      ]);
      expect(
        failures(createFieldRecord, interview({ interviewee: { category: 'OTHER', role: ' ', name: '' } })),
      ).toEqual(['interviewee.role not_blank', 'interviewee.role min_length']);
    });

    it('needs a question for every answer, which may be a free question without an outline id', () => {
      expect(
        failures(createFieldRecord, interview({ answers: [{ questionId: null, question: '补充', answer: '' }] })),
      ).toEqual([]);
      expect(
        failures(createFieldRecord, interview({ answers: [{ questionId: null, question: '', answer: '有' }] })),
      ).toEqual(['answers.0.question not_blank', 'answers.0.question min_length']);
    });

    it('links at most 20 indicators', () => {
      const ids = (n: number) => Array.from({ length: n }, () => uuidV7());
      expect(failures(createFieldRecord, interview({ linkedIndicatorIds: ids(20) }))).toEqual([]);
      expect(failures(createFieldRecord, interview({ linkedIndicatorIds: ids(21) }))).toEqual([
        'linkedIndicatorIds max_items',
      ]);
    });
  });

  describe('symposium', () => {
    it('needs at least one group of participants, each of 1 to 500 people', () => {
      const group = (count: unknown) => [{ category: 'IMPLEMENTER', role: '项目负责人', count }];
      expect(failures(createFieldRecord, symposium({ participants: [] }))).toEqual(['participants min_items']);
      expect(failures(createFieldRecord, symposium({ participants: group(1) }))).toEqual([]);
      expect(failures(createFieldRecord, symposium({ participants: group(500) }))).toEqual([]);
      expect(failures(createFieldRecord, symposium({ participants: group(0) }))).toEqual([
        'participants.0.count min_value',
      ]);
      expect(failures(createFieldRecord, symposium({ participants: group(501) }))).toEqual([
        'participants.0.count max_value',
      ]);
      expect(failures(createFieldRecord, symposium({ participants: group(2.5) }))).toEqual([
        'participants.0.count integer',
      ]);
    });

    it('needs a topic', () => {
      expect(failures(createFieldRecord, symposium({ topic: '' }))).toEqual(['topic not_blank', 'topic min_length']);
    });
  });

  describe('questionnaire response', () => {
    const answer = (likert: unknown, choice: unknown = null) =>
      surveyResponse({ answers: [{ questionId: uuidV7(), likert, choice }] });

    it('takes Likert answers 1 to 5 or none, and refuses 0, 6 and halves', () => {
      for (const likert of [1, 2, 3, 4, 5, null]) expect(failures(createFieldRecord, answer(likert))).toEqual([]);
      expect(failures(createFieldRecord, answer(0))).toEqual(['answers.0.likert min_value']);
      expect(failures(createFieldRecord, answer(6))).toEqual(['answers.0.likert max_value']);
      expect(failures(createFieldRecord, answer(2.5))).toEqual(['answers.0.likert integer']);
    });

    it('takes a choice of 1 to 40 characters, or none', () => {
      expect(failures(createFieldRecord, answer(null, '公交'))).toEqual([]);
      expect(failures(createFieldRecord, answer(null, ''))).toEqual([
        'answers.0.choice not_blank',
        'answers.0.choice min_length',
      ]);
      expect(failures(createFieldRecord, answer(null, '字'.repeat(41)))).toEqual(['answers.0.choice max_length']);
    });

    it('refuses an unknown respondent group or channel, and more than 40 answers', () => {
      expect(failures(createFieldRecord, surveyResponse({ respondentGroup: 'VIP' }))).toEqual([
        'respondentGroup picklist',
      ]);
      expect(failures(createFieldRecord, surveyResponse({ channel: 'EMAIL' }))).toEqual(['channel picklist']);
      const answers = (n: number) =>
        Array.from({ length: n }, () => ({ questionId: uuidV7(), likert: 4, choice: null }));
      expect(failures(createFieldRecord, surveyResponse({ answers: answers(40) }))).toEqual([]);
      expect(failures(createFieldRecord, surveyResponse({ answers: answers(41) }))).toEqual(['answers max_items']);
    });
  });
});

describe('updateFieldRecord', () => {
  const asUpdate = (record: Record<string, unknown>, version: unknown = 3) => {
    const { id: _id, assignmentId: _assignment, ...rest } = record;
    return { ...rest, version };
  };

  it('replaces the content of each type at a version', () => {
    for (const record of [siteVisit(), interview(), symposium(), surveyResponse()]) {
      expect(failures(updateFieldRecord, asUpdate(record))).toEqual([]);
    }
  });

  it('keeps the id and the assignment: an edit may not carry them', () => {
    expect(failures(updateFieldRecord, { ...asUpdate(siteVisit()), id: uuidV7() })).toEqual(['id strict_object']);
    expect(failures(updateFieldRecord, { ...asUpdate(interview()), assignmentId: uuidV7() })).toEqual([
      'assignmentId strict_object',
    ]);
  });

  it('needs a whole version from 1', () => {
    expect(failures(updateFieldRecord, asUpdate(siteVisit(), 1))).toEqual([]);
    expect(failures(updateFieldRecord, asUpdate(siteVisit(), 0))).toEqual(['version min_value']);
    expect(failures(updateFieldRecord, asUpdate(siteVisit(), 1.5))).toEqual(['version integer']);
    const { version: _version, ...unversioned } = asUpdate(siteVisit());
    expect(failures(updateFieldRecord, unversioned)).toEqual(['version strict_object']);
  });

  it('applies the same content rules as a create', () => {
    expect(failures(updateFieldRecord, asUpdate(siteVisit({ photos: [photo({ contentType: 'image/gif' })] })))).toEqual(
      ['photos.0.contentType photo_type'],
    );
  });
});

describe('positionFlag (the engagement GPS accuracy limit)', () => {
  const limit = fieldworkDefaults.gpsAccuracyLimitMetres;

  it('defaults to 50 metres', () => {
    expect(limit).toBe(50);
  });

  it('does not flag a fix exactly at the limit, and flags one a metre over', () => {
    expect(positionFlag({ position: fix(50) }, limit)).toBeNull();
    expect(positionFlag({ position: fix(51) }, limit)).toBe('INACCURATE');
    expect(positionFlag({ position: fix(50.01) }, limit)).toBe('INACCURATE');
    expect(positionFlag({ position: fix(0) }, limit)).toBeNull();
  });

  it('follows the engagement’s own limit', () => {
    expect(positionFlag({ position: fix(120) }, 200)).toBeNull();
    expect(positionFlag({ position: fix(12) }, 10)).toBe('INACCURATE');
  });

  it('flags a record with no fix at all, whatever the limit', () => {
    expect(positionFlag({ position: null }, limit)).toBe('NO_FIX');
    expect(positionFlag({ position: null }, 5000)).toBe('NO_FIX');
  });
});

describe('recordProblems (what a finished record must have)', () => {
  it('passes a complete record of each type', () => {
    for (const record of [siteVisit(), interview(), symposium(), surveyResponse()])
      expect(problems(record)).toEqual([]);
  });

  describe('site visit', () => {
    it('refuses a check with verdict null', () => {
      const checks = [check(), check({ verdict: null, observedValue: '' })];
      expect(problems(siteVisit({ checks }))).toEqual(['/checks/1/verdict verdict_required']);
    });

    it('needs an observed value for a verdict, except for a plain inspection or when it cannot be verified', () => {
      expect(problems(siteVisit({ checks: [check({ observedValue: '', verdict: 'CONFIRMED' })] }))).toEqual([
        '/checks/0/observedValue observed_required',
      ]);
      expect(problems(siteVisit({ checks: [check({ observedValue: ' ', verdict: 'NOT_CONFIRMED' })] }))).toEqual([
        '/checks/0/observedValue observed_required',
      ]);
      expect(
        problems(siteVisit({ checks: [check({ method: 'INSPECT', observedValue: '', verdict: 'CONFIRMED' })] })),
      ).toEqual([]);
      expect(problems(siteVisit({ checks: [check({ observedValue: '', verdict: 'CANNOT_VERIFY' })] }))).toEqual([]);
    });

    it('refuses a departure before the arrival, and takes one at the same moment', () => {
      expect(
        problems(siteVisit({ arrivedAt: '2025-05-12T10:00:00+08:00', departedAt: '2025-05-12T09:59:59+08:00' })),
      ).toEqual(['/departedAt departure_before_arrival']);
      expect(
        problems(siteVisit({ arrivedAt: '2025-05-12T10:00:00+08:00', departedAt: '2025-05-12T10:00:00+08:00' })),
      ).toEqual([]);
      expect(problems(siteVisit({ departedAt: null }))).toEqual([]);
    });

    it('compares arrival and departure as instants, across time zones', () => {
      // 10:00 in Beijing is 02:00 UTC: leaving at 03:00 UTC is an hour later, at 01:59 UTC a minute earlier.
      const arrivedAt = '2025-05-12T10:00:00+08:00';
      expect(problems(siteVisit({ arrivedAt, departedAt: '2025-05-12T03:00:00Z' }))).toEqual([]);
      expect(problems(siteVisit({ arrivedAt, departedAt: '2025-05-12T01:59:00Z' }))).toEqual([
        '/departedAt departure_before_arrival',
      ]);
    });

    it('needs a note when there is no position, and none when there is one', () => {
      expect(problems(siteVisit({ position: null, positionNote: '' }))).toEqual([
        '/positionNote position_note_required',
      ]);
      expect(problems(siteVisit({ position: null, positionNote: '   ' }))).toEqual([
        '/positionNote position_note_required',
      ]);
      expect(problems(siteVisit({ position: null, positionNote: '地下室无信号' }))).toEqual([]);
    });

    it('refuses a site visit without the signature of the unit’s representative', () => {
      expect(problems(siteVisit({ signature: null }))).toEqual(['/signature signature_required']);
    });

    it('reports every problem at once, in order', () => {
      const record = siteVisit({
        checks: [check({ verdict: null }), check({ observedValue: '' })],
        arrivedAt: '2025-05-12T10:00:00+08:00',
        departedAt: '2025-05-12T08:00:00+08:00',
        position: null,
        signature: null,
      });
      const photoId = uuidV7();
      record.photos = [photo({ id: photoId }), photo({ id: photoId })];
      expect(problems(record)).toEqual([
        '/checks/0/verdict verdict_required',
        '/checks/1/observedValue observed_required',
        '/departedAt departure_before_arrival',
        '/positionNote position_note_required',
        '/signature signature_required',
        '/photos duplicate_id',
      ]);
    });
  });

  describe('interview', () => {
    it('refuses a name given without consent', () => {
      const record = interview({
        interviewee: { category: 'BENEFICIARY', role: '居民', name: '张三' },
        consent: { given: false, method: null },
      });
      expect(problems(record)).toEqual(['/interviewee/name name_without_consent']);
    });

    it('takes a name with consent, and an unnamed interviewee without it', () => {
      expect(
        problems(
          interview({
            interviewee: { category: 'IMPLEMENTER', role: '项目负责人', name: '李四' },
            consent: { given: true, method: 'WRITTEN' },
          }),
        ),
      ).toEqual([]);
      expect(
        problems(
          interview({
            interviewee: { category: 'BENEFICIARY', role: '居民', name: '  ' },
            consent: { given: false, method: null },
          }),
        ),
      ).toEqual([]);
    });

    it('needs the method of a consent that was given', () => {
      expect(problems(interview({ consent: { given: true, method: null } }))).toEqual([
        '/consent/method consent_method_required',
      ]);
      expect(problems(interview({ consent: { given: true, method: 'VERBAL' } }))).toEqual([]);
    });

    it('does not ask an interview for a signature or a position', () => {
      // Site-visit rules do not leak into other types.
      expect(problems(interview({ photos: [] }))).toEqual([]);
    });
  });

  it('refuses a photo declared twice on any type of record', () => {
    for (const make of [siteVisit, interview, symposium, surveyResponse]) {
      const id = uuidV7();
      expect(problems(make({ photos: [photo({ id }), photo(), photo({ id })] }))).toEqual(['/photos duplicate_id']);
    }
  });
});

describe('fieldPhotoKey', () => {
  it('puts a photo under its tenant, engagement and assignment, named by its id', () => {
    const [engagement, assignment, photoId] = [uuidV7(), uuidV7(), uuidV7()];
    expect(fieldPhotoKey('tj-dongli', engagement, assignment, photoId)).toBe(
      `T/tj-dongli/fieldwork/${engagement}/${assignment}/${photoId}`,
    );
  });

  it('gives two evaluators of one engagement separate prefixes', () => {
    const [engagement, mine, theirs, photoId] = [uuidV7(), uuidV7(), uuidV7(), uuidV7()];
    const myPrefix = `T/t1/fieldwork/${engagement}/${mine}/`;
    expect(fieldPhotoKey('t1', engagement, mine, photoId).startsWith(myPrefix)).toBe(true);
    expect(fieldPhotoKey('t1', engagement, theirs, photoId).startsWith(myPrefix)).toBe(false);
  });
});
