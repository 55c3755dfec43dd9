import { copyTemplate } from '@jixiao/core/department-evaluation/framework-templates.ts';
import { describe, expect, it } from 'vitest';
import { copyPackedTemplate } from '#functions/department-evaluation/packed-templates.ts';

describe('the packed framework templates', () => {
  it.each(['NATIONAL_2013', 'SICHUAN', 'STREET_PARK'] as const)(
    '%s is core’s template (else run npx node functions/src/department-evaluation/pack-templates.ts)',
    (id) => {
      expect(copyPackedTemplate(id, 2026)).toEqual(copyTemplate(id, 2026));
    },
  );

  it('gives a copy that shares nothing with the next one', () => {
    const first = copyPackedTemplate('NATIONAL_2013', 2026);
    first.level1[0]!.points = 99;
    expect(copyPackedTemplate('NATIONAL_2013', 2026).level1[0]!.points).not.toBe(99);
  });
});
