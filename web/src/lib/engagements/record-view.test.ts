import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkPhoto,
  formatCoordinate,
  formatMetres,
  percent,
  sha256Hex,
  signatureViewBox,
} from '#lib/engagements/record-view.ts';

describe('signatureViewBox', () => {
  it('boxes every point of the strokes with a margin', () => {
    expect(signatureViewBox('M 10 10 L 20 20 L 30 15')).toBe('2 2 36 26');
    expect(signatureViewBox('M 5.5 40 L 105.5 60 M 50 10 L 60 90', 0)).toBe('5.5 10 100 80');
  });
  it('has nothing to box in an empty path', () => {
    expect(signatureViewBox('M')).toBeNull();
  });
});

describe('the photo checksum', () => {
  const bytes = new TextEncoder().encode('楼道照明').buffer as ArrayBuffer;
  const hex = createHash('sha256').update(new Uint8Array(bytes)).digest('hex');

  it('hashes like the server does', async () => {
    expect(await sha256Hex(bytes)).toBe(hex);
  });
  it('says whether the downloaded bytes are the declared ones', async () => {
    expect(await checkPhoto(bytes, hex.toUpperCase())).toBe('match');
    expect(await checkPhoto(new TextEncoder().encode('x').buffer as ArrayBuffer, hex)).toBe('mismatch');
  });
});

describe('formats', () => {
  it('rounds metres, keeps six decimals of a coordinate, and bounds a percentage', () => {
    expect(formatMetres(12.4)).toBe('12');
    expect(formatMetres(0.64)).toBe('0.6');
    expect(formatCoordinate(39.1192)).toBe('39.119200');
    expect(percent(3, 4)).toBe(75);
    expect(percent(5, 4)).toBe(100);
    expect(percent(1, 0)).toBe(0);
  });
});
