import { describe, expect, it } from 'vitest';
import type { TargetRow } from '#core/submission/performance-target.ts';
import { submissionConfig, withWeights } from '#core/submission/submission-config.ts';
import { newTargetRow } from '#core/submission/target-row.ts';
import { type TargetContent, targetErrors, targetWarnings } from '#core/submission/target-rules.ts';

/**
 * Tables as published by finance bureaus (项目支出绩效目标申报表 / 自评表), re-typed row by row. Six of
 * seven of these were refused by the fixed 50/30/10 rule and by "a value must be a number": each
 * must now pass, with its departure from the year's weights shown to reviewers instead.
 */
let n = 0;
const row = (fields: Partial<TargetRow>): TargetRow =>
  newTargetRow(`0190f0f0-0000-7000-8000-${String(++n).padStart(12, '0')}`, {
    scoringStandard: '完成得满分，未完成按比例扣分',
    ...fields,
  });
const codes = (t: TargetContent, config = submissionConfig) =>
  targetErrors(t, config, 'zh-CN', { multiYear: false, fiscalYear: 2027 }).map((e) => `${e.pointer} ${e.code}`);
const warningCodes = (t: TargetContent, config = submissionConfig) =>
  targetWarnings(t, config, 'zh-CN').map((e) => `${e.pointer} ${e.code}`);

/** 农村公路养护: output 40, benefit 30, satisfaction 20 (+ budget execution 10). */
const roadMaintenance = (weightReason: string | null): TargetContent => ({
  annualGoal: '完成全区农村公路日常养护，保障路况良好、通行安全。',
  mediumTermGoal: '',
  weightReason,
  rows: [
    row({ name: '农村公路养护里程', value: '326.5', unit: '公里', weight: 15 }),
    row({ level2: 'QUALITY', name: '优良路率', value: '85', unit: '%', weight: 15 }),
    row({
      level2: 'TIMELINESS',
      name: '养护任务完成时间',
      operator: 'LTE',
      value: '≤ 2027-11-30',
      unit: '',
      weight: 5,
    }),
    row({ level2: 'COST', name: '每公里养护成本', operator: 'LTE', value: '0.6', unit: '万元/公里', weight: 5 }),
    row({
      level1: 'BENEFIT',
      level2: 'SOCIAL',
      name: '群众出行条件',
      operator: 'QUALITATIVE',
      value: '明显改善',
      weight: 30,
    }),
    row({
      level1: 'SATISFACTION',
      level2: 'SERVICE_RECIPIENT',
      name: '沿线群众满意度',
      value: '90',
      unit: '%',
      weight: 20,
    }),
  ],
});

/** 学生资助: 60 / 20 / 10, timeliness as "9月前" and "11月底前完成". */
const studentAid = (weightReason: string | null): TargetContent => ({
  annualGoal: '按时足额发放家庭经济困难学生资助资金。',
  mediumTermGoal: '',
  weightReason,
  rows: [
    row({ name: '受助学生人数', value: '1200', unit: '人', weight: 30 }),
    row({ level2: 'QUALITY', name: '资助对象认定准确率', value: '100', unit: '%', weight: 15 }),
    row({ level2: 'TIMELINESS', name: '秋季学期资助发放时间', operator: 'LTE', value: '9月前', weight: 10 }),
    row({ level2: 'TIMELINESS', name: '全年资金拨付', operator: 'LTE', value: '11月底前完成', weight: 5 }),
    row({
      level1: 'BENEFIT',
      level2: 'SOCIAL',
      name: '因贫辍学人数',
      operator: 'EQ',
      value: '0',
      unit: '人',
      weight: 20,
    }),
    row({
      level1: 'SATISFACTION',
      level2: 'SERVICE_RECIPIENT',
      name: '受助学生满意度',
      value: '95',
      unit: '%',
      weight: 10,
    }),
  ],
});

