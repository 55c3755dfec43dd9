import { describe, expect, it } from 'vitest';
import type {
  Engagement,
  FrameworkIndicator,
  InterviewQuestion,
  Questionnaire,
  SurveyQuestion,
} from '#core/fieldwork/engagement.ts';
import type { Check, DeclaredPhoto, FieldRecordContent, Verdict } from '#core/fieldwork/field-record.ts';
import { indicatorEvidence, verdictTally } from '#core/fieldwork/indicator-evidence.ts';
import { type SurveySummary, summariseSurvey } from '#core/fieldwork/survey-summary.ts';
import { uuidV7 } from '#core/ids.ts';

type Content<T extends FieldRecordContent['type']> = Extract<FieldRecordContent, { type: T }> & { id: string };

const stamp = '2025-05-12T10:00:00+08:00';
const times = { deviceCreatedAt: stamp, deviceUpdatedAt: stamp };

const indicator = (name: string, level1: FrameworkIndicator['level1'] = 'OUTPUT'): FrameworkIndicator => ({
  id: uuidV7(),
  level1,
  level2: '产出数量',
  name,
  source: 'TARGET',
  target: '≥ 120 盏',
  points: 10,
  standard: '按比例计分',
  claim: null,
});

const photo = (): DeclaredPhoto => ({
  id: uuidV7(),
  sha256: 'b'.repeat(64),
  sizeBytes: 1000,
  contentType: 'image/jpeg',
  width: 800,
  height: 600,
  caption: '',
  takenAt: stamp,
  position: null,
});

const check = (indicatorId: string | null, verdict: Verdict | null, observedValue = '118 盏'): Check => ({
  id: uuidV7(),
  indicatorId,
  claim: '新建路灯 120 盏',
  method: 'COUNT',
  declaredValue: '120 盏',
  observedValue,
  verdict,
  note: '',
});

const siteVisit = (checks: Check[], photos: DeclaredPhoto[] = []): Content<'SITE_VISIT'> => ({
  id: uuidV7(),
  type: 'SITE_VISIT',
  ...times,
  siteId: uuidV7(),
  arrivedAt: stamp,
  departedAt: null,
  position: null,
  positionNote: '室内',
  accompaniedBy: '',
  checks,
  findings: '',
  signature: { signerName: '王科长', signedAt: stamp, path: 'M0 0 L1 1' },
  photos,
});

type Answer = { questionId: string | null; question: string; answer: string };

const interview = (answers: Answer[], linkedIndicatorIds: string[] = []): Content<'INTERVIEW'> => ({
  id: uuidV7(),
  type: 'INTERVIEW',
  ...times,
  mode: 'IN_PERSON',
  place: '',
  startedAt: stamp,
  interviewee: { category: 'IMPLEMENTER', role: '项目负责人', name: '' },
  consent: { given: false, method: null },
  answers,
  notes: '',
  linkedIndicatorIds,
  photos: [],
});

const symposium = (answers: Answer[], linkedIndicatorIds: string[] = []): Content<'SYMPOSIUM'> => ({
  id: uuidV7(),
  type: 'SYMPOSIUM',
  ...times,
  topic: '座谈',
  place: '',
  startedAt: stamp,
  participants: [{ category: 'BENEFICIARY', role: '居民代表', count: 5 }],
  answers,
  notes: '',
  linkedIndicatorIds,
  photos: [],
});

const response = (q: Questionnaire, likerts: (number | null)[]): Content<'SURVEY_RESPONSE'> => ({
  id: uuidV7(),
  type: 'SURVEY_RESPONSE',
  ...times,
  questionnaireId: q.id,
  respondentGroup: q.respondentGroup,
  channel: 'ON_SITE',
  respondentCode: '',
  answers: q.questions
    .filter((x) => x.kind === 'LIKERT')
    .map((x, i) => ({ questionId: x.id, likert: likerts[i] ?? null, choice: null })),
  photos: [],
});

const likert = (indicatorId: string | null): SurveyQuestion => ({
  id: uuidV7(),
  text: '满意吗？',
  kind: 'LIKERT',
  options: [],
  indicatorId,
});

type Plan = Pick<Engagement, 'indicators' | 'interviewQuestions' | 'questionnaires'>;

