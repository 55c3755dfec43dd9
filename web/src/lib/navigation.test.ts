import { describe, expect, it } from 'vitest';
import { barSize, currentItem, navigationFor } from '#lib/navigation.ts';

const hrefs = (items: readonly { href: string }[]) => items.map((i) => i.href);

describe('navigationFor', () => {
  it('gives a unit preparer the to-do home, projects, monitoring and self-evaluation, the rest behind 更多', () => {
    const nav = navigationFor(['unit-preparer']);
    expect(hrefs(nav.primary)).toEqual(['/department', '/projects', '/monitoring', '/self-evaluations']);
    expect(nav.primary[0]?.label).toBe('nav_todo');
    expect(hrefs(nav.more)).toEqual(['/rectifications', '/department-evaluations', '/library', '/engagements']);
  });

  it('gives a department reviewer the review queues in 更多', () => {
    const nav = navigationFor(['department-reviewer']);
    expect(hrefs(nav.primary)).toEqual(['/department', '/projects', '/monitoring', '/self-evaluations']);
    expect(hrefs(nav.more).slice(0, 2)).toEqual(['/review', '/monitoring/review']);
  });

  it('gives the bureau its queue, monitoring and the self-evaluation rounds; ex-ante only to the performance section', () => {
    const performance = navigationFor(['performance-section-reviewer']);
    expect(hrefs(performance.primary)).toEqual(['/bureau', '/review', '/monitoring', '/self-evaluation-rounds']);
    expect(hrefs(performance.more)).toContain('/ex-ante');
    expect(hrefs(performance.more)).toContain('/execution-imports');
    expect(hrefs(performance.more)).toContain('/exports');
    const business = navigationFor(['business-section-reviewer']);
    expect(hrefs(business.more)).not.toContain('/ex-ante');
    expect(hrefs(business.more)).not.toContain('/execution-imports');
    expect(hrefs(business.more)).not.toContain('/exports');
    expect(hrefs(business.more)).toContain('/table-checks');
  });

  it('keeps the field app to what works there: no 更多 sheet for an evaluator', () => {
    expect(navigationFor(['evaluator'])).toEqual({
      primary: [
        expect.objectContaining({ href: '/field', label: 'nav_todo' }),
        expect.objectContaining({ href: '/ex-ante' }),
        expect.objectContaining({ href: '/library' }),
      ],
      more: [],
    });
    expect(hrefs(navigationFor(['agency-lead']).primary)).toEqual(['/field', '/engagements', '/ex-ante', '/library']);
  });

  it('puts five destinations in the bar without a sheet, never more than four with one', () => {
    expect(hrefs(navigationFor(['tenant-admin']).primary)).toEqual(['/admin', '/admin/departments', '/admin/users']);
    for (const roles of [['observer'], ['unit-approver'], ['performance-section-reviewer']] as const) {
      const nav = navigationFor(roles);
      expect(nav.more.length === 0 ? nav.primary.length <= barSize + 1 : nav.primary.length === barSize).toBe(true);
    }
  });

  it('lists the homes of the other workspaces a person has, after their own', () => {
    const nav = navigationFor(['department-reviewer', 'business-section-reviewer']);
    expect(nav.primary[0]?.href).toBe('/bureau');
    expect(nav.more.at(-1)).toEqual(
      expect.objectContaining({ href: '/department', label: 'nav_workspace_department' }),
    );
  });

  it('is empty for nobody', () => {
    expect(navigationFor([])).toEqual({ primary: [], more: [] });
  });
});

describe('currentItem', () => {
  it('marks the section a record page belongs to, the longest prefix winning', () => {
    const reviewer = navigationFor(['department-reviewer']);
    expect(currentItem(reviewer, '/monitoring/reports/abc')?.href).toBe('/monitoring');
    expect(currentItem(reviewer, '/monitoring/review')?.href).toBe('/monitoring/review');
    expect(currentItem(reviewer, '/targets/v1')?.href).toBe('/projects');
    expect(currentItem(reviewer, '/department')?.href).toBe('/department');
    const preparer = navigationFor(['unit-preparer']);
    expect(currentItem(preparer, '/monitoring/review')?.href).toBe('/monitoring');
  });

  it('matches whole path segments only', () => {
    const bureau = navigationFor(['performance-section-reviewer']);
    expect(currentItem(bureau, '/self-evaluations/s1')?.href).toBe('/self-evaluation-rounds');
    expect(currentItem(bureau, '/self-evaluation-review')?.href).toBe('/self-evaluation-review');
    expect(currentItem(bureau, '/reviewers')).toBeUndefined();
    expect(currentItem(bureau, '/sign-in')).toBeUndefined();
  });
});
