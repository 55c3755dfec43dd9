import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  createExportJob,
  exportFileName,
  exportingRoles,
  exportTitle,
  isStalled,
  mayExport,
  percentDone,
  stalledAfterMinutes,
} from '#core/export-jobs/export-job.ts';
import { uuidV7 } from '#core/ids.ts';
import { roles } from '#core/roles.ts';

const id = uuidV7();

describe('an export across departments', () => {
  it('names a round for a round’s export and a year for the year’s, nothing else', () => {
    expect(v.safeParse(createExportJob, { id, kind: 'monitoring-round', roundId: id }).success).toBe(true);
    expect(v.safeParse(createExportJob, { id, kind: 'self-evaluation-round', roundId: id }).success).toBe(true);
    expect(v.safeParse(createExportJob, { id, kind: 'year', fiscalYear: 2026 }).success).toBe(true);
    expect(v.safeParse(createExportJob, { id, kind: 'year' }).success).toBe(false);
    expect(v.safeParse(createExportJob, { id, kind: 'year', fiscalYear: 2026, roundId: id }).success).toBe(false);
    expect(v.safeParse(createExportJob, { id, kind: 'monitoring-round' }).success).toBe(false);
    expect(v.safeParse(createExportJob, { id, kind: 'everything', fiscalYear: 2026 }).success).toBe(false);
    expect(v.safeParse(createExportJob, { id: 'x', kind: 'year', fiscalYear: 2026 }).success).toBe(false);
    expect(v.safeParse(createExportJob, { id, kind: 'working-papers', engagementId: id }).success).toBe(true);
    expect(v.safeParse(createExportJob, { id, kind: 'working-papers', roundId: id }).success).toBe(false);
    expect(v.safeParse(createExportJob, { id, kind: 'year', fiscalYear: 2026, engagementId: id }).success).toBe(false);
  });

  it('is stalled only while waiting or running without a move for the stated time', () => {
    const at = '2026-12-07T08:00:00.000Z';
    const later = (minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();
    expect(isStalled({ state: 'RUNNING', updatedAt: at }, later(stalledAfterMinutes))).toBe(false);
    expect(isStalled({ state: 'RUNNING', updatedAt: at }, later(stalledAfterMinutes + 1))).toBe(true);
    expect(isStalled({ state: 'QUEUED', updatedAt: at }, later(stalledAfterMinutes + 1))).toBe(true);
    expect(isStalled({ state: 'DONE', updatedAt: at }, later(600))).toBe(false);
    expect(isStalled({ state: 'FAILED', updatedAt: at }, later(600))).toBe(false);
  });

  it('says 100 % only when every step is done', () => {
    expect(percentDone({ done: 0, total: 0 })).toBe(0);
    expect(percentDone({ done: 199, total: 200 })).toBe(99);
    expect(percentDone({ done: 200, total: 200 })).toBe(100);
    expect(percentDone({ done: 1, total: 3 })).toBe(33);
  });

  it('is the performance section’s to ask for', () => {
    expect(roles.filter((role) => (exportingRoles as readonly string[]).includes(role))).toEqual([
      'performance-section-reviewer',
    ]);
  });

  it('opens an engagement’s archive, and no other kind, to the agency’s lead', () => {
    const lead = { roles: ['agency-lead'] };
    const evaluator = { roles: ['evaluator'] };
    const section = { roles: ['performance-section-reviewer'] };
    expect(mayExport(lead, 'working-papers')).toBe(true);
    for (const kind of ['monitoring-round', 'self-evaluation-round', 'year'] as const) {
      expect(mayExport(lead, kind)).toBe(false);
      expect(mayExport(section, kind)).toBe(true);
    }
    expect(mayExport(section, 'working-papers')).toBe(true);
    expect(mayExport(evaluator, 'working-papers')).toBe(false);
  });

  it('titles the file by what it holds', () => {
    expect(
      exportFileName(exportTitle('working-papers', { fiscalYear: 2026, engagementTitle: '智慧教室 重点评价' })),
    ).toBe('工作底稿-智慧教室-重点评价.zip');
    expect(exportTitle('year', { fiscalYear: 2026 })).toBe('2026年度 全部部门 绩效运行监控与绩效自评');
    expect(exportTitle('monitoring-round', { fiscalYear: 2026, roundName: '2026 年 1–6 月运行监控' })).toBe(
      '2026 年 1–6 月运行监控 全部部门',
    );
    expect(exportFileName('2026 年 1–6 月运行监控 全部部门')).toBe('2026-年-1–6-月运行监控-全部部门.zip');
  });
});