/** Four indicators: lamps (checked on site), fund use (asked about), satisfaction (surveyed), rules (nothing yet). */
const setUp = () => {
  const lamps = indicator('新建路灯数量');
  const funds = indicator('资金使用合规性', 'PROCESS');
  const satisfaction = indicator('居民满意度', 'BENEFIT');
  const rules = indicator('制度执行有效性', 'PROCESS');
  const onFunds: InterviewQuestion = { id: uuidV7(), text: '资金是否专款专用？', indicatorIds: [funds.id] };
  const onBoth: InterviewQuestion = {
    id: uuidV7(),
    text: '路灯建了多少，钱怎么花的？',
    indicatorIds: [lamps.id, funds.id],
  };
  const survey: Questionnaire = {
    id: uuidV7(),
    title: '居民满意度问卷',
    respondentGroup: 'BENEFICIARY',
    groupWeight: 100,
    minimumSample: 3,
    questions: [
      likert(satisfaction.id),
      likert(null),
      { id: uuidV7(), text: '出行方式', kind: 'CHOICE', options: ['步行', '公交'], indicatorId: satisfaction.id },
    ],
  };
  const plan: Plan = {
    indicators: [lamps, funds, satisfaction, rules],
    interviewQuestions: [onFunds, onBoth],
    questionnaires: [survey],
  };
  return { lamps, funds, satisfaction, rules, onFunds, onBoth, survey, plan };
};

describe('verdictTally', () => {
  it('counts each verdict and ignores checks still without one', () => {
    expect(verdictTally(['CONFIRMED', 'CONFIRMED', 'PARTLY', null, 'NOT_CONFIRMED', 'CANNOT_VERIFY', null])).toEqual({
      CONFIRMED: 2,
      PARTLY: 1,
      NOT_CONFIRMED: 1,
      CANNOT_VERIFY: 1,
    });
  });

  it('gives every verdict a zero when there is nothing to count', () => {
    expect(verdictTally([])).toEqual({ CONFIRMED: 0, PARTLY: 0, NOT_CONFIRMED: 0, CANNOT_VERIFY: 0 });
    expect(verdictTally([null, null])).toEqual({ CONFIRMED: 0, PARTLY: 0, NOT_CONFIRMED: 0, CANNOT_VERIFY: 0 });
  });
});

