import { describe, expect, it } from 'vitest';
import { behindTone, percentX, share, stackSegments } from '#lib/monitoring/chart-scale.ts';

describe('stackSegments', () => {
  it('puts every row on one scale, the largest total filling the width, pieces end to end', () => {
    const [first, second] = stackSegments(
      [
        [
          { key: 'RED', value: 2 },
          { key: 'YELLOW', value: 1 },
          { key: 'GREEN', value: 1 },
        ],
        [
          { key: 'RED', value: 0 },
          { key: 'YELLOW', value: 0 },
          { key: 'GREEN', value: 2 },
        ],
      ],
      400,
    );
    expect(first!.map((s) => [s.x, s.width])).toEqual([
      [0, 200],
      [200, 100],
      [300, 100],
    ]);
    expect(second!.map((s) => [s.x, s.width])).toEqual([
      [0, 0],
      [0, 0],
      [0, 200],
    ]);
  });

  it('labels a piece only when its count fits inside it, and never an empty one', () => {
    const [row] = stackSegments(
      [
        [
          { key: 'RED', value: 1 },
          { key: 'GREEN', value: 99 },
          { key: 'YELLOW', value: 0 },
        ],
      ],
      300,
    );
    expect(row!.map((s) => s.labelled)).toEqual([false, true, false]);
  });

  it('draws nothing, without dividing by zero, when every count is zero', () => {
    const [row] = stackSegments([[{ key: 'RED', value: 0 }]], 300);
    expect(row![0]).toMatchObject({ x: 0, width: 0, labelled: false });
  });
});

describe('percentX', () => {
  it('places a rate on the 0–100 % axis, capped at both ends', () => {
    expect(percentX(50, 300)).toBe(150);
    expect(percentX(120, 300)).toBe(300);
    expect(percentX(-5, 300)).toBe(0);
    expect(percentX(null, 300)).toBe(0);
  });
});

describe('behindTone', () => {
  const gaps = { yellow: 10, red: 20 };
  it('is yellow beyond the yellow gap and red beyond the red gap, as the round’s thresholds say', () => {
    expect(behindTone(50, 50, gaps)).toEqual({ behind: 0, tone: 'ok' });
    expect(behindTone(40, 50, gaps)).toEqual({ behind: 10, tone: 'ok' });
    expect(behindTone(39.9, 50, gaps)).toEqual({ behind: 10.1, tone: 'back' });
    expect(behindTone(30, 50, gaps)).toEqual({ behind: 20, tone: 'back' });
    expect(behindTone(29.5, 50, gaps)).toEqual({ behind: 20.5, tone: 'stop' });
    expect(behindTone(70, 50, gaps)).toEqual({ behind: -20, tone: 'ok' });
  });
  it('has no tone without a rate (nothing reported yet)', () => {
    expect(behindTone(null, 50, gaps)).toEqual({ behind: null, tone: 'draft' });
  });
});

describe('share', () => {
  it('is a percentage for a meter, zero for an empty whole, never above 100', () => {
    expect(share(1, 4)).toBe(25);
    expect(share(0, 0)).toBe(0);
    expect(share(5, 4)).toBe(100);
  });
});
