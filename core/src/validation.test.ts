import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { uuidV7 } from '#core/ids.ts';
import { languageFromHeader } from '#core/language.ts';
import { createAgency } from '#core/organisation/agency.ts';
import { createDepartment, updateDepartment } from '#core/organisation/department.ts';
import { createUser, userAssignmentErrors } from '#core/organisation/user.ts';
import { validate } from '#core/validation.ts';

describe('validate', () => {
  const department = {
    id: uuidV7(),
    code: ' 102 ',
    name: '东丽区教育局',
    series: 'GOVERNMENT',
    financeSectionId: uuidV7(),
  };

  it('accepts a good department, trims text and defaults the finance-bureau flag', () => {
    const result = validate(createDepartment, department, 'zh-CN');
    expect(result).toEqual({ ok: true, value: { ...department, code: '102', isFinanceBureau: false } });
  });

  it('explains every problem in Chinese with a JSON pointer', () => {
    const result = validate(createDepartment, { ...department, code: '1', name: ' ', extra: true }, 'zh-CN');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { pointer: '/code', code: 'department_code', message: '部门编码应为 3–21 位数字或字母' },
      { pointer: '/name', code: 'not_blank', message: '不能只填空格' },
      { pointer: '/name', code: 'min_length', message: '至少 2 个字符' },
      { pointer: '/extra', code: 'unknown_field', message: '不允许的字段' },
    ]);
  });

  it('explains in English when asked', () => {
    const result = validate(createDepartment, { ...department, series: 'X' }, 'en');
    expect(result.ok ? [] : result.errors).toEqual([
      { pointer: '/series', code: 'picklist', message: 'Not one of the allowed options' },
    ]);
  });

  it('requires a UUIDv7 id on create and a version on update', () => {
    const v4 = validate(createDepartment, { ...department, id: '3b241101-e2bb-4255-8caf-4136c566a962' }, 'zh-CN');
    expect(v4.ok ? [] : v4.errors.map((e) => e.code)).toEqual(['uuid_v7']);
    const update = validate(updateDepartment, { name: '新名字' }, 'zh-CN');
    expect(update.ok ? [] : update.errors).toEqual([{ pointer: '/version', code: 'required', message: '此项必填' }]);
  });

  it('checks the unified social credit code shape and upper-cases it', () => {
    const agency = { id: uuidV7(), name: '某会计师事务所', kind: 'CPA_FIRM' };
    expect(validate(createAgency, { ...agency, creditCode: '91120110ma05jx8k2q' }, 'zh-CN')).toMatchObject({
      ok: true,
      value: { creditCode: '91120110MA05JX8K2Q', creditStatus: 'GOOD' },
    });
    const bad = validate(createAgency, { ...agency, creditCode: '9112011OMA05JX8K2' }, 'zh-CN');
    expect(bad.ok ? [] : bad.errors.map((e) => e.code)).toEqual(['credit_code']);
  });
});

describe('users', () => {
  it('refuses repeated roles and an empty role list', () => {
    const base = { id: uuidV7(), username: 'a.b', displayName: '甲' };
    const repeated = validate(createUser, { ...base, roles: ['observer', 'observer'] }, 'zh-CN');
    expect(repeated.ok ? [] : repeated.errors.map((e) => e.code)).toEqual(['unique_roles']);
    const none = validate(createUser, { ...base, roles: [] }, 'zh-CN');
    expect(none.ok ? [] : none.errors.map((e) => e.code)).toEqual(['min_items']);
  });

  it('requires the organisation each role acts for', () => {
    expect(userAssignmentErrors({ roles: ['unit-preparer'] }, 'zh-CN').map((e) => e.pointer)).toEqual([
      '/unitId',
      '/departmentId',
    ]);
    expect(userAssignmentErrors({ roles: ['evaluator'], agencyId: 'a' }, 'zh-CN')).toEqual([]);
    expect(userAssignmentErrors({ roles: ['performance-section-reviewer'] }, 'en')[0]?.message).toBe(
      'Finance-bureau reviewers need a finance section',
    );
    expect(userAssignmentErrors({ roles: ['tenant-admin', 'observer'] }, 'zh-CN')).toEqual([]);
  });
});

