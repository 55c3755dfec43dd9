import type { Language } from '#core/language.ts';
import type { FieldError } from '#core/problem.ts';

/**
 * What a department publishes for a year (docs/domain/disclosure.md#what-is-published): the budget
 * with its performance targets, or the final accounts with self-evaluation and key-evaluation
 * results. The tables a package must carry are the tenant's list for the year; the defaults are those
 * of 财预〔2016〕143号 (department budgets) and their 决算 counterparts. Each project is either
 * published or withheld with a reason (涉密: the confidentiality screen), never silently left out.
 */
export const disclosureKinds = ['BUDGET', 'FINAL_ACCOUNTS'] as const;
export type DisclosureKind = (typeof disclosureKinds)[number];

export const defaultRequiredTables: Readonly<Record<DisclosureKind, readonly string[]>> = {
  BUDGET: [
    '收支总表',
    '收入总表',
    '支出总表',
    '财政拨款收支总表',
    '一般公共预算支出表',
    '一般公共预算基本支出表',
    '一般公共预算“三公”经费支出表',
    '政府性基金预算支出表',
    '国有资本经营预算支出表',
  ],
  FINAL_ACCOUNTS: [
    '收入支出决算总表',
    '收入决算表',
    '支出决算表',
    '财政拨款收入支出决算总表',
    '一般公共预算财政拨款支出决算表',
    '一般公共预算财政拨款基本支出决算表',
    '一般公共预算财政拨款“三公”经费支出决算表',
    '政府性基金预算财政拨款收入支出决算表',
    '国有资本经营预算财政拨款支出决算表',
  ],
};

export interface PackageTable {
  name: string;
  /** The uploaded file; null while it is still missing. */
  fileId: string | null;
}

export interface PackageProject {
  projectId: string;
  code: string;
  name: string;
  /** Withheld from publication (涉密 and the like), with the reason recorded; null when published. */
  withheldReason: string | null;
  /** BUDGET: the approved targets' version; FINAL_ACCOUNTS: the self-evaluation result. Null when there is none. */
  performanceRef: string | null;
}

export interface DisclosurePackage {
  kind: DisclosureKind;
  tables: readonly PackageTable[];
  projects: readonly PackageProject[];
}

const words: Record<string, (d: Record<string, unknown>) => Record<Language, string>> = {
  table_missing: (d) => ({
    'zh-CN': `缺少必须公开的表格：${String(d.name)}`,
    en: `A required table is missing: ${String(d.name)}`,
  }),
  withheld_reason_required: () => ({
    'zh-CN': '不予公开的项目须说明理由（如涉密）',
    en: 'A project withheld from publication needs its reason (such as confidentiality)',
  }),
  targets_missing: () => ({
    'zh-CN': '公开的项目须附终审的绩效目标',
    en: 'A published project needs its final-approved performance targets',
  }),
  results_missing: () => ({
    'zh-CN': '公开的项目须附绩效自评结果',
    en: 'A published project needs its self-evaluation result',
  }),
};

const error = (
  pointer: string,
  code: string,
  language: Language,
  detail: Record<string, unknown> = {},
): FieldError => ({
  pointer,
  code,
  message: (words[code] as (d: Record<string, unknown>) => Record<Language, string>)(detail)[language],
});

/** What stops a package from going to approval: every required table present, every project published with its performance part or withheld with a reason. */
export const packageErrors = (
  pkg: DisclosurePackage,
  required: readonly string[],
  language: Language,
): FieldError[] => {
  const errors: FieldError[] = [];
  const present = new Set(pkg.tables.filter((t) => t.fileId !== null).map((t) => t.name));
  for (const name of required)
    if (!present.has(name)) errors.push(error('/tables', 'table_missing', language, { name }));
  pkg.projects.forEach((p, i) => {
    if (p.withheldReason !== null) {
      if (!p.withheldReason.trim())
        errors.push(error(`/projects/${i}/withheldReason`, 'withheld_reason_required', language));
      return;
    }
    if (p.performanceRef === null) {
      errors.push(
        error(`/projects/${i}/performanceRef`, pkg.kind === 'BUDGET' ? 'targets_missing' : 'results_missing', language),
      );
    }
  });
  return errors;
};

/**
 * The part of a package the public may see: nothing until it is published, and never a withheld
 * project. The portal is built from this and nothing else.
 */
export const publicProjects = (
  status: string,
  pkg: Pick<DisclosurePackage, 'projects'>,
): readonly Omit<PackageProject, 'withheldReason'>[] =>
  status !== 'PUBLISHED'
    ? []
    : pkg.projects
        .filter((p) => p.withheldReason === null)
        .map(({ projectId, code, name, performanceRef }) => ({ projectId, code, name, performanceRef }));
