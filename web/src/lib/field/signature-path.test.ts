import { describe, expect, it } from 'vitest';
import { fitWithin } from '#lib/field/photo-size.ts';
import { signatureMaxChars, signaturePath } from '#lib/field/signature-path.ts';

const pattern = /^[MLml0-9 .,-]*$/;

describe('signaturePath', () => {
  it('writes strokes as M/L path data the schema admits', () => {
    const path = signaturePath([
      [
        { x: 10.04, y: 20 },
        { x: 30, y: 40.26 },
      ],
      [{ x: 5, y: 5 }],
    ]);
    expect(path).toBe('M 10 20 L 30 40.3 M 5 5 L 5 5');
    expect(path).toMatch(pattern);
  });

  it('thins a very long signature until it fits the cap', () => {
    const stroke = Array.from({ length: 20_000 }, (_, i) => ({ x: (i * 3.7) % 600, y: (i * 1.3) % 240 }));
    const path = signaturePath([stroke]);
    expect(path.length).toBeLessThanOrEqual(signatureMaxChars);
    expect(path).toMatch(pattern);
    expect(path.startsWith('M 0 0')).toBe(true);
  });

  it('is empty without strokes', () => {
    expect(signaturePath([])).toBe('');
  });
});

describe('fitWithin', () => {
  it('scales the longer side down to the limit and keeps the aspect', () => {
    expect(fitWithin(3000, 2000, 1600)).toEqual({ width: 1600, height: 1067 });
    expect(fitWithin(2000, 4000, 1600)).toEqual({ width: 800, height: 1600 });
    expect(fitWithin(1200, 900, 1600)).toEqual({ width: 1200, height: 900 });
  });
});