describe('ill-formed text', () => {
  const department = {
    id: uuidV7(),
    code: '102',
    name: '东丽区教育局',
    series: 'GOVERNMENT',
    financeSectionId: uuidV7(),
  };

  it('refuses a lone surrogate in a text field, in the person’s language', () => {
    for (const name of ['东丽\ud800局', '\udc00', '局\udbff', '\udc00\ud800']) {
      const result = validate(createDepartment, { ...department, name }, 'zh-CN');
      expect(result.ok ? [] : result.errors, name).toEqual([
        { pointer: '/name', code: 'well_formed', message: '含有无法识别的字符（不成对的代理项），请删除后重新输入' },
      ]);
    }
    const en = validate(createDepartment, { ...department, name: 'a\ud800' }, 'en');
    expect(en.ok ? '' : en.errors[0]?.message).toMatch(/unpaired surrogate/);
  });

  it('keeps paired surrogates (characters outside the BMP)', () => {
    const result = validate(createDepartment, { ...department, name: '东丽区𠀀教育局😀' }, 'zh-CN');
    expect(result.ok).toBe(true);
  });

  it('refuses one in any string, whatever its schema, at any depth, and in keys', () => {
    const schema = v.object({
      a: v.string(),
      list: v.array(v.object({ b: v.string() })),
      map: v.record(v.string(), v.string()),
    });
    const result = validate(
      schema,
      { a: 'x\ud800', list: [{ b: 'ok' }, { b: '\udfff' }], map: { 'k\ud800': 'v' } },
      'en',
    );
    expect(result.ok ? [] : result.errors.map((e) => [e.pointer, e.code])).toEqual([
      ['/a', 'well_formed'],
      ['/list/1/b', 'well_formed'],
      ['/map/k\ufffd', 'well_formed'],
    ]);
    // Every pointer can be sent: it is well-formed itself.
    expect(() => encodeURIComponent(JSON.stringify(result))).not.toThrow();
  });
});

describe('a list where an object is wanted', () => {
  it('is refused for a body with no fields or only optional ones, at the top and nested', () => {
    const none = validate(v.strictObject({}), [], 'zh-CN');
    expect(none.ok ? [] : none.errors).toEqual([{ pointer: '', code: 'object', message: '应为对象' }]);
    expect(validate(v.strictObject({}), {}, 'zh-CN').ok).toBe(true);
    const optional = v.object({
      a: v.optional(v.string()),
      inner: v.optional(v.strictObject({ b: v.optional(v.number()) })),
    });
    const top = validate(optional, [], 'en');
    expect(top.ok ? [] : top.errors.map((e) => [e.pointer, e.code])).toEqual([['', 'object']]);
    const nested = validate(optional, { inner: [] }, 'en');
    expect(nested.ok ? [] : nested.errors.map((e) => [e.pointer, e.code])).toEqual([['/inner', 'object']]);
    const piped = validate(
      v.pipe(
        v.strictObject({}),
        v.check(() => true),
      ),
      [1],
      'en',
    );
    expect(piped.ok).toBe(false);
  });

  it('leaves lists where lists are wanted', () => {
    const schema = v.object({
      list: v.array(v.object({ b: v.optional(v.string()) })),
      either: v.optional(v.union([v.array(v.string()), v.string()])),
    });
    expect(validate(schema, { list: [{}, { b: 'x' }], either: ['a'] }, 'en').ok).toBe(true);
    const inner = validate(schema, { list: [[]] }, 'en');
    expect(inner.ok ? [] : inner.errors.map((e) => [e.pointer, e.code])).toEqual([['/list/0', 'object']]);
  });
});

describe('languageFromHeader', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['en-US,en;q=0.9', 'en'],
    ['fr-FR,en;q=0.5,zh;q=0.8', 'zh-CN'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0.2, zh-TW;q=0.1', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(languageFromHeader(header)).toBe(expected);
  });
});

describe('uuidV7', () => {
  it('makes version-7 ids that sort by time', () => {
    const a = uuidV7(1_700_000_000_000);
    const b = uuidV7(1_700_000_000_001);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
    expect(v.is(v.pipe(v.string(), v.uuid()), a)).toBe(true);
  });
});
