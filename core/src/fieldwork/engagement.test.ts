import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  commissionAgency,
  createEngagement,
  defaultPlan,
  engagement,
  engagementQuery,
  engagementStep,
  type FrameworkIndicator,
  type Questionnaire,
  updateEngagementPlan,
} from '#core/fieldwork/engagement.ts';
import { buildFramework } from '#core/fieldwork/evaluation-framework.ts';
import { fieldworkDefaults } from '#core/fieldwork/fieldwork-config.ts';
import { uuidV7 } from '#core/ids.ts';
import { newTargetRow } from '#core/submission/target-row.ts';

/** `path code` for every issue: the schema's own message key where it names one, else the issue type. */
const failures = (schema: v.GenericSchema, input: unknown): string[] => {
  const result = v.safeParse(schema, input);
  if (result.success) return [];
  return result.issues.map((i) => `${v.getDotPath(i) ?? ''} ${/^[a-z0-9_]+$/.test(i.message) ? i.message : i.type}`);
};

const v4 = '3b241101-e2bb-4255-8caf-4136c566a962';

const projectEngagement = (overrides: Record<string, unknown> = {}) => ({
  id: uuidV7(),
  kind: 'PROJECT',
  fiscalYear: 2025,
  title: '2024 年度城区路灯改造项目重点评价',
  projectId: uuidV7(),
  departmentId: null,
  ...overrides,
});

describe('createEngagement', () => {
  it('opens a project evaluation or a department evaluation', () => {
    expect(failures(createEngagement, projectEngagement())).toEqual([]);
    expect(
      failures(createEngagement, projectEngagement({ kind: 'DEPARTMENT', projectId: null, departmentId: uuidV7() })),
    ).toEqual([]);
  });

  it('trims the title and takes 2 to 100 characters', () => {
    const parsed = v.parse(createEngagement, projectEngagement({ title: '  路灯评价 ' }));
    expect(parsed.title).toBe('路灯评价');
    expect(failures(createEngagement, projectEngagement({ title: '评价' }))).toEqual([]);
    expect(failures(createEngagement, projectEngagement({ title: '字'.repeat(100) }))).toEqual([]);
    expect(failures(createEngagement, projectEngagement({ title: ' 评 ' }))).toEqual(['title min_length']);
    expect(failures(createEngagement, projectEngagement({ title: '字'.repeat(101) }))).toEqual(['title max_length']);
  });

  it('takes fiscal years 2000 to 2100 as whole numbers', () => {
    expect(failures(createEngagement, projectEngagement({ fiscalYear: 2000 }))).toEqual([]);
    expect(failures(createEngagement, projectEngagement({ fiscalYear: 2100 }))).toEqual([]);
    expect(failures(createEngagement, projectEngagement({ fiscalYear: 1999 }))).toEqual(['fiscalYear fiscal_year']);
    expect(failures(createEngagement, projectEngagement({ fiscalYear: 2101 }))).toEqual(['fiscalYear fiscal_year']);
    expect(failures(createEngagement, projectEngagement({ fiscalYear: 2025.5 }))).toEqual(['fiscalYear integer']);
    expect(failures(createEngagement, projectEngagement({ fiscalYear: '2025' }))).toEqual(['fiscalYear number']);
  });

  it('needs a client-made UUIDv7 id, but takes any server id for the project and department', () => {
    expect(failures(createEngagement, projectEngagement({ id: v4 }))).toEqual(['id uuid_v7']);
    expect(failures(createEngagement, projectEngagement({ projectId: v4 }))).toEqual([]);
    expect(failures(createEngagement, projectEngagement({ projectId: 'P-001' }))).toEqual(['projectId uuid_v7']);
    expect(failures(createEngagement, projectEngagement({ departmentId: 'D-001' }))).toEqual(['departmentId uuid_v7']);
  });

  it('refuses an unknown kind and fields it does not take', () => {
    expect(failures(createEngagement, projectEngagement({ kind: 'POLICY' }))).toEqual(['kind picklist']);
    // The state is the server's, not the client's.
    expect(failures(createEngagement, projectEngagement({ state: 'FIELDWORK' }))).toEqual(['state strict_object']);
  });
});

const plannedQuestionnaire = (overrides: Partial<Questionnaire> = {}): Questionnaire => ({
  id: uuidV7(),
  title: '居民满意度问卷',
  respondentGroup: 'BENEFICIARY',
  groupWeight: 100,
  minimumSample: 30,
  questions: [{ id: uuidV7(), text: '您是否满意？', kind: 'LIKERT', options: [], indicatorId: null }],
  ...overrides,
});

