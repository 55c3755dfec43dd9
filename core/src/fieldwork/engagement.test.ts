import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  acceptsFieldRecords,
  commissionAgency,
  createEngagement,
  defaultPlan,
  engagementStateCodes,
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

  it('dates the declaration as an ISO date', () => {
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

describe('acceptsFieldRecords', () => {
  it('accepts records during fieldwork and after it closes, for phones that sync late', () => {
    expect(acceptsFieldRecords('FIELDWORK')).toBe(true);
    expect(acceptsFieldRecords('PRELIM_FINDINGS')).toBe(true);
  });

  it('refuses records before the plan is approved', () => {
    expect(acceptsFieldRecords('SELECTED')).toBe(false);
    expect(acceptsFieldRecords('AGENCY_CONTRACTED')).toBe(false);
  });

  it('has decided every state', () => {
    expect(engagementStateCodes.filter(acceptsFieldRecords)).toEqual(['FIELDWORK', 'PRELIM_FINDINGS']);
  });
});
