import type { FieldPackage } from '@jixiao/core/fieldwork/field-package.ts';
import { fieldPlan } from '@jixiao/core/fieldwork/plan-rules.ts';
import { uuidV7 } from '@jixiao/core/ids.ts';
import { describe, expect, it } from 'vitest';
import { newContent } from '#lib/field/new-record.ts';
import { checkRecord, describeKnown, errorAt, messageFor } from '#lib/field/record-check.ts';

const question = { id: uuidV7(), text: '补贴资金是否按时足额发放？', indicatorIds: [] };
const questionnaire = {
  id: uuidV7(),
  title: '居民满意度',
  respondentGroup: 'BENEFICIARY',
  groupWeight: 100,
  minimumSample: 30,
  questions: [{ id: uuidV7(), text: '物业服务', kind: 'LIKERT', options: [], indicatorId: null }],
};
const assignedSite = { id: uuidV7(), name: '新立街道' };
/** A site of the sample assigned to a colleague: not in this phone's package. */
const colleaguesSite = uuidV7();
const pkg = {
  assignment: { id: uuidV7(), siteIds: [assignedSite.id] },
  engagement: { id: uuidV7(), interviewQuestions: [question], questionnaires: [questionnaire], indicators: [] },
  sites: [assignedSite],
} as unknown as FieldPackage;
const plan = fieldPlan(pkg.assignment, pkg.engagement);
const ids = { id: uuidV7(), assignmentId: pkg.assignment.id };
const now = '2026-11-26T09:00:00.000Z';
const fallback = (code: string) => (code === 'signature_required' ? '请评价人员签名' : undefined);

describe('checkRecord', () => {
  it('finds what a site visit lacks, each on its field', () => {
    const content = newContent(pkg, { type: 'SITE_VISIT', siteId: pkg.sites[0]!.id }, now);
    if (content.type !== 'SITE_VISIT') throw new Error('type');
    content.checks.push({
      id: uuidV7(),
      indicatorId: null,
      claim: '改造小区 12 个',
      method: 'COUNT',
      declaredValue: '12',
      observedValue: '',
      verdict: null,
      note: '',
    });
    const result = checkRecord(ids, content, plan, 'zh-CN', fallback);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.pointer).sort()).toEqual(['/checks/0/verdict', '/positionNote', '/signature']);
    // core's text when it has one for the code (it is being added there), else the web's own
    expect(errorAt(result.errors, '/signature')).toBe(describeKnown('signature_required', 'zh-CN') ?? '请评价人员签名');
    expect(errorAt(result.errors, '/signature')).toMatch(/签名/);
    for (const e of result.errors) expect(e.message).not.toBe('');
  });

  it('passes a complete site visit and normalises its text', () => {
    const content = newContent(pkg, { type: 'SITE_VISIT', siteId: pkg.sites[0]!.id }, now);
    if (content.type !== 'SITE_VISIT') throw new Error('type');
    content.positionNote = '  地下车库无信号  ';
    content.signature = { signerName: '孙强', signedAt: now, path: 'M 1 1 L 2 2' };
    const result = checkRecord(ids, content, plan, 'zh-CN', fallback);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.content).toMatchObject({ positionNote: '地下车库无信号' });
  });

  it('shows schema errors in Chinese (an interview needs the interviewee’s role)', () => {
    const content = newContent(pkg, { type: 'INTERVIEW' }, now);
    const result = checkRecord(ids, content, plan, 'zh-CN', fallback);
    expect(result.ok).toBe(false);
    expect(errorAt(result.errors, '/interviewee/role')).toBeTruthy();
  });

  it('refuses a name without consent', () => {
    const content = newContent(pkg, { type: 'INTERVIEW' }, now);
    if (content.type !== 'INTERVIEW') throw new Error('type');
    content.interviewee = { category: 'BENEFICIARY', role: '居民', name: '张三' };
    const result = checkRecord(ids, content, plan, 'zh-CN', fallback);
    expect(result.errors.map((e) => e.pointer)).toEqual(['/interviewee/name']);
  });

  it('accepts an empty questionnaire response as a response (unanswered questions are null)', () => {
    const content = newContent(pkg, { type: 'SURVEY_RESPONSE', questionnaireId: questionnaire.id }, now);
    expect(checkRecord(ids, content, plan, 'zh-CN', fallback).ok).toBe(true);
  });
});

describe('checkRecord runs the plan rules before a record is queued', () => {
  const signedVisit = (siteId: string) => {
    const content = newContent(pkg, { type: 'SITE_VISIT', siteId }, now);
    if (content.type !== 'SITE_VISIT') throw new Error('type');
    content.positionNote = '地下车库无信号';
    content.signature = { signerName: '孙强', signedAt: now, path: 'M 1 1 L 2 2' };
    return content;
  };

  it('refuses a visit to a site outside the assignment, in Chinese or English beside the site', () => {
    const zh = checkRecord(ids, signedVisit(colleaguesSite), plan, 'zh-CN', fallback);
    expect(zh.ok).toBe(false);
    expect(zh.content).toBeNull();
    expect(zh.errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/siteId site_not_in_assignment']);
    expect(errorAt(zh.errors, '/siteId')).toBe('该点位不在您的任务中');
    const en = checkRecord(ids, signedVisit(colleaguesSite), plan, 'en', fallback);
    expect(errorAt(en.errors, '/siteId')).toBe('That site is not in your assignment');
    // The same visit at the assigned site passes.
    expect(checkRecord(ids, signedVisit(assignedSite.id), plan, 'zh-CN', fallback).ok).toBe(true);
  });

  it('refuses an answer to a question the questionnaire no longer has', () => {
    const content = newContent(pkg, { type: 'SURVEY_RESPONSE', questionnaireId: questionnaire.id }, now);
    if (content.type !== 'SURVEY_RESPONSE') throw new Error('type');
    content.answers.push({ questionId: uuidV7(), likert: 5, choice: null });
    const result = checkRecord(ids, content, plan, 'zh-CN', fallback);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/answers/1/questionId unknown_question']);
    expect(errorAt(result.errors, '/answers/1/questionId')).toBe('问卷中没有这道题');
    expect(errorAt(checkRecord(ids, content, plan, 'en', fallback).errors, '/answers/1/questionId')).toBe(
      'The questionnaire has no such question',
    );
  });

  it('reports a record’s own problems and the plan’s together', () => {
    const content = signedVisit(colleaguesSite);
    content.signature = null;
    const codes = checkRecord(ids, content, plan, 'zh-CN', fallback).errors.map((e) => e.code);
    expect(codes).toEqual(['signature_required', 'site_not_in_assignment']);
  });
});

describe('messageFor', () => {
  it('takes core’s text for codes it knows, the fallback otherwise, the code as a last resort', () => {
    expect(describeKnown('required', 'zh-CN')).toBe('此项必填');
    expect(messageFor('required', 'zh-CN', () => 'x')).toBe('此项必填');
    expect(messageFor('no_such_code_here', 'zh-CN', () => '备用')).toBe('备用');
    expect(messageFor('no_such_code_here', 'zh-CN', () => undefined)).toBe('no_such_code_here');
  });
});

describe('checkRecord counts things to fix, not rules broken', () => {
  it('gives an empty required field one message', () => {
    const content = newContent(pkg, { type: 'INTERVIEW' }, now);
    const errors = checkRecord(ids, content, plan, 'zh-CN', fallback).errors;
    expect(errors.filter((e) => e.pointer === '/interviewee/role')).toHaveLength(1);
  });
});