describe('updateEngagementPlan', () => {
  it('takes a version alone, or with any part of the plan', () => {
    expect(failures(updateEngagementPlan, { version: 1 })).toEqual([]);
    const rows = [newTargetRow(uuidV7(), { name: '新建路灯数量', value: '1200', unit: '盏', weight: 20 })];
    const full = {
      version: 4,
      title: '路灯改造项目重点评价',
      ...defaultPlan(),
      indicators: buildFramework(rows, fieldworkDefaults.weights, uuidV7),
      sites: [
        {
          id: uuidV7(),
          name: '和平街道',
          address: '和平路 1 号',
          latitude: 39.1,
          longitude: 117.2,
          note: '资金量最大',
        },
      ],
      interviewQuestions: [{ id: uuidV7(), text: '资金是否按时到位？', indicatorIds: [] }],
      questionnaires: [plannedQuestionnaire()],
    };
    expect(failures(updateEngagementPlan, full)).toEqual([]);
  });

  it('needs a whole version from 1', () => {
    expect(failures(updateEngagementPlan, {})).toEqual(['version strict_object']);
    expect(failures(updateEngagementPlan, { version: 0 })).toEqual(['version min_value']);
    expect(failures(updateEngagementPlan, { version: 2.5 })).toEqual(['version integer']);
  });

  it('does not let the plan edit change the state, kind or agency', () => {
    expect(failures(updateEngagementPlan, { version: 1, state: 'FIELDWORK' })).toEqual(['state strict_object']);
    expect(failures(updateEngagementPlan, { version: 1, kind: 'DEPARTMENT' })).toEqual(['kind strict_object']);
    expect(failures(updateEngagementPlan, { version: 1, agencyId: uuidV7() })).toEqual(['agencyId strict_object']);
  });

  it('needs all four level-1 weights, each from 0 to 100', () => {
    const w = (overrides: Record<string, unknown>) => ({
      version: 1,
      weights: { ...fieldworkDefaults.weights, ...overrides },
    });
    expect(failures(updateEngagementPlan, w({ DECISION: 0, BENEFIT: 100 }))).toEqual([]);
    expect(failures(updateEngagementPlan, w({ OUTPUT: 100.5 }))).toEqual(['weights.OUTPUT max_value']);
    expect(failures(updateEngagementPlan, w({ PROCESS: -1 }))).toEqual(['weights.PROCESS min_value']);
    expect(failures(updateEngagementPlan, w({ COST: 10 }))).toEqual(['weights.COST strict_object']);
    const { BENEFIT: _benefit, ...three } = fieldworkDefaults.weights;
    expect(failures(updateEngagementPlan, { version: 1, weights: three })).toEqual(['weights.BENEFIT strict_object']);
  });

  it('takes a GPS accuracy limit of 5 to 5000 whole metres', () => {
    const limit = (gpsAccuracyLimitMetres: number) => ({ version: 1, gpsAccuracyLimitMetres });
    expect(failures(updateEngagementPlan, limit(5))).toEqual([]);
    expect(failures(updateEngagementPlan, limit(5000))).toEqual([]);
    expect(failures(updateEngagementPlan, limit(4))).toEqual(['gpsAccuracyLimitMetres min_value']);
    expect(failures(updateEngagementPlan, limit(5001))).toEqual(['gpsAccuracyLimitMetres max_value']);
    expect(failures(updateEngagementPlan, limit(12.5))).toEqual(['gpsAccuracyLimitMetres integer']);
  });

  it('takes up to 8 questionnaires, each with a minimum sample of at least 1 and at least one question', () => {
    const many = (n: number) => ({
      version: 1,
      questionnaires: Array.from({ length: n }, () => plannedQuestionnaire()),
    });
    expect(failures(updateEngagementPlan, many(8))).toEqual([]);
    expect(failures(updateEngagementPlan, many(9))).toEqual(['questionnaires max_items']);
    const one = (overrides: Partial<Questionnaire>) => ({
      version: 1,
      questionnaires: [plannedQuestionnaire(overrides)],
    });
    expect(failures(updateEngagementPlan, one({ minimumSample: 1 }))).toEqual([]);
    expect(failures(updateEngagementPlan, one({ minimumSample: 0 }))).toEqual([
      'questionnaires.0.minimumSample min_value',
    ]);
    expect(failures(updateEngagementPlan, one({ minimumSample: 29.5 }))).toEqual([
      'questionnaires.0.minimumSample integer',
    ]);
    expect(failures(updateEngagementPlan, one({ questions: [] }))).toEqual(['questionnaires.0.questions min_items']);
    expect(failures(updateEngagementPlan, one({ groupWeight: 101 }))).toEqual([
      'questionnaires.0.groupWeight max_value',
    ]);
  });

  it('refuses a framework indicator without a name or with points over 100', () => {
    const indicators = buildFramework([], fieldworkDefaults.weights, uuidV7);
    expect(failures(updateEngagementPlan, { version: 1, indicators: [{ ...indicators[0]!, name: ' ' }] })).toEqual([
      'indicators.0.name not_blank',
      'indicators.0.name min_length',
    ]);
    expect(failures(updateEngagementPlan, { version: 1, indicators: [{ ...indicators[0]!, points: 100.01 }] })).toEqual(
      ['indicators.0.points max_value'],
    );
  });
});