/** 宁夏-style year with no budget-execution points: 70 / 20 / 10 against a default of 60 / 30 / 10. */
const noExecutionPoints = withWeights({ OUTPUT: 60, BENEFIT: 30, SATISFACTION: 10, budgetExecution: 0, total: 100 });
const equipment = (weightReason: string | null): TargetContent => ({
  annualGoal: '完成教学设备购置并投入使用。',
  mediumTermGoal: '',
  weightReason,
  rows: [
    row({ name: '购置实验室设备', value: '45', unit: '台（套）', weight: 40 }),
    row({ level2: 'QUALITY', name: '设备验收合格率', value: '100', unit: '%', weight: 20 }),
    row({ level2: 'TIMELINESS', name: '设备交付时间', operator: 'LTE', value: '2027年12月', weight: 10 }),
    row({ level1: 'BENEFIT', level2: 'SUSTAINABLE', name: '设备使用年限', value: '8', unit: '年', weight: 20 }),
    row({
      level1: 'SATISFACTION',
      level2: 'SERVICE_RECIPIENT',
      name: '师生满意度',
      value: '90',
      unit: '%',
      weight: 10,
    }),
  ],
});

describe('real published tables (issue 10, item 3)', () => {
  it('accepts 40/30/20 with a reason, and shows the departure to reviewers', () => {
    const t = roadMaintenance('本项目直接服务沿线群众，提高满意度权重');
    expect(codes(t)).toEqual([]);
    expect(targetWarnings(t, submissionConfig, 'zh-CN')).toEqual([
      {
        pointer: '/weightReason',
        code: 'weights_departed',
        message:
          '权重与本年度默认不同：产出 40 / 效益 30 / 满意度 20（默认 产出 50 / 效益 30 / 满意度 10）。理由：本项目直接服务沿线群众，提高满意度权重',
      },
    ]);
  });

  it('asks a departure without a reason for one before sending (a problem to fix, not a refusal of the split)', () => {
    expect(
      targetErrors(roadMaintenance(null), submissionConfig, 'zh-CN', { multiYear: false, fiscalYear: 2027 }),
    ).toEqual([
      {
        pointer: '/weightReason',
        code: 'weights_reason_required',
        message:
          '权重（产出 40 / 效益 30 / 满意度 20）与本年度默认（产出 50 / 效益 30 / 满意度 10）不同，须填写调整理由',
      },
    ]);
    expect(codes(roadMaintenance('   '))).toEqual(['/weightReason weights_reason_required']);
  });

  it('accepts 60/20/10 with date targets "9月前" and "11月底前完成"', () => {
    expect(codes(studentAid('资助发放是本项目的主要产出'))).toEqual([]);
    expect(warningCodes(studentAid('资助发放是本项目的主要产出'))).toEqual(['/weightReason weights_departed']);
  });

  it('accepts 70/20/10 in a year whose budget execution carries no points, with "2027年12月" as a date', () => {
    expect(codes(equipment('设备购置项目以产出为主'), noExecutionPoints)).toEqual([]);
    // The same table in a year that gives budget execution 10 points does not add up: the one hard rule.
    expect(
      targetErrors(equipment('设备购置项目以产出为主'), submissionConfig, 'zh-CN', {
        multiYear: false,
        fiscalYear: 2027,
      }),
    ).toEqual([
      {
        pointer: '/rows',
        code: 'weights_total',
        message: '年度指标权重合计应为 90 分（另有预算执行率 10 分，共 100 分；当前 100 分）',
      },
    ]);
  });

  it('warns, without refusing, when money is used as an output', () => {
    const t = roadMaintenance('理由');
    const rows = [...t.rows];
    rows[0] = row({ name: '年度预算', value: '220', unit: '万元', weight: 15 });
    rows[1] = row({ level2: 'QUALITY', name: '完成年度预算220万元', value: '100', unit: '%', weight: 15 });
    expect(codes({ ...t, rows })).toEqual([]);
    expect(warningCodes({ ...t, rows })).toEqual([
      '/weightReason weights_departed',
      '/rows/0/unit money_as_output',
      '/rows/1/name money_as_output',
    ]);
    // A cost indicator is about money by nature.
    expect(warningCodes(roadMaintenance('理由')).filter((c) => c.includes('money'))).toEqual([]);
  });
});
