/**
 * The geometry of the dashboard's bar charts, in pixels of the width the chart is drawn at (the
 * SVG is as wide as its box, so text keeps its size on a phone and on a desktop). Pure, so the
 * bars' lengths are tested rather than eyeballed.
 */
export interface Segment {
  key: string;
  value: number;
}

export interface PlacedSegment extends Segment {
  x: number;
  width: number;
  /** Whether the count fits inside its piece of the bar (otherwise only the total and the table say it). */
  labelled: boolean;
}

/** About how wide a count drawn in the chart's 12px digits is. */
export const digitWidth = 7.5;
const padding = 8;

/** Every row's bar shares one scale: the largest total fills `width`. */
export const stackSegments = (rows: readonly (readonly Segment[])[], width: number): PlacedSegment[][] => {
  const largest = Math.max(1, ...rows.map((segments) => segments.reduce((sum, s) => sum + Math.max(0, s.value), 0)));
  return rows.map((segments) => {
    let x = 0;
    return segments.map((s) => {
      const w = (Math.max(0, s.value) / largest) * Math.max(0, width);
      const placed = { ...s, x, width: w, labelled: s.value > 0 && w >= String(s.value).length * digitWidth + padding };
      x += w;
      return placed;
    });
  });
};

/** A percentage's position on a 0–100 % axis `width` wide; beyond 100 % stays at the end. */
export const percentX = (pct: number | null, width: number): number =>
  pct === null ? 0 : (Math.min(100, Math.max(0, pct)) / 100) * Math.max(0, width);

/**
 * How far execution is behind time progress, in points (negative when ahead), and the tone the
 * round's thresholds give it: more than the red gap behind is red, more than the yellow gap yellow.
 */
export const behindTone = (
  ratePct: number | null,
  timePct: number,
  gaps: { yellow: number; red: number },
): { behind: number | null; tone: 'ok' | 'back' | 'stop' | 'draft' } => {
  if (ratePct === null) return { behind: null, tone: 'draft' };
  const behind = Math.round((timePct - ratePct) * 10) / 10;
  return { behind, tone: behind > gaps.red ? 'stop' : behind > gaps.yellow ? 'back' : 'ok' };
};

/** The fraction `part / whole` in percent for a meter, 0 when there is nothing to measure. */
export const share = (part: number, whole: number): number => (whole > 0 ? Math.min(100, (part / whole) * 100) : 0);