/**
 * Every limit of a work plan at its edge (docs/domain/fieldwork.md#rule-10-the-work-plan-adds-up): the most a plan
 * holds of each list and the sources it accepts.
 */
const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);
const frameworkIndicator = (): FrameworkIndicator => buildFramework([], fieldworkDefaults.weights, uuidV7)[0]!;
const plannedSite = () => ({ id: uuidV7(), name: '和平街道', address: '', latitude: null, longitude: null, note: '' });
const question = (kind = 'LIKERT', options: string[] = []) => ({
  id: uuidV7(),
  text: '您是否满意？',
  kind,
  options,
  indicatorId: null,
});
const withQuestions = (questions: unknown[]) => plannedQuestionnaire({ questions } as Partial<Questionnaire>);
const plan = (part: Record<string, unknown>) => failures(updateEngagementPlan, { version: 1, ...part });

describe('the most a work plan holds', () => {
  it('120 indicators, 200 sites, 60 interview questions with 10 indicators each', () => {
    expect(plan({ indicators: times(120, frameworkIndicator) })).toEqual([]);
    expect(plan({ indicators: times(121, frameworkIndicator) })).toEqual(['indicators max_items']);
    expect(plan({ sites: times(200, plannedSite) })).toEqual([]);
    expect(plan({ sites: times(201, plannedSite) })).toEqual(['sites max_items']);
    const interview = (indicatorIds: number) => ({
      id: uuidV7(),
      text: '资金如何拨付？',
      indicatorIds: times(indicatorIds, uuidV7),
    });
    expect(plan({ interviewQuestions: times(60, () => interview(10)) })).toEqual([]);
    expect(plan({ interviewQuestions: times(61, () => interview(0)) })).toEqual(['interviewQuestions max_items']);
    expect(plan({ interviewQuestions: [interview(11)] })).toEqual(['interviewQuestions.0.indicatorIds max_items']);
  });

  it('a questionnaire of 1 to 40 questions, each a Likert scale or a choice among at most 10 options', () => {
    expect(plan({ questionnaires: [withQuestions(times(40, () => question()))] })).toEqual([]);
    expect(plan({ questionnaires: [withQuestions(times(41, () => question()))] })).toEqual([
      'questionnaires.0.questions max_items',
    ]);
    const options = (n: number) => times(n, () => '满意');
    expect(plan({ questionnaires: [withQuestions([question('CHOICE', options(10))])] })).toEqual([]);
    expect(plan({ questionnaires: [withQuestions([question('CHOICE', options(11))])] })).toEqual([
      'questionnaires.0.questions.0.options max_items',
    ]);
    expect(plan({ questionnaires: [withQuestions([question('TEXT')])] })).toEqual([
      'questionnaires.0.questions.0.kind picklist',
    ]);
  });
});

describe('what a framework indicator says the department claimed', () => {
  it('comes from its targets, its monitoring or its self-evaluation, and nowhere else', () => {
    for (const source of ['TARGET', 'MONITORING', 'SELF_EVALUATION']) {
      expect(plan({ indicators: [{ ...frameworkIndicator(), claim: { source, value: '1200 盏' } }] }), source).toEqual(
        [],
      );
    }
    expect(plan({ indicators: [{ ...frameworkIndicator(), claim: { source: 'HEARSAY', value: '' } }] })).toEqual([
      'indicators.0.claim.source picklist',
    ]);
    expect(plan({ indicators: [{ ...frameworkIndicator(), claim: { source: 'TARGET' } }] })).toEqual([
      'indicators.0.claim.value strict_object',
    ]);
  });
});

describe('the plan a new engagement starts from', () => {
  it('has the configured weights and GPS limit, judgemental sampling and nothing else yet', () => {
    expect(defaultPlan()).toEqual({
      weights: fieldworkDefaults.weights,
      sampling: { population: '', method: 'JUDGEMENTAL', note: '' },
      interviewQuestions: [],
      questionnaires: [],
      sites: [],
      gpsAccuracyLimitMetres: fieldworkDefaults.gpsAccuracyLimitMetres,
    });
    // Each engagement gets its own copy to edit.
    expect(defaultPlan().weights).not.toBe(fieldworkDefaults.weights);
  });
});

