/**
 * A signature drawn with a finger, kept as SVG path data (`M x y L x y …`): a few KB that any
 * viewer can draw, and the schema's pattern (/^[MLml0-9 .,-]*$/, ≤ 40,000 characters) admits
 * nothing else. Points closer than a pixel apart add nothing and are dropped; when a long
 * signature would still exceed the cap, points are thinned further until it fits.
 */
export interface Point {
  x: number;
  y: number;
}

export const signatureMaxChars = 40_000;

const round = (n: number): string => String(Math.round(n * 10) / 10);

const thin = (stroke: readonly Point[], minDistance: number): Point[] => {
  const kept: Point[] = [];
  for (const p of stroke) {
    const last = kept.at(-1);
    if (!last || Math.hypot(p.x - last.x, p.y - last.y) >= minDistance) kept.push(p);
  }
  const end = stroke.at(-1);
  if (end && kept.at(-1) !== end && kept.length > 0) kept.push(end);
  return kept;
};

const pathOf = (strokes: readonly Point[][]): string =>
  strokes
    .filter((s) => s.length > 0)
    .map((s) => {
      const [first, ...rest] = s as [Point, ...Point[]];
      // A tap is a dot: a line of length zero, which a round line cap draws.
      const tail = rest.length ? rest : [first];
      return `M ${round(first.x)} ${round(first.y)} ${tail.map((p) => `L ${round(p.x)} ${round(p.y)}`).join(' ')}`;
    })
    .join(' ');

export const signaturePath = (strokes: readonly (readonly Point[])[]): string => {
  let distance = 1;
  let path = pathOf(strokes.map((s) => thin(s, distance)));
  while (path.length > signatureMaxChars && distance < 512) {
    distance *= 2;
    path = pathOf(strokes.map((s) => thin(s, distance)));
  }
  return path;
};
