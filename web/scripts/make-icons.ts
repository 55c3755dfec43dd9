import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

/**
 * Draws the app icons into `static/icons/` with nothing but zlib: an ink-blue tile with three
 * rising bars and a vermilion seal dot (the target reached). Shapes are signed-distance functions,
 * sampled 4×4 per pixel for smooth edges. Run with `node scripts/make-icons.ts` (Node ≥ 22.18).
 */

type Rgba = [number, number, number, number];
type Shape = (x: number, y: number) => number; // signed distance in unit coordinates, < 0 inside

const ink: Rgba = [29, 63, 114, 255];
const paper: Rgba = [255, 255, 255, 255];
const seal: Rgba = [196, 58, 44, 255];

const roundedRect =
  (cx: number, cy: number, hw: number, hh: number, r: number): Shape =>
  (x, y) => {
    const qx = Math.abs(x - cx) - hw + r;
    const qy = Math.abs(y - cy) - hh + r;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
  };

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r;

/** The motif, in a unit square; `scale` shrinks it about the centre (maskable icons keep to the safe zone). */
const motif = (scale: number): Array<{ shape: Shape; colour: Rgba }> => {
  const s = (v: number) => 0.5 + (v - 0.5) * scale;
  const bottom = 0.74;
  const bar = (x: number, top: number) =>
    roundedRect(s(x), s((top + bottom) / 2), 0.065 * scale, ((bottom - top) / 2) * scale, 0.02 * scale);
  return [
    { shape: bar(0.32, 0.58), colour: paper },
    { shape: bar(0.5, 0.47), colour: paper },
    { shape: bar(0.68, 0.36), colour: paper },
    { shape: roundedRect(s(0.5), s(0.795), 0.3 * scale, 0.022 * scale, 0.02 * scale), colour: paper },
    { shape: circle(s(0.68), s(0.235), 0.075 * scale), colour: seal },
  ];
};

const render = (size: number, maskable: boolean): Uint8Array => {
  const tile: Shape = maskable ? () => -1 : roundedRect(0.5, 0.5, 0.5, 0.5, 0.18);
  const layers = [{ shape: tile, colour: ink }, ...motif(maskable ? 0.72 : 0.92)];
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let colour: Rgba = [0, 0, 0, 0];
          for (const layer of layers) if (layer.shape(x, y) < 0) colour = layer.colour;
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const i = (py * size + px) * 4;
      pixels[i] = a ? Math.round(r / a) : 0;
      pixels[i + 1] = a ? Math.round(g / a) : 0;
      pixels[i + 2] = a ? Math.round(b / a) : 0;
      pixels[i + 3] = Math.round(a / (n * n));
    }
  }
  return pixels;
};

const crcTable = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Uint8Array): Buffer => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};

const png = (size: number, rgba: Uint8Array): Buffer => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
};

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'icons');
mkdirSync(out, { recursive: true });
const icons: Array<[string, number, boolean]> = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-192.png', 192, true],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['favicon-32.png', 32, false],
];
for (const [name, size, maskable] of icons) {
  writeFileSync(join(out, name), png(size, render(size, maskable)));
  console.log(`static/icons/${name}`);
}