describe('commissionAgency (rule 11: the conflict-of-interest declaration)', () => {
  const declaration = (overrides: Record<string, unknown> = {}) => ({
    noConflict: true,
    statement: '本机构近三年未为该项目或该单位提供咨询服务，与被评价单位无利害关系。',
    declaredBy: '张经理',
    declaredOn: '2025-03-01',
    ...overrides,
  });
  const commission = (overrides: Record<string, unknown> = {}) => ({
    version: 2,
    agencyId: uuidV7(),
    declaration: declaration(),
    ...overrides,
  });

  it('takes an agency and its signed declaration', () => {
    expect(failures(commissionAgency, commission())).toEqual([]);
    expect(failures(commissionAgency, commission({ agencyId: v4 }))).toEqual([]);
  });

  it('needs the declaration, with a yes-or-no answer, a statement and who signed it', () => {
    expect(failures(commissionAgency, commission({ declaration: undefined }))).toEqual(['declaration strict_object']);
    expect(failures(commissionAgency, commission({ declaration: declaration({ noConflict: 'yes' }) }))).toEqual([
      'declaration.noConflict boolean',
    ]);
    expect(failures(commissionAgency, commission({ declaration: declaration({ statement: '' }) }))).toEqual([
      'declaration.statement not_blank',
      'declaration.statement min_length',
    ]);
    expect(
      failures(commissionAgency, commission({ declaration: declaration({ declaredBy: '字'.repeat(41) }) })),
    ).toEqual(['declaration.declaredBy max_length']);
  });

  it('dates the declaration as an ISO date, a calendar day that exists', () => {
    expect(failures(commissionAgency, commission({ declaration: declaration({ declaredOn: '2027-04-01' }) }))).toEqual(
      [],
    );
    expect(failures(commissionAgency, commission({ declaration: declaration({ declaredOn: '2027-04-31' }) }))).toEqual([
      'declaration.declaredOn iso_date',
    ]);
    expect(failures(commissionAgency, commission({ declaration: declaration({ declaredOn: '2025/03/01' }) }))).toEqual([
      'declaration.declaredOn iso_date',
    ]);
    expect(
      failures(commissionAgency, commission({ declaration: declaration({ declaredOn: '2025-03-01T09:00:00Z' }) })),
    ).toEqual(['declaration.declaredOn iso_date']);
  });

  it('needs the version and an agency id', () => {
    const { version: _version, ...unversioned } = commission();
    expect(failures(commissionAgency, unversioned)).toEqual(['version strict_object']);
    expect(failures(commissionAgency, commission({ agencyId: 'agency-1' }))).toEqual(['agencyId uuid_v7']);
  });
});

describe('a step and the list filter', () => {
  it('a step carries its version and nothing else; the list filters by a known state', () => {
    expect(failures(engagementStep, { version: 3 })).toEqual([]);
    expect(failures(engagementStep, { version: 3, state: 'RELEASED' })).toEqual(['state strict_object']);
    expect(failures(engagementQuery, {})).toEqual([]);
    expect(failures(engagementQuery, { state: 'SELECTED' })).toEqual([]);
    expect(failures(engagementQuery, { state: 'LOST' })).toEqual(['state picklist']);
  });
});

describe('an engagement as the API returns it', () => {
  // The published record: the response of every engagement route and the base of an evaluator's field package.
  const stored = () => ({
    id: uuidV7(),
    version: 3,
    status: 'active',
    createdAt: '2025-03-01T08:00:00.000Z',
    updatedAt: '2025-03-05T08:00:00.000Z',
    createdBy: 'perf-1',
    updatedBy: 'lead-1',
    kind: 'PROJECT',
    fiscalYear: 2025,
    title: '2024 年度城区路灯改造项目重点评价',
    state: 'AGENCY_CONTRACTED',
    projectId: uuidV7(),
    projectCode: 'P-2024-001',
    projectName: '城区路灯改造',
    approvedTargetId: uuidV7(),
    departmentId: uuidV7(),
    departmentName: '区城管委',
    agencyId: uuidV7(),
    agencyName: '某会计师事务所',
    conflictDeclaration: {
      noConflict: true,
      statement: '与被评价单位无利害关系',
      declaredBy: '张经理',
      declaredOn: '2025-03-01',
    },
    ...defaultPlan(),
    indicators: [frameworkIndicator()],
    sites: [plannedSite()],
    questionnaires: [plannedQuestionnaire()],
    releasedAt: null,
  });

  it('carries the whole record with its work plan, nothing of it dropped', () => {
    const record = stored();
    expect(v.parse(engagement, record)).toEqual(record);
  });

  it('is not an engagement in a state the lifecycle does not have, or without its weights', () => {
    expect(failures(engagement, { ...stored(), state: 'CLOSED' })).toEqual(['state picklist']);
    const { weights: _weights, ...unweighted } = stored();
    expect(failures(engagement, unweighted)).toEqual(['weights object']);
  });
});
