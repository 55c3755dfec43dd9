/** The size a photo is drawn at so its longer side is at most `max` pixels (never enlarged). */
export const fitWithin = (width: number, height: number, max: number): { width: number; height: number } => {
  const longer = Math.max(width, height);
  if (longer <= max) return { width, height };
  const scale = max / longer;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
};
