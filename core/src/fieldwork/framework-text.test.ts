import { describe, expect, it } from 'vitest';
import { buildFramework, frameworkText } from '#core/fieldwork/evaluation-framework.ts';

describe('a framework read in English', () => {
  const framework = buildFramework([], { DECISION: 20, PROCESS: 20, OUTPUT: 30, BENEFIT: 30 }, () =>
    crypto.randomUUID(),
  );

  it('has an English name, level 2 and standard for every built-in indicator', () => {
    expect(framework.length).toBeGreaterThan(0);
    for (const indicator of framework) {
      for (const text of [indicator.level2, indicator.name, indicator.standard]) {
        expect(frameworkText(text, 'zh-CN')).toBe(text);
        expect(frameworkText(text, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(frameworkText('资金到位率', 'en')).toBe('Funds received rate');
    expect(frameworkText('产出数量', 'en')).toBe('Output quantity');
  });

  it('leaves what an evaluation or a unit wrote itself as written', () => {
    expect(frameworkText('改造小区数量', 'en')).toBe('改造小区数量');
  });
});