describe('indicatorEvidence', () => {
  it('gives one entry per indicator, in the framework’s order, even with no records', () => {
    const { plan } = setUp();
    const evidence = indicatorEvidence(plan, []);
    expect(evidence.map((e) => e.indicatorId)).toEqual(plan.indicators.map((i) => i.id));
    for (const e of evidence.filter((x) => x.indicatorId !== plan.indicators[2]!.id)) {
      expect(e).toMatchObject({ checks: [], conversations: [], surveys: [] });
      expect(e.verdicts).toEqual({ CONFIRMED: 0, PARTLY: 0, NOT_CONFIRMED: 0, CANNOT_VERIFY: 0 });
    }
  });

  it('gathers the site checks of an indicator across visits, with their verdicts and the visit’s photos', () => {
    const { lamps, funds, plan } = setUp();
    const first = siteVisit(
      [check(lamps.id, 'CONFIRMED'), check(lamps.id, 'PARTLY'), check(null, 'CONFIRMED')],
      [photo(), photo()],
    );
    const second = siteVisit([check(lamps.id, null, ''), check(funds.id, 'NOT_CONFIRMED')]);
    const [forLamps, forFunds] = indicatorEvidence(plan, [first, second]);
    expect(forLamps!.checks.map((c) => [c.recordId, c.siteId, c.verdict, c.photoCount])).toEqual([
      [first.id, first.siteId, 'CONFIRMED', 2],
      [first.id, first.siteId, 'PARTLY', 2],
      [second.id, second.siteId, null, 0],
    ]);
    expect(forLamps!.checks[0]).toMatchObject({
      claim: '新建路灯 120 盏',
      declaredValue: '120 盏',
      observedValue: '118 盏',
    });
    // The check still without a verdict is listed but not counted; the check on no indicator goes nowhere.
    expect(forLamps!.verdicts).toEqual({ CONFIRMED: 1, PARTLY: 1, NOT_CONFIRMED: 0, CANNOT_VERIFY: 0 });
    expect(forFunds!.checks.map((c) => c.recordId)).toEqual([second.id]);
    expect(forFunds!.verdicts).toEqual({ CONFIRMED: 0, PARTLY: 0, NOT_CONFIRMED: 1, CANNOT_VERIFY: 0 });
  });

  it('gathers the answers to outline questions linked to an indicator, from interviews and symposia', () => {
    const { lamps, funds, onFunds, onBoth, plan } = setUp();
    const talk = interview([
      { questionId: onFunds.id, question: onFunds.text, answer: '专款专用' },
      { questionId: onBoth.id, question: onBoth.text, answer: '建了 118 盏' },
      { questionId: null, question: '还有什么意见？', answer: '希望增加维护' },
      { questionId: uuidV7(), question: '不在提纲中的题', answer: '……' },
    ]);
    const meeting = symposium([{ questionId: onBoth.id, question: onBoth.text, answer: '居民代表确认已建成' }]);
    const evidence = indicatorEvidence(plan, [talk, meeting]);
    const forLamps = evidence.find((e) => e.indicatorId === lamps.id)!;
    const forFunds = evidence.find((e) => e.indicatorId === funds.id)!;
    expect(forLamps.conversations).toEqual([
      { recordId: talk.id, type: 'INTERVIEW', answers: [{ question: onBoth.text, answer: '建了 118 盏' }] },
      { recordId: meeting.id, type: 'SYMPOSIUM', answers: [{ question: onBoth.text, answer: '居民代表确认已建成' }] },
    ]);
    expect(forFunds.conversations).toEqual([
      {
        recordId: talk.id,
        type: 'INTERVIEW',
        answers: [
          { question: onFunds.text, answer: '专款专用' },
          { question: onBoth.text, answer: '建了 118 盏' },
        ],
      },
      { recordId: meeting.id, type: 'SYMPOSIUM', answers: [{ question: onBoth.text, answer: '居民代表确认已建成' }] },
    ]);
  });

  it('lists a conversation the evaluator linked to an indicator even without outline answers', () => {
    const { rules, plan } = setUp();
    const talk = interview([{ questionId: null, question: '制度执行如何？', answer: '台账齐全' }], [rules.id]);
    const unrelated = symposium([{ questionId: null, question: '其他', answer: '无' }]);
    const forRules = indicatorEvidence(plan, [talk, unrelated]).find((e) => e.indicatorId === rules.id)!;
    expect(forRules.conversations).toEqual([{ recordId: talk.id, type: 'INTERVIEW', answers: [] }]);
  });

  it('gives each Likert question measuring an indicator its survey figures, computed from the responses', () => {
    const { satisfaction, survey, plan } = setUp();
    const responses = [
      response(survey, [5, 3]),
      response(survey, [4, 1]),
      response(survey, [2, 5]),
      response(survey, [5, null]),
    ];
    const forSatisfaction = indicatorEvidence(plan, responses).find((e) => e.indicatorId === satisfaction.id)!;
    // Valid: the first three (the fourth left the second question open), which is the minimum sample of 3.
    // Linked question: 5, 4, 2 → rate 2/3 = 66.67 %; score (100 + 80 + 40) / 3 = 220 / 3 = 73.33.
    // The unlinked Likert question and the choice question give no survey evidence.
    expect(forSatisfaction.surveys).toEqual([
      {
        questionnaireId: survey.id,
        questionId: survey.questions[0]!.id,
        answered: 3,
        rate: 66.67,
        score: 73.33,
        belowMinimumSample: false,
      },
    ]);
  });

  it('passes on the below-minimum-sample flag', () => {
    const { satisfaction, survey, plan } = setUp();
    const forSatisfaction = indicatorEvidence(plan, [response(survey, [5, 5]), response(survey, [4, 4])]).find(
      (e) => e.indicatorId === satisfaction.id,
    )!;
    // 2 valid of the 3 needed: rate 100 %, score (100 + 80) / 2 = 90, flagged.
    expect(forSatisfaction.surveys[0]).toMatchObject({ answered: 2, rate: 100, score: 90, belowMinimumSample: true });
  });

  it('uses a survey summary it is given rather than computing its own', () => {
    const { satisfaction, survey, plan } = setUp();
    const given: SurveySummary = summariseSurvey(
      [survey],
      [response(survey, [1, 1]), response(survey, [1, 1]), response(survey, [1, 1])],
    );
    // The records hold no responses at all; the figures come from the summary passed in.
    const forSatisfaction = indicatorEvidence(plan, [], given).find((e) => e.indicatorId === satisfaction.id)!;
    expect(forSatisfaction.surveys[0]).toMatchObject({ answered: 3, rate: 0, score: 20, belowMinimumSample: false });
  });

  it('treats a questionnaire missing from the summary as unanswered and below the minimum sample', () => {
    const { satisfaction, survey, plan } = setUp();
    const empty: SurveySummary = { questionnaires: [], combinedRate: null, combinedScore: null };
    const forSatisfaction = indicatorEvidence(plan, [], empty).find((e) => e.indicatorId === satisfaction.id)!;
    expect(forSatisfaction.surveys).toEqual([
      {
        questionnaireId: survey.id,
        questionId: survey.questions[0]!.id,
        answered: 0,
        rate: null,
        score: null,
        belowMinimumSample: true,
      },
    ]);
  });

  it('keeps each kind of record to its own kind of evidence', () => {
    const { lamps, survey, plan } = setUp();
    const records = [siteVisit([check(lamps.id, 'CONFIRMED')]), interview([], [lamps.id]), response(survey, [5, 5])];
    const forLamps = indicatorEvidence(plan, records).find((e) => e.indicatorId === lamps.id)!;
    expect(forLamps.checks).toHaveLength(1);
    expect(forLamps.conversations).toHaveLength(1);
    expect(forLamps.surveys).toEqual([]);
  });
});
