import { describe, expect, it } from 'vitest';
import {
  type DisclosurePackage,
  defaultRequiredTables,
  type PackageProject,
  packageErrors,
  publicProjects,
} from '#core/disclosure/disclosure-package.ts';

const required = defaultRequiredTables.BUDGET;
const published: PackageProject = {
  projectId: 'p1',
  code: 'P1',
  name: '老旧小区物业服务补贴',
  withheldReason: null,
  performanceRef: 't1',
};
const withheld: PackageProject = {
  projectId: 'p2',
  code: 'P2',
  name: '某涉密项目',
  withheldReason: '涉及国家秘密',
  performanceRef: 't2',
};
const complete: DisclosurePackage = {
  kind: 'BUDGET',
  tables: required.map((name, i) => ({ name, fileId: `f${i}` })),
  projects: [published, withheld],
};

describe('a disclosure package’s checks', () => {
  it('a complete budget package with one project withheld for a reason passes', () => {
    expect(packageErrors(complete, required, 'zh-CN')).toEqual([]);
  });

  it('names each missing table, a withheld project without its reason, and a published one without targets', () => {
    const broken: DisclosurePackage = {
      ...complete,
      tables: complete.tables.map((t, i) => (i === 2 ? { ...t, fileId: null } : t)).filter((_, i) => i !== 8),
      projects: [
        { ...published, performanceRef: null },
        { ...withheld, withheldReason: '  ' },
      ],
    };
    expect(packageErrors(broken, required, 'zh-CN')).toEqual([
      { pointer: '/tables', code: 'table_missing', message: '缺少必须公开的表格：支出总表' },
      { pointer: '/tables', code: 'table_missing', message: '缺少必须公开的表格：国有资本经营预算支出表' },
      { pointer: '/projects/0/performanceRef', code: 'targets_missing', message: '公开的项目须附终审的绩效目标' },
      {
        pointer: '/projects/1/withheldReason',
        code: 'withheld_reason_required',
        message: '不予公开的项目须说明理由（如涉密）',
      },
    ]);
  });

  it('final accounts ask for self-evaluation results, in English too', () => {
    const accounts: DisclosurePackage = {
      kind: 'FINAL_ACCOUNTS',
      tables: defaultRequiredTables.FINAL_ACCOUNTS.map((name) => ({ name, fileId: 'f' })),
      projects: [{ projectId: 'p1', code: 'P1', name: 'x', withheldReason: null, performanceRef: null }],
    };
    expect(packageErrors(accounts, defaultRequiredTables.FINAL_ACCOUNTS, 'en')).toEqual([
      {
        pointer: '/projects/0/performanceRef',
        code: 'results_missing',
        message: 'A published project needs its self-evaluation result',
      },
    ]);
  });
});

describe('the confidentiality screen', () => {
  it('shows nothing before publication and never a withheld project, nor why it was withheld', () => {
    for (const status of ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'])
      expect(publicProjects(status, complete)).toEqual([]);
    const shown = publicProjects('PUBLISHED', complete);
    expect(shown).toEqual([{ projectId: 'p1', code: 'P1', name: '老旧小区物业服务补贴', performanceRef: 't1' }]);
    expect(JSON.stringify(shown)).not.toContain('涉密');
  });
});
