import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  functionalClassLabel,
  functionalClassTree,
  isKnownFunctionalClass,
  searchFunctionalClasses,
} from '#core/submission/functional-classification.ts';
import { createProject } from '#core/submission/project.ts';

describe('the functional classification table', () => {
  it('has unique codes, every 款 five digits under its own 类, and names', () => {
    const codes = functionalClassTree.flatMap((g) => [g.code, ...g.items.map((i) => i.code)]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const g of functionalClassTree) {
      expect(g.code).toMatch(/^2\d\d$/);
      expect(g.name.trim()).not.toBe('');
      for (const i of g.items) {
        expect(i.code).toMatch(/^\d{5}$/);
        expect(i.code.startsWith(g.code)).toBe(true);
        expect(i.name.trim()).not.toBe('');
      }
      expect([...g.items.map((i) => i.code)].sort()).toEqual(g.items.map((i) => i.code));
    }
    expect(functionalClassTree.map((g) => g.code)).toEqual([...functionalClassTree.map((g) => g.code)].sort());
  });

  it('knows the codes the demo and the tests use, and no others', () => {
    for (const code of [
      '205',
      '20502',
      '20503',
      '20508',
      '20509',
      '20599',
      '20104',
      '20802',
      '21203',
      '20204',
      '20132',
    ])
      expect(isKnownFunctionalClass(code), code).toBe(true);
    for (const code of ['200', '20500', '99999', '2050', '']) expect(isKnownFunctionalClass(code), code).toBe(false);
    expect(functionalClassLabel('20502')).toBe('20502 普通教育');
    expect(functionalClassLabel('205')).toBe('205 教育支出');
    expect(functionalClassLabel('20598')).toBe('20598');
  });

  it('searches by code prefix', () => {
    const found = searchFunctionalClasses('2050');
    expect(found.map((g) => g.code)).toEqual(['205']);
    expect(found[0]!.items.map((i) => i.code)).toContain('20502');
    // A whole 类 code keeps all its 款.
    expect(searchFunctionalClasses('208')[0]!.items).toHaveLength(
      functionalClassTree.find((g) => g.code === '208')!.items.length,
    );
    expect(searchFunctionalClasses('20502')[0]!.items.map((i) => i.code)).toEqual(['20502']);
    expect(searchFunctionalClasses('3')).toEqual([]);
  });

  it('searches by a fragment of the Chinese name', () => {
    const found = searchFunctionalClasses('教育');
    const education = found.find((g) => g.code === '205');
    expect(education?.items.map((i) => i.code)).toContain('20502');
    // Only the matching 款 of a 类 whose own name does not match.
    expect(searchFunctionalClasses('污染防治')).toEqual([
      expect.objectContaining({ code: '211', items: [{ code: '21103', name: '污染防治' }] }),
    ]);
    expect(searchFunctionalClasses('  ')).toHaveLength(functionalClassTree.length);
    expect(searchFunctionalClasses('不存在的科目')).toEqual([]);
  });

  it('is what a project may name: an unknown code is refused by its own rule', () => {
    const project = {
      id: '019300a0-0000-7000-8000-000000000001',
      fiscalYear: 2026,
      code: 'PRJ000001',
      name: '测试项目',
      description: '',
      unitId: '019300a0-0000-7000-8000-000000000002',
      category: 'OPERATIONAL',
      nature: 'NEW',
      recurrence: 'ONE_OFF',
      periodStart: 2026,
      periodEnd: 2026,
      funds: { fiscal: 1, carryOver: 0, other: 0 },
      majorPolicy: false,
    };
    expect(v.safeParse(createProject, { ...project, functionalClass: '20502' }).success).toBe(true);
    const refused = v.safeParse(createProject, { ...project, functionalClass: '20598' });
    expect(refused.success).toBe(false);
    expect(refused.issues?.map((i) => i.message)).toEqual(['functional_class_unknown']);
  });
});
