import { describe, expect, it } from 'vitest';
import { requiredWhenEmpty } from '#lib/problem-text.ts';

describe('an empty required field says it is required; only spaces say 不能只填空格 (issue 10)', () => {
  const notBlank = (pointer: string) => ({ pointer, code: 'not_blank', message: '不能只填空格' });

  it('rewords an empty field, at any depth, and leaves a field of spaces and other errors alone', () => {
    const values = { name: '', summary: '   ', rows: [{ name: '' }], code: 'x' };
    const errors = [
      notBlank('/name'),
      notBlank('/summary'),
      notBlank('/rows/0/name'),
      { pointer: '/code', code: 'min_length', message: '至少 2 个字符' },
    ];
    expect(requiredWhenEmpty(errors, values, 'zh-CN')).toEqual([
      { pointer: '/name', code: 'required', message: '此项必填' },
      notBlank('/summary'),
      { pointer: '/rows/0/name', code: 'required', message: '此项必填' },
      { pointer: '/code', code: 'min_length', message: '至少 2 个字符' },
    ]);
    expect(requiredWhenEmpty([notBlank('/name')], values, 'en')[0]!.message).toBe('Required');
  });
});
